import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlText } from '../central/store/duckdb.ts';
import { aanbiederKey } from '../delivery/aanbiederKey.ts';
import { dayNumber } from '../indicators/sql/figuresSql.ts';
import { allocateCosts, type AllocationRecord } from './allocateCosts.ts';
import { perKostenBron, type PerKostenBron } from './kostenBron.ts';
import { loadToerekening, regelFor, type ToerekeningRegel, type ToerekeningTabellen } from './toerekeningRegels.ts';

/**
 * The toerekening inside the one figures engine (indicators/sql): the lasten of the period's
 * sources (`rec_lasten`, filled beside `rec` by the record set) are allocated to the voorzieningen
 * of `fv` and land in a column `kt` (cents, NULL where nothing was allocated). figuresSql.ts
 * reads `kt` when it is there and then writes every cost figure with and without it
 * (`kosten_bron`); without lasten `fv` stays as it was, so the figures are byte-identical.
 * A lasten row of a source applies to that source's gemeente and period: a year built from four
 * quarters allocates each quarter's amounts over the voorzieningen of that quarter.
 */
export type ToerekendeLast = { gemeente: string; periode: string; productcode: string; aanbieder: string; kosten: number; regel: ToerekeningRegel; voorzieningen: number; clienten: number };

export type Toerekening = {
  /** Every lasten row of the scope with the rule used and how many voorzieningen and clients carry it. */
  lasten: ToerekendeLast[];
  /** Rows no voorziening of the period matched: their money is in no figure. */
  nietToegerekend: ToerekendeLast[];
};

export type ScopeSource = { id: number; gemeente: string; periode: string; begin: string; eind: string };

export const LASTEN_TABLE = 'rec_lasten';

/** Whether the scope in `fv` has allocated lasten (the column kt), as every cost figure asks. */
export async function hasToerekening(connection: DuckDBConnection): Promise<boolean> {
  // The columns of an empty result: a third of the cost of asking the catalogue (duckdb_columns).
  return (await connection.runAndReadAll('SELECT * FROM fv LIMIT 0')).columnNames().includes('kt');
}

/**
 * A voorziening's cost as the cost figures outside the main engine count it (aanbiedersanalyse,
 * informatievragen, programmering): its own kosten plus the lasten allocated to it, when any; and
 * then also per kosten_bron, what was recorded per client (`kosten`) and what was allocated (`kt`).
 */
export async function kostenBronSql(connection: DuckDBConnection, alias = ''): Promise<{ totaal: string; perBron: PerKostenBron<string> }> {
  const toerekening = await hasToerekening(connection);
  const perBron = perKostenBron(toerekening, (bron) => (bron === 'client' ? `coalesce(${alias}kosten, 0)` : `coalesce(${alias}kt, 0)`));
  return { totaal: perBron ? `(${perBron.client} + ${perBron.toegerekend})` : `${alias}kosten`, perBron };
}

export async function createLastenTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${LASTEN_TABLE} (bron INTEGER, productcode VARCHAR, aanbieder VARCHAR, kosten BIGINT)`);
}

export async function appendLasten(connection: DuckDBConnection, bron: number, rows: readonly { productcode: string; aanbieder: string; kosten: number }[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(LASTEN_TABLE);
  try {
    for (const r of rows) {
      appender.appendInteger(bron);
      appender.appendVarchar(r.productcode);
      appender.appendVarchar(r.aanbieder);
      appender.appendBigInt(BigInt(Math.round(r.kosten * 100)));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

let defaultTables: ToerekeningTabellen | null = null;

export async function applyToerekening(connection: DuckDBConnection, sources: readonly ScopeSource[], tabellen?: ToerekeningTabellen): Promise<Toerekening | null> {
  if (sources.length === 0) return null;
  const lasten = (await connection.runAndReadAll(`SELECT bron, productcode, aanbieder, kosten FROM ${LASTEN_TABLE} WHERE bron IN (${sources.map((s) => s.id).join(', ')}) ORDER BY bron, productcode, aanbieder`)).getRowObjectsJS() as {
    bron: number;
    productcode: string;
    aanbieder: string;
    kosten: bigint;
  }[];
  if (lasten.length === 0) return null;
  const t = tabellen ?? (defaultTables ??= loadToerekening());
  const byId = new Map(sources.map((s) => [s.id, s]));
  const products = [...new Set(lasten.map((l) => `${byId.get(l.bron)!.gemeente}\u001f${l.productcode}`))];
  const candidates = (await connection.runAndReadAll(`
    SELECT gemeente, productcode, rij, cid, aanbieder, aanbieder_naam, b, e, volume, frequentie FROM fv
    WHERE (gemeente, productcode) IN (${products.map((p) => `(${p.split('\u001f').map(sqlText).join(', ')})`).join(', ')})
    ORDER BY rij`)).getRowObjectsJS() as { gemeente: string; productcode: string; rij: bigint; cid: bigint; aanbieder: string; aanbieder_naam: string | null; b: number; e: number | null; volume: number | null; frequentie: string | null }[];
  const nameKeys = new Map<string, string>();
  const nameKey = (naam: string | null) => {
    const n = naam ?? '';
    let k = nameKeys.get(n);
    if (k === undefined) nameKeys.set(n, (k = aanbiederKey(null, n)));
    return k;
  };
  const result: Toerekening = { lasten: [], nietToegerekend: [] };
  const total = new Map<number, number>();
  for (const l of lasten) {
    const source = byId.get(l.bron)!;
    const periode = { begin: dayNumber(source.begin), eind: dayNumber(source.eind) };
    // An aanbieder given by AGB code matches the records' key; by name, also records with a code.
    const wanted = l.aanbieder === '' ? null : aanbiederKey(/^\d{8}$/.test(l.aanbieder.trim()) ? l.aanbieder : null, l.aanbieder);
    const records: AllocationRecord[] = candidates
      .filter((c) => c.gemeente === source.gemeente && c.productcode === l.productcode)
      .filter((c) => c.b <= periode.eind && (c.e === null || c.e >= periode.begin))
      .filter((c) => wanted === null || c.aanbieder === wanted || nameKey(c.aanbieder_naam) === wanted)
      .map((c) => ({ rij: Number(c.rij), client: Number(c.cid), begin: c.b, eind: c.e, volume: c.volume, frequentie: c.frequentie }));
    const regel = regelFor(t, l.productcode);
    const allocation = allocateCosts(Number(l.kosten), records, regel, periode, t.frequenties);
    for (const [rij, cents] of allocation.shares) total.set(rij, (total.get(rij) ?? 0) + cents);
    const line: ToerekendeLast = {
      gemeente: source.gemeente,
      periode: source.periode,
      productcode: l.productcode,
      aanbieder: l.aanbieder,
      kosten: Number(l.kosten) / 100,
      regel: allocation.regel,
      voorzieningen: allocation.shares.size,
      clienten: new Set(records.filter((r) => allocation.shares.has(r.rij)).map((r) => r.client)).size,
    };
    result.lasten.push(line);
    if (allocation.shares.size === 0 && l.kosten > 0n) result.nietToegerekend.push(line);
  }
  await connection.run('ALTER TABLE fv ADD COLUMN kt BIGINT');
  if (total.size > 0) {
    await connection.run('CREATE OR REPLACE TEMP TABLE ftk (rij BIGINT, kt BIGINT)');
    const appender = await connection.createAppender('ftk');
    try {
      for (const [rij, cents] of total) {
        appender.appendBigInt(BigInt(rij));
        appender.appendBigInt(BigInt(cents));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await connection.run('UPDATE fv SET kt = ftk.kt FROM ftk WHERE fv.rij = ftk.rij; DROP TABLE ftk;');
  }
  return result;
}
