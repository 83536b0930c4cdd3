import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import { parsePeriode, previousPeriode } from '../../period/periode.ts';
import type { QualityLine } from '../intake/deliveryToParquet.ts';
import { currentRecordFiles } from '../records/currentRecords.ts';
import type { CentralStore } from '../store/centralStore.ts';
import type { Db } from '../../store/database.ts';
import { computeFeedbackFigures } from './feedbackFigures.ts';
import { plausibilityFindings, type Finding } from './feedbackFindings.ts';
import { writeFeedbackWorkbook, NOT_SUPPRESSED } from './feedbackWorkbook.ts';
import { storedPlausibilityRules, type PlausibilityRule } from './plausibilityRules.ts';
import { loadPopulations } from './populations.ts';

const percent = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

function unknownWijk(summary: Record<string, number>): string {
  const { postcode_onbekend: unknown, rijen_ingelezen: read } = summary;
  if (unknown === undefined || !read) return 'Niet vermeld in levering.json.';
  return `${percent.format((unknown / read) * 100)} % van de ingelezen voorzieningen (${unknown} van ${read}): postcode niet in de gebiedsindeling.`;
}

type LeveringRow = { id: number; bestand: string; naam: string; versie: number; rijen: number; ontvangen: string; sleutel: string; sleutel_gewijzigd: number; kwaliteit: string; kwaliteit_regels: string };

/** The gemeente's current (accepted, not superseded) delivery of the period, or a Dutch refusal. */
export function requireCurrentDelivery(db: Db, gemeente: string, periode: string): LeveringRow {
  const levering = db
    .prepare(
      `SELECT l.id, l.bestand, g.naam, l.versie, l.rijen, l.ontvangen, l.sleutel, l.sleutel_gewijzigd, l.kwaliteit, l.kwaliteit_regels
       FROM levering l JOIN gemeente g ON g.code = l.gemeente WHERE l.gemeente = ? AND l.periode = ? AND l.status = 'actueel'`,
    )
    .get(gemeente, periode) as LeveringRow | undefined;
  if (!levering) throw new UserError('GEEN_LEVERING', `Er is geen geaccepteerde levering van ${gemeente} over ${periode}.`);
  return levering;
}

/**
 * The plausibility findings for a gemeente's current delivery of a period (the CBS practice:
 * the central party checks and reports back, the gemeente decides on publication), with what the
 * report around them needs. The screen shows the findings; writeFeedback writes the workbook.
 */
export async function computeFeedback(store: CentralStore, connection: DuckDBConnection, input: { gemeente: string; periode: string; rules?: readonly PlausibilityRule[] }) {
  const p = parsePeriode(input.periode);
  const levering = requireCurrentDelivery(store.db, input.gemeente, p.code);

  const all = currentRecordFiles(store, p);
  const current = all.find((g) => g.gemeente === input.gemeente)!;
  const vorige = previousPeriode(p);
  const previous = currentRecordFiles(store, vorige).find((g) => g.gemeente === input.gemeente) ?? null;
  const populations = loadPopulations(store.db, p.code);
  const figures = await computeFeedbackFigures(connection, { gemeente: input.gemeente, current, previous, others: all.filter((g) => g.gemeente !== input.gemeente), populations });
  const samenvatting = JSON.parse(levering.kwaliteit) as Record<string, number>;
  const kwaliteitRegels = JSON.parse(levering.kwaliteit_regels) as QualityLine[];
  const bevindingen = plausibilityFindings(
    { figures, vorigePeriode: vorige.code, previous, cbsGeladen: populations !== null, sleutelGewijzigd: levering.sleutel_gewijzigd === 1, samenvatting, kwaliteitRegels },
    input.rules ?? storedPlausibilityRules(store.db),
  );
  return { p, levering, vorige, previous, populations, figures, samenvatting, kwaliteitRegels, bevindingen };
}

/** The plausibility report (.xlsx) of a gemeente's current delivery of a period. */
export async function writeFeedback(
  store: CentralStore,
  connection: DuckDBConnection,
  input: { gemeente: string; periode: string; out: string; rules?: readonly PlausibilityRule[] },
): Promise<{ bevindingen: Finding[] }> {
  const { p, levering, vorige, previous, populations, figures, samenvatting, kwaliteitRegels, bevindingen } = await computeFeedback(store, connection, input);
  const count = (ernst: Finding['ernst']) => bevindingen.filter((b) => b.ernst === ernst).length;
  const cbs = populations
    ? `Inwoners: ${populations.years.has(input.gemeente) ? `CBS Kerncijfers wijken en buurten ${populations.years.get(input.gemeente)} voor ${input.gemeente}` : `geen CBS-inwonertallen voor ${input.gemeente}`}; ${figures.referentieGemeenten} andere gemeenten met inwonertallen in de vergelijking. Per gemeente telt het geladen CBS-jaar dat het dichtst bij de periode ligt.`
    : 'Er zijn geen CBS-inwonertallen geladen (wijkmonitor central reference): de vergelijking per 1.000 inwoners met andere gemeenten ontbreekt.';
  await writeFeedbackWorkbook(input.out, {
    titel: `Terugkoppeling levering ${input.gemeente} ${levering.naam}, ${p.code}`,
    toelichting: [
      ['Gemeente', `${input.gemeente} ${levering.naam}`],
      ['Periode', p.code],
      ['Levering', `${levering.bestand}, versie ${levering.versie}, ontvangen ${levering.ontvangen.slice(0, 10)}`],
      ['Voorzieningen geleverd', levering.rijen],
      ['Sleutel (vingerafdruk)', `${levering.sleutel}${levering.sleutel_gewijzigd === 1 ? ' — anders dan bij de vorige levering' : ''}`],
      ['Vergeleken met', previous ? previous.uitleg : `${vorige.code}: geen levering ontvangen.`],
      ['Inwoners', cbs],
      ['Wijk onbekend', unknownWijk(samenvatting)],
      ['Vulgraad per gegeven', 'Zie het blad Kwaliteit (uit kwaliteit.csv van de levering).'],
      ['Bevindingen', `${count('fout')} fout, ${count('waarschuwing')} waarschuwing, ${count('info')} info`],
      ['Onderdrukking', NOT_SUPPRESSED],
      ['Vervolg', 'De gemeente beslist of haar cijfers worden gepubliceerd; het akkoord wordt vastgelegd met wijkmonitor central approve en geldt alleen voor deze versie.'],
    ],
    bevindingen,
    figures,
    vorigePeriode: vorige.code,
    cbs,
    kwaliteitRegels,
    samenvatting,
  });
  return { bevindingen };
}
