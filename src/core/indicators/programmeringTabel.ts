import type { OverzichtTabel, TabelKolom } from '../../shared/api.ts';
import { parsePeriode } from '../period/periode.ts';
import { keyOf, type ProgrammeringRow } from '../programmering/programmeringTable.ts';
import { kostenCellen, kostenKolommen, perKostenBron } from '../lasten/kostenBron.ts';
import { aanbiederNames } from './aanbiedersanalyse.ts';
import { programmeringStand, type KostenStand, type Prognose, type ProgrammeringRealisatie } from './programmering.ts';
import type { StoreFigures } from './storeRecordSet.ts';

const col = (naam: string, titel: string, soort: TabelKolom['soort']): TabelKolom => ({ naam, titel, soort });
const fraction = (p: number | null) => (p === null ? null : p / 100);
const dateNl = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const prognoseTekst = (p: Prognose) => (p.methode === 'lineair' ? 'lineaire prognose naar jaareinde' : `prognose naar jaareinde volgens het seizoen van ${p.patroonJaar} (heel ${p.patroonJaar} tegen t/m ${dateNl(p.patroonTot)})`);

/**
 * The Overzicht's Programmering view (and its Excel export): per target row of the period's year
 * the realisation to date, the projection to year end and the over/under, with the targets of the
 * other years (clients and costs) beside it so the planned shift over the years is in the same
 * table. Percentages as
 * fractions, as the other Overzicht tables keep them for Excel's own percent format. With lasten
 * in the year every cost column comes with its variants without toerekening and allocated.
 */
export async function programmeringTabel(store: StoreFigures, targets: readonly ProgrammeringRow[], periodeCode: string, pijler: string | null): Promise<OverzichtTabel> {
  const periode = parsePeriode(periodeCode);
  const chosen = pijler ? targets.filter((t) => t.pijler === pijler) : targets;
  const stand = await programmeringStand(store.connection, store.set, periode, chosen);
  const namen = await aanbiederNames(store.connection);
  const producten = new Map((await store.connection.runAndReadAll('SELECT productcode, min(product) FROM fv WHERE product IS NOT NULL GROUP BY productcode')).getRowsJS() as [string, string][]);
  const andereJaren = [...new Set(chosen.map((t) => t.jaar))].filter((j) => j !== stand.jaar).sort();
  const perJaar = new Map(chosen.map((t) => [keyOf(t), t]));
  const toerekend = stand.regels.some((r) => r.kostenPerBron !== null);
  const kosten = (naam: string, titel: string, soort: TabelKolom['soort']) => kostenKolommen(col(naam, titel, soort), toerekend);
  const titel =
    stand.tot === null
      ? `Programmering ${stand.jaar}: nog niets van ${stand.jaar} ingelezen`
      : `Programmering ${stand.jaar}: realisatie t/m ${dateNl(stand.tot)} (${stand.perioden.join(', ')}), ${prognoseTekst(stand.prognose)}${pijler ? `, pijler ${pijler}` : ''}`;
  const name = (r: ProgrammeringRealisatie) =>
    [r.pijler, r.productcode === '' ? 'alle producten' : `${r.productcode} ${producten.get(r.productcode) ?? ''}`.trim(), r.aanbieder === '' ? '' : `aanbieder ${namen.get(r.aanbieder) ?? r.aanbieder}`, r.wijk === '' ? '' : `wijk ${r.wijk}`]
      .filter((x) => x !== '')
      .join(', ');
  return {
    titel,
    meldingen: signalen(stand.regels, name),
    kolommen: [
      col('pijler', 'Pijler', 'tekst'),
      col('product', 'Product', 'tekst'),
      col('aanbieder', 'Aanbieder', 'tekst'),
      col('wijk', 'Wijk', 'tekst'),
      col('streef_clienten', 'Streef cliënten', 'getal'),
      col('clienten', 'Cliënten t/m nu', 'aantal'),
      col('realisatie_clienten_pct', 'Cliënten t/m nu % van streef', 'procent'),
      col('prognose_clienten', 'Prognose cliënten', 'getal'),
      col('verschil_clienten', 'Over/onder cliënten', 'getal'),
      col('verschil_clienten_pct', 'Over/onder cliënten %', 'procent'),
      col('streef_kosten', 'Streef kosten', 'euro'),
      ...kosten('kosten', 'Kosten t/m nu', 'euro'),
      ...kosten('realisatie_kosten_pct', 'Kosten t/m nu % van streef', 'procent'),
      ...kosten('prognose_kosten', 'Prognose kosten', 'euro'),
      ...kosten('verschil_kosten', 'Over/onder kosten', 'euro'),
      ...kosten('verschil_kosten_pct', 'Over/onder kosten %', 'procent'),
      col('streef_aandeel', 'Streef aandeel', 'procent'),
      col('aandeel', 'Aandeel t/m nu', 'procent'),
      col('signaal', 'Signaal', 'tekst'),
      ...andereJaren.flatMap((j) => [col(`streef_clienten_${j}`, `Streef cliënten ${j}`, 'getal'), col(`streef_kosten_${j}`, `Streef kosten ${j}`, 'euro')]),
    ],
    rijen: stand.regels.map((r) => {
      const perBron = <T,>(of: (k: KostenStand) => T) => perKostenBron(r.kostenPerBron !== null, (b) => of(r.kostenPerBron![b]));
      return {
      pijler: r.pijler,
      product: r.productcode === '' ? 'alle producten' : `${r.productcode} ${producten.get(r.productcode) ?? ''}`.trim(),
      aanbieder: r.aanbieder === '' ? 'alle' : (namen.get(r.aanbieder) ?? r.aanbieder),
      wijk: r.wijk === '' ? 'alle' : r.wijk,
      streef_clienten: r.clienten,
      clienten: r.realisatie.clienten,
      realisatie_clienten_pct: fraction(r.realisatieClientenPct),
      prognose_clienten: r.prognose.clienten,
      verschil_clienten: r.verschilClienten,
      verschil_clienten_pct: fraction(r.verschilClientenPct),
      streef_kosten: r.kosten,
      kosten: r.realisatie.kosten,
      ...kostenCellen('kosten', perBron((k) => k.kosten)),
      realisatie_kosten_pct: fraction(r.realisatieKostenPct),
      ...kostenCellen('realisatie_kosten_pct', perBron((k) => fraction(k.realisatiePct))),
      prognose_kosten: r.prognose.kosten,
      ...kostenCellen('prognose_kosten', perBron((k) => k.prognose)),
      verschil_kosten: r.verschilKosten,
      ...kostenCellen('verschil_kosten', perBron((k) => k.verschil)),
      verschil_kosten_pct: fraction(r.verschilKostenPct),
      ...kostenCellen('verschil_kosten_pct', perBron((k) => fraction(k.verschilPct))),
      streef_aandeel: fraction(r.aandeel),
      aandeel: fraction(r.realisatie.aandeel),
      signaal: r.signaal,
      ...Object.fromEntries(andereJaren.flatMap((j) => [[`streef_clienten_${j}`, perJaar.get(keyOf({ ...r, jaar: j }))?.clienten ?? null], [`streef_kosten_${j}`, perJaar.get(keyOf({ ...r, jaar: j }))?.kosten ?? null]])),
      // A product's own row (no aanbieder or wijk) heads the rows below it.
      ...(r.aanbieder === '' && r.wijk === '' ? { subtotaal: true } : {}),
      };
    }),
  };
}

const aantal = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
const euro = (n: number) => `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The report's "actief melden wanneer aantallen overschreden dreigen te worden": one line per
 * signalled target, exceeded ones first, naming what is over and by how much is projected.
 */
export function signalen(regels: readonly ProgrammeringRealisatie[], name: (r: ProgrammeringRealisatie) => string): string[] {
  const lines = regels.flatMap((r) => {
    if (r.signaal === '') return [];
    const over: string[] = [];
    if (r.clienten !== null && (r.realisatie.clienten > r.clienten || r.prognose.clienten > r.clienten)) over.push(`cliënten ${aantal(r.realisatie.clienten)} t/m nu, prognose ${aantal(r.prognose.clienten)}, streefwaarde ${aantal(r.clienten)}`);
    if (r.kosten !== null && (r.realisatie.kosten > r.kosten || r.prognose.kosten > r.kosten)) over.push(`kosten ${euro(r.realisatie.kosten)} t/m nu, prognose ${euro(r.prognose.kosten)}, streefwaarde ${euro(r.kosten)}`);
    return [{ eerst: r.signaal === 'overschreden' ? 0 : 1, tekst: `${r.signaal === 'overschreden' ? 'Overschreden' : 'Dreigt overschreden'}: ${name(r)} (${over.join('; ')}).` }];
  });
  return lines.sort((a, b) => a.eerst - b.eerst).map((l) => l.tekst);
}
