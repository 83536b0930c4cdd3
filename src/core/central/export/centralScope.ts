import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import type { PeriodScope } from '../../indicators/periodScope.ts';
import { buildDuckScope, createDuckRecordSet, type DuckRecordSet } from '../../indicators/sql/recordTables.ts';
import { parsePeriode, previousPeriode, type Periode } from '../../period/periode.ts';
import { currentRecordFiles, type GemeenteRecords } from '../records/currentRecords.ts';
import { sqlText } from '../store/duckdb.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { hasToerekening, type ToerekendeLast } from '../../lasten/toerekeningScope.ts';

async function hasColumn(connection: DuckDBConnection, table: string, column: string): Promise<boolean> {
  return (await connection.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`)).columnNames().includes(column);
}

/** How far back herhaald beroep looks (the engine's default), so history is loaded that far. */
const TERUGKIJK_JAREN = 2;

/**
 * The analyst's records of a period as the one engine reads them, so a gemeente's figure here is
 * the figure its own app computes from the same deliveries: every current delivery of each
 * gemeente with deliveries inside the period is loaded into `rec` as one source — the period's
 * own and every other that can hold history for it: instroom and herhaald beroep look through
 * every loaded source, later ones included (a voorziening running on is delivered again), as the
 * gemeente edition does with what it has imported — and the scope is built
 * by the gemeente edition's `buildDuckScope` (sources inside the period, a year over its quarters,
 * one voorziening across quarters one record, history from the others). Superseded and refused
 * deliveries are never loaded.
 */
export async function buildCentralScope(
  store: CentralStore,
  connection: DuckDBConnection,
  periode: Periode,
  options: { gemeenten?: readonly string[] } = {},
): Promise<{ scope: PeriodScope; set: DuckRecordSet; gemeenten: GemeenteRecords[] }> {
  const gemeenten = currentRecordFiles(store, periode).filter((g) => options.gemeenten === undefined || options.gemeenten.includes(g.gemeente));
  if (gemeenten.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  const vorige = previousPeriode(periode);
  const from = new Date(Math.min(Date.parse(vorige.begin), Date.parse(periode.begin) - TERUGKIJK_JAREN * 365.25 * 86_400_000)).toISOString().slice(0, 10);
  const codes = gemeenten.map((g) => g.gemeente);
  const deliveries = store.db
    .prepare(
      `SELECT l.id, l.gemeente, g.naam, l.periode, l.versie, l.parquet FROM levering l JOIN gemeente g ON g.code = l.gemeente
       WHERE l.status = 'actueel' AND l.periode_eind >= ? AND l.gemeente IN (${codes.map(() => '?').join(', ')})
       ORDER BY l.gemeente, l.periode_begin, l.periode_eind`,
    )
    .all(from, ...codes) as { id: number; gemeente: string; naam: string; periode: string; versie: number; parquet: string }[];
  const lastenOf = store.db.prepare('SELECT productcode, aanbieder, kosten FROM levering_lasten WHERE levering_id = ? ORDER BY productcode, aanbieder');
  const set = await createDuckRecordSet(connection);
  try {
    const loaded = await set.loadParquets(
      deliveries.map((d) => ({ source: { gemeente: d.gemeente, gemeentenaam: d.naam, periode: parsePeriode(d.periode), omschrijving: `${d.gemeente} ${d.periode} versie ${d.versie}` }, parquetFile: store.resolve(d.parquet) })),
    );
    // Levering v2: its lasten are allocated in every scope that uses it (every central cost figure).
    for (const [i, d] of deliveries.entries()) await set.addLasten(loaded[i]!.bron, lastenOf.all(d.id) as { productcode: string; aanbieder: string; kosten: number }[]);
    return { scope: await buildDuckScope(connection, set, periode), set, gemeenten };
  } catch (error) {
    set.close();
    throw error;
  }
}

/**
 * What the figures engine does not read of `fv` (it counts households by `hid`; the
 * informatievragen's columns are not in the export): left out of the national tables, which
 * hold a whole quarter.
 */
const UNREAD_FV_COLUMNS = ['huishouden', 'product', 'aanbieder_naam', 'volume', 'eenheid', 'frequentie'];

/** A pass of the export: its gemeenten and where its numbering starts in the national tables. */
export type ScopePass = {
  gemeenten: readonly string[];
  /** rij is a bigint: cid × 2³² + row over the whole country passes 2⁵³. */
  offsets: { rij: bigint; cid: number; hid: number; ord: number };
  /** Whether its scope had allocated lasten (fv.kt): only then does its slice carry the column. */
  toerekend: boolean;
};

/**
 * The engine's input (`fv`, `fh`) for every gemeente of the period, built pass by pass so that
 * only one pass's deliveries are ever loaded (DuckDB's `rec`, every column of a quarter and its
 * history, is what ran out of memory nationally), into `fvn`/`fhn`. Each pass is scoped exactly
 * as `buildCentralScope` scopes it alone; its numbers (rij, cid, hid, ord) continue where the
 * previous pass ended, so across passes a client and a row are unique and, the passes being in
 * gemeente order, in the order one national scope would give (cid, hid and ord are then the same
 * numbers; rij, only ordered, need not be). A pass is read back as it was built by `scopeOfPass`.
 */
export async function buildNationalScope(
  store: CentralStore,
  connection: DuckDBConnection,
  periode: Periode,
  passes: readonly (readonly string[])[],
  options: { signal?: AbortSignal | undefined; onPass?: (done: number) => void } = {},
): Promise<{ vorige: Periode; passes: ScopePass[]; nietToegerekend: ToerekendeLast[] }> {
  const built: ScopePass[] = [];
  const nietToegerekend: ToerekendeLast[] = [];
  const next = { rij: 0n, cid: 0, hid: 0, ord: 0 };
  let vorige = previousPeriode(periode);
  for (const [i, gemeenten] of passes.entries()) {
    options.signal?.throwIfAborted();
    options.onPass?.(i);
    const { scope, set } = await buildCentralScope(store, connection, periode, { gemeenten });
    set.close();
    vorige = scope.vorige;
    nietToegerekend.push(...(scope.toerekening?.nietToegerekend ?? []));
    const toerekend = await hasToerekening(connection);
    // A pass with lasten after one without: the national tables get the column, NULL before.
    if (i > 0 && toerekend && !(await hasColumn(connection, 'fvn', 'kt'))) await connection.run('ALTER TABLE fvn ADD COLUMN kt BIGINT');
    const offsets = { ...next };
    const into = (table: string, select: string) => (i === 0 ? `CREATE OR REPLACE TEMP TABLE ${table} AS ${select}` : `INSERT INTO ${table} BY NAME ${select}`);
    await connection.run(`
      DROP TABLE rec; DROP TABLE rs; DROP TABLE ro;
      ${into('fvn', `SELECT * EXCLUDE (${UNREAD_FV_COLUMNS.join(', ')}) REPLACE (rij + ${offsets.rij} AS rij, cid + ${offsets.cid} AS cid, hid + ${offsets.hid} AS hid) FROM fv`)};
      ${into('fhn', `SELECT * REPLACE (ord + ${offsets.ord} AS ord) FROM fh`)};`);
    // rij is unique and ordered but not dense (scopeTables.ts numbers it cid × 2³² + row), so the
    // next pass starts above this one's largest.
    const [rij, cid, hid, ord] = (await connection.runAndReadAll(`SELECT (SELECT coalesce(max(rij), 0)::BIGINT FROM fv), (SELECT coalesce(max(cid), 0) FROM fv), (SELECT coalesce(max(hid), 0) FROM fv), (SELECT count(*) FROM fh)`)).getRowsJS()[0]!;
    Object.assign(next, { rij: offsets.rij + BigInt(rij as bigint | number), cid: offsets.cid + Number(cid), hid: offsets.hid + Number(hid), ord: offsets.ord + Number(ord) });
    await connection.run('DROP TABLE fv; DROP TABLE fh;');
    built.push({ gemeenten, offsets, toerekend });
  }
  return { vorige, passes: built, nietToegerekend };
}

/** One pass's `fv`/`fh` out of the national tables, numbered as its own scope numbered them. */
export async function scopeOfPass(connection: DuckDBConnection, pass: ScopePass): Promise<void> {
  const codes = pass.gemeenten.map(sqlText).join(', ');
  const { rij, cid, hid, ord } = pass.offsets;
  const without = !pass.toerekend && (await hasColumn(connection, 'fvn', 'kt')) ? ' EXCLUDE (kt)' : '';
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv AS SELECT *${without} REPLACE (rij - ${rij} AS rij, cid - ${cid} AS cid, hid - ${hid} AS hid) FROM fvn WHERE gemeente IN (${codes});
    CREATE OR REPLACE TEMP TABLE fh AS SELECT * REPLACE (ord - ${ord} AS ord) FROM fhn WHERE gemeente IN (${codes});`);
}

/** The national tables as the engine's input, as they are. */
export async function nationalScope(connection: DuckDBConnection): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE fv AS SELECT * FROM fvn; CREATE OR REPLACE TEMP TABLE fh AS SELECT * FROM fhn;');
}

/**
 * The national tables as the engine's input with all gemeenten as the one area ALLE: a client
 * and a household stay their gemeente's (its code goes in front of the pseudonym, and cid/hid
 * are unique across gemeenten), so the same pseudonym in two gemeenten is two clients, as in
 * the gemeente rows.
 */
export async function asAlle(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv AS SELECT * REPLACE ('ALLE' AS gemeente, gemeente || '|' || client AS client) FROM fvn;
    CREATE OR REPLACE TEMP TABLE fh AS SELECT * REPLACE ('ALLE' AS gemeente, gemeente || '|' || client AS client) FROM fhn;`);
}
