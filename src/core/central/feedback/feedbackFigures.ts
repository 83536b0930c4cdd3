import type { DuckDBConnection } from '@duckdb/node-api';
import { allRecordsSql, recordsSql, type GemeenteRecords } from '../records/currentRecords.ts';
import type { Populations } from './populations.ts';

export type Level = 'pijler' | 'product' | 'wijk';
export const LEVELS: readonly Level[] = ['pijler', 'product', 'wijk'];

export type Counts = { clienten: number; voorzieningen: number; kosten: number };

export type FigureRow = Counts & {
  sleutel: string;
  label: string;
  pijler: string | null;
  voorziening: string | null;
  vorig: Counts | null;
  inwoners: number | null;
  /** Clients and voorzieningen per 1,000 inhabitants, costs per inhabitant. */
  perInwoner: PerInhabitant | null;
  /** The other gemeenten together, per 1,000 (or per one) of their inhabitants (same pijler / voorzieningsoort). */
  referentie: PerInhabitant | null;
};

export type PerInhabitant = { clientenPer1000: number; voorzieningenPer1000: number; kostenPerInwoner: number };

const perInhabitant = (counts: Counts, inhabitants: number): PerInhabitant => ({
  clientenPer1000: (counts.clienten / inhabitants) * 1000,
  voorzieningenPer1000: (counts.voorzieningen / inhabitants) * 1000,
  kostenPerInwoner: counts.kosten / inhabitants,
});

export type FeedbackFigures = { totaal: FigureRow; niveaus: Record<Level, FigureRow[]>; referentieGemeenten: number };

type Grouped = Counts & { sleutel: string; label: string; pijler: string | null; voorziening: string | null };

const COUNTS = `count(DISTINCT client)::INTEGER AS clienten, count(*)::INTEGER AS voorzieningen, CAST(coalesce(sum(kosten), 0) AS DOUBLE) AS kosten`;

/** How each level groups one gemeente's records (productcode is the gemeente's own code). */
const GROUPING: Record<Level | 'totaal', string> = {
  totaal: `SELECT 'totaal' AS sleutel, 'Totaal' AS label, NULL AS pijler, NULL AS voorziening, ${COUNTS} FROM R`,
  pijler: `SELECT pijler AS sleutel, pijler AS label, pijler, NULL AS voorziening, ${COUNTS} FROM R GROUP BY pijler`,
  product: `SELECT productcode AS sleutel, coalesce(max(product), productcode) AS label, min(pijler) AS pijler, min(voorziening) AS voorziening, ${COUNTS} FROM R GROUP BY productcode`,
  wijk: `SELECT wijk AS sleutel, wijk AS label, NULL AS pijler, NULL AS voorziening, ${COUNTS} FROM R GROUP BY wijk`,
};

/**
 * Products differ per gemeente, so other gemeenten are compared on the standard voorzieningsoort;
 * a wijk is compared with the other gemeenten as a whole.
 */
const REFERENCE: Record<Level | 'totaal', string> = {
  totaal: `SELECT gemeente, 'totaal' AS sleutel, ${COUNTS} FROM R GROUP BY gemeente`,
  pijler: `SELECT gemeente, pijler AS sleutel, ${COUNTS} FROM R GROUP BY gemeente, pijler`,
  product: `SELECT gemeente, voorziening AS sleutel, ${COUNTS} FROM R GROUP BY gemeente, voorziening`,
  wijk: `SELECT gemeente, 'totaal' AS sleutel, ${COUNTS} FROM R GROUP BY gemeente`,
};

async function rows<T>(connection: DuckDBConnection, relation: string, sql: string): Promise<T[]> {
  const reader = await connection.runAndReadAll(`WITH R AS (${relation}) ${sql}`);
  return reader.getRowObjects() as unknown as T[];
}

/**
 * The gemeente's clients, voorzieningen and costs per pijler, product and wijk, beside its
 * previous period and (when CBS inhabitants are loaded) the other gemeenten per 1,000
 * inhabitants. All of it is SQL over the Parquet records, one scan per level.
 */
export async function computeFeedbackFigures(
  connection: DuckDBConnection,
  input: { gemeente: string; current: GemeenteRecords; previous: GemeenteRecords | null; others: GemeenteRecords[]; populations: Populations },
): Promise<FeedbackFigures> {
  const own = recordsSql(input.current.delen);
  const before = input.previous ? recordsSql(input.previous.delen) : null;
  const pop = input.populations;
  const withPopulation = pop ? input.others.filter((g) => (pop.inwoners.get(g.gemeente) ?? 0) > 0) : [];
  const othersSql = allRecordsSql(withPopulation);
  const othersInhabitants = withPopulation.reduce((sum, g) => sum + pop!.inwoners.get(g.gemeente)!, 0);

  const build = async (level: Level | 'totaal'): Promise<FigureRow[]> => {
    const now = await rows<Grouped>(connection, own, GROUPING[level]);
    const then = before ? new Map((await rows<Grouped>(connection, before, GROUPING[level])).map((r) => [r.sleutel, r])) : null;
    // Clients are counted per gemeente (each has its own key) and then added up.
    const reference = new Map<string, Counts>();
    if (withPopulation.length > 0) {
      for (const r of await rows<Counts & { sleutel: string }>(connection, othersSql, REFERENCE[level])) {
        const sum = reference.get(r.sleutel) ?? { clienten: 0, voorzieningen: 0, kosten: 0 };
        reference.set(r.sleutel, { clienten: sum.clienten + r.clienten, voorzieningen: sum.voorzieningen + r.voorzieningen, kosten: sum.kosten + r.kosten });
      }
    }
    const inhabitantsOf = (row: Grouped) => (pop === null ? null : (pop.inwoners.get(level === 'wijk' ? row.sleutel : input.gemeente) ?? null));
    const referenceKey = (row: Grouped) => (level === 'product' ? row.voorziening ?? '' : level === 'wijk' ? 'totaal' : row.sleutel);
    const result: FigureRow[] = now.map((row) => {
      const inwoners = inhabitantsOf(row);
      const previous = then?.get(row.sleutel);
      return {
        ...row,
        vorig: then === null ? null : previous ? { clienten: previous.clienten, voorzieningen: previous.voorzieningen, kosten: previous.kosten } : { clienten: 0, voorzieningen: 0, kosten: 0 },
        inwoners,
        perInwoner: inwoners ? perInhabitant(row, inwoners) : null,
        referentie: othersInhabitants > 0 ? perInhabitant(reference.get(referenceKey(row)) ?? { clienten: 0, voorzieningen: 0, kosten: 0 }, othersInhabitants) : null,
      };
    });
    // What was there last period and is gone now is a finding of its own, so it gets a row.
    for (const [sleutel, previous] of then ?? []) {
      if (now.some((r) => r.sleutel === sleutel)) continue;
      result.push({ ...previous, clienten: 0, voorzieningen: 0, kosten: 0, vorig: { clienten: previous.clienten, voorzieningen: previous.voorzieningen, kosten: previous.kosten }, inwoners: null, perInwoner: null, referentie: null });
    }
    return result.sort((a, b) => (a.pijler ?? '').localeCompare(b.pijler ?? '') || a.sleutel.localeCompare(b.sleutel));
  };

  const [totaal] = await build('totaal');
  const niveaus = { pijler: await build('pijler'), product: await build('product'), wijk: await build('wijk') };
  return { totaal: totaal!, niveaus, referentieGemeenten: withPopulation.length };
}
