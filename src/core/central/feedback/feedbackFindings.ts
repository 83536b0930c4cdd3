import type { QualityLine } from '../intake/deliveryToParquet.ts';
import type { GemeenteRecords } from '../records/currentRecords.ts';
import type { Counts, FeedbackFigures, FigureRow, Level } from './feedbackFigures.ts';
import { ERNST_ORDER, sentence, type Ernst, type PlausibilityRule } from './plausibilityRules.ts';

export type Finding = { ernst: Ernst; onderwerp: string; bevinding: string };

export type FindingInput = {
  figures: FeedbackFigures;
  vorigePeriode: string;
  previous: GemeenteRecords | null;
  cbsGeladen: boolean;
  sleutelGewijzigd: boolean;
  samenvatting: Record<string, number>;
  kwaliteitRegels: QualityLine[];
};

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const amount = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (n: number, format = number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${format.format(Math.abs(n))}`;

export function subject(level: Level | 'totaal', row: Pick<FigureRow, 'sleutel' | 'label'>): string {
  if (level === 'totaal') return 'het totaal van de levering';
  if (level === 'pijler') return `pijler ${row.sleutel}`;
  if (level === 'product') return row.label === row.sleutel ? `product ${row.sleutel}` : `product ${row.sleutel} (${row.label})`;
  return `wijk ${row.sleutel}`;
}

/**
 * The findings of the plausibility report, each with a severity and a Dutch sentence from
 * resources/plausibiliteit.csv. Changes are judged only from the table's lower bound on (small
 * numbers swing by themselves); the most severe threshold that is crossed decides.
 */
export function plausibilityFindings(input: FindingInput, rules: readonly PlausibilityRule[]): Finding[] {
  const findings: Finding[] = [];
  const of = (controle: string) => rules.filter((r) => r.controle === controle && r.ernst !== null);
  const once = (controle: string, onderwerp: string, values: Record<string, string | number> = {}) => {
    const rule = of(controle)[0];
    if (rule) findings.push({ ernst: rule.ernst!, onderwerp, bevinding: sentence(rule.tekst, values) });
  };
  /** The rule with the highest threshold at or below `value` (for "more than" checks). */
  const above = (controle: string, value: number) => of(controle).filter((r) => r.drempel !== null && value >= r.drempel).sort((a, b) => b.drempel! - a.drempel!)[0];
  /** The rule with the lowest threshold above `value` (for "less than" checks). */
  const below = (controle: string, value: number, gegeven: string) =>
    of(controle).filter((r) => r.drempel !== null && value < r.drempel && (r.gegevens.length === 0 || r.gegevens.includes(gegeven))).sort((a, b) => a.drempel! - b.drempel!)[0];
  const minimum = rules.find((r) => r.controle === 'ondergrens_vergelijking')?.drempel ?? 0;

  if (input.sleutelGewijzigd) once('sleutel_gewijzigd', 'sleutel');
  if (!input.previous) once('geen_vorige_periode', 'vorige periode', { vorige: input.vorigePeriode });
  else if (input.previous.ontbreekt.length > 0 || input.previous.sleutelBreuk) once('onvolledige_periode', 'vorige periode', { uitleg: input.previous.uitleg });

  const levels: [Level | 'totaal', FigureRow[]][] = [['totaal', [input.figures.totaal]], ...(Object.entries(input.figures.niveaus) as [Level, FigureRow[]][])];
  for (const [level, rows] of levels) {
    for (const row of rows) {
      const onderwerp = subject(level, row);
      if (row.vorig) changeFindings(row, row.vorig, onderwerp, level);
      perInhabitant(row, onderwerp);
    }
  }

  function changeFindings(row: FigureRow, vorig: Counts, onderwerp: string, level: Level | 'totaal') {
    const vorige = input.vorigePeriode;
    if (row.clienten === 0 && vorig.clienten > 0) {
      if (level === 'pijler' || vorig.clienten >= minimum) once('verdwenen', onderwerp, { onderwerp, vorig: vorig.clienten, vorige });
      return;
    }
    if (vorig.clienten === 0 && row.clienten > 0) {
      if (level === 'pijler' || level === 'product') once('nieuw', onderwerp, { onderwerp, aantal: row.clienten, vorige });
      return;
    }
    if (vorig.clienten < minimum) return;
    for (const [controle, now, then, format] of [
      ['verandering_clienten', row.clienten, vorig.clienten, number],
      ['verandering_voorzieningen', row.voorzieningen, vorig.voorzieningen, number],
      ['verandering_kosten', row.kosten, vorig.kosten, amount],
    ] as const) {
      if (then === 0) continue;
      const pct = ((now - then) / then) * 100;
      const rule = above(controle, Math.abs(pct));
      if (!rule) continue;
      findings.push({
        ernst: rule.ernst!,
        onderwerp,
        bevinding: sentence(rule.tekst, { onderwerp, richting: pct > 0 ? 'gestegen' : 'gedaald', procent: number.format(Math.abs(pct)), verschil: signed(now - then, format), vorige }),
      });
    }
  }

  function perInhabitant(row: FigureRow, onderwerp: string) {
    if (row.perInwoner === null || row.referentie === null || row.clienten < minimum) return;
    for (const [controle, own, reference, format] of [
      ['afwijking_per_1000', row.perInwoner.clientenPer1000, row.referentie.clientenPer1000, number],
      ['afwijking_kosten_per_inwoner', row.perInwoner.kostenPerInwoner, row.referentie.kostenPerInwoner, amount],
    ] as const) {
      if (reference <= 0 || own <= 0) continue;
      const factor = own / reference;
      const rule = above(controle, Math.max(factor, 1 / factor));
      if (!rule) continue;
      findings.push({ ernst: rule.ernst!, onderwerp, bevinding: sentence(rule.tekst, { onderwerp, waarde: format.format(own), referentie: format.format(reference), factor: number.format(factor) }) });
    }
  }

  if (!input.cbsGeladen) once('geen_cbs', 'inwoners');
  else if (input.figures.referentieGemeenten === 0) once('geen_andere_gemeenten', 'andere gemeenten');

  const s = input.samenvatting;
  const share = (part: number | undefined, whole: number | undefined) => (part === undefined || !whole ? null : (part / whole) * 100);
  const unknown = share(s.postcode_onbekend, s.rijen_ingelezen);
  const unknownRule = unknown === null ? undefined : above('wijk_onbekend', unknown);
  if (unknownRule) findings.push({ ernst: unknownRule.ernst!, onderwerp: 'wijk onbekend', bevinding: sentence(unknownRule.tekst, { procent: number.format(unknown!), aantal: s.postcode_onbekend! }) });
  const invalid = share(s.bsn_ongeldig, s.rijen_gelezen);
  const invalidRule = invalid === null ? undefined : above('bsn_ongeldig', invalid);
  if (invalidRule) findings.push({ ernst: invalidRule.ernst!, onderwerp: 'bsn', bevinding: sentence(invalidRule.tekst, { procent: number.format(invalid!), aantal: s.bsn_ongeldig! }) });
  for (const line of input.kwaliteitRegels.filter((l) => l.controle === 'vulgraad' && l.totaal > 0)) {
    const rule = below('vulgraad', line.percentage, line.gegeven);
    if (rule) findings.push({ ernst: rule.ernst!, onderwerp: line.gegeven, bevinding: sentence(rule.tekst, { onderwerp: line.gegeven, procent: number.format(line.percentage) }) });
  }
  return findings.sort((a, b) => ERNST_ORDER.indexOf(a.ernst) - ERNST_ORDER.indexOf(b.ernst));
}
