import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { createAanbiederKeys } from '../../delivery/aanbiederKey.ts';
import { deliveryValueSql, firstInvalidValue, guardedColumns, stagedRow, stageDeliveryCsv } from '../../delivery/deliveryCsvSql.ts';
import { DELIVERY_COLUMNS, type DeliveryColumn, type DeliveryRecord } from '../../delivery/deliveryRecord.ts';
import { previousPeriode, type Periode } from '../../period/periode.ts';
import { filterSql, type AnalysisFilter } from '../analysisFilter.ts';
import type { RecordSink } from '../loadDelivery.ts';
import { chooseSources, scopeOf, type PeriodScope } from '../periodScope.ts';
import { sqlText } from '../../central/store/duckdb.ts';
import { dayNumber } from './figuresSql.ts';
import { finishScopeTables, numberScope } from './scopeTables.ts';
import { appendLasten, applyToerekening, createLastenTable } from '../../lasten/toerekeningScope.ts';
import type { LastenRegel } from '../../../shared/api.ts';

/*
 * The engine reads delivery records (levering v1) and nothing else, so the gemeente's own store
 * and deliveries feed it the same way: records are appended into DuckDB's `rec`, one source (a
 * delivery, or the store's import of one period, or an analyst's stored delivery) at a time. `buildDuckScope` picks the period's
 * sources (periodScope.ts) and writes the fv/fh tables that figuresSql.ts reads. Costs are whole
 * cents and dates day numbers, so sums are exact and comparisons cheap. `aanbieder` is the
 * aanbieder's key (its AGB code, else its normalised name: delivery/aanbiederKey.ts), the value
 * the engine groups by; `aanbieder_naam` stays as written.
 */

/** One source of records: a delivery (or the store's import of one period) of one gemeente. */
export type RecordSource = { gemeente: string; gemeentenaam: string; periode: Periode; omschrijving: string };

export type LoadedSource = { id: number; gemeente: string; gemeentenaam: string; periode: string; begin: string; eind: string; omschrijving: string; rijen: number };

export type DuckRecordSet = {
  open(source: RecordSource): RecordSink;
  /**
   * A delivery's `voorzieningen.csv` (extracted, header already checked) read by DuckDB itself:
   * every value checked against the contract (a wrong one names row and column and loads
   * nothing), then converted in one INSERT. Far faster than records through the appender.
   * `unguarded`: the caller knows no value starts with the formula guard ' (verifyDelivery's
   * plain reading), so none is looked for.
   */
  loadCsv(source: RecordSource, csvFile: string, fileName: string, options?: { unguarded?: boolean }): Promise<{ bron: number; rijen: number }>;
  /**
   * loadCsv with the file given in parts (cut at line ends, the first with the header), each
   * staged as soon as it is given, so DuckDB reads one part while the caller still verifies the
   * next; `load` then checks and converts what was staged, exactly as loadCsv does.
   */
  stagedCsv(): StagedCsv;
  /** A delivery as the analyst's intake stored it (Parquet, typed by the intake's contract reading). */
  loadParquet(source: RecordSource, parquetFile: string): Promise<{ bron: number; rijen: number }>;
  /**
   * Several stored deliveries at once, in this order, each numbered exactly as loadParquet
   * numbers it: one scan and one INSERT instead of three queries per file (the analyst loads hundreds).
   */
  loadParquets(files: readonly { source: RecordSource; parquetFile: string }[]): Promise<{ bron: number; rijen: number }[]>;
  loaded(): LoadedSource[];
  /** The lasten a source carries (levering v2 lasten.csv, or the gemeente's lasten table): allocated when a scope uses the source. */
  addLasten(bron: number, rows: readonly Pick<LastenRegel, 'productcode' | 'aanbieder' | 'kosten'>[]): Promise<void>;
  /** Writes what the appender holds; call before querying. */
  flush(): void;
  close(): void;
};

/** A delivery CSV being staged in parts (DuckRecordSet.stagedCsv): one query at a time, in order. */
export type StagedCsv = {
  part(csvFile: string): Promise<void>;
  load(source: RecordSource, fileName: string, options?: { unguarded?: boolean }): Promise<{ bron: number; rijen: number }>;
  discard(): Promise<void>;
};

export async function createDuckRecordSet(connection: DuckDBConnection): Promise<DuckRecordSet> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE rec (
    bron INTEGER, rij INTEGER, client VARCHAR, huishouden VARCHAR, wijk VARCHAR, gebied VARCHAR, pijler VARCHAR,
    leefdomein VARCHAR, voorziening VARCHAR, productcode VARCHAR, aanbieder VARCHAR,
    b INTEGER, e INTEGER, kosten BIGINT, leeftijd INTEGER, a INTEGER,
    product VARCHAR, aanbieder_naam VARCHAR, volume DOUBLE, eenheid VARCHAR, frequentie VARCHAR)`);
  const appender = await connection.createAppender('rec');
  await createLastenTable(connection);
  const sources: LoadedSource[] = [];
  let next = 0;
  const finish = (id: number, source: RecordSource, rijen: number) => {
    // A later load of the same gemeente and period replaces the earlier one: a corrected delivery.
    for (let i = sources.length - 1; i >= 0; i--) if (sources[i]!.gemeente === source.gemeente && sources[i]!.periode === source.periode.code) sources.splice(i, 1);
    sources.push({ id, gemeente: source.gemeente, gemeentenaam: source.gemeentenaam, periode: source.periode.code, begin: source.periode.begin, eind: source.periode.eind, omschrijving: source.omschrijving, rijen });
    return { bron: id, rijen };
  };
  const stagedCsv = (): StagedCsv => {
    let parts = 0;
    return {
      async part(csvFile) {
        if (parts === 0) appender.flushSync();
        await stageDeliveryCsv(connection, csvFile, 'rec_stage', parts++ === 0 ? {} : { continued: true });
      },
      async load(source, fileName, options = {}) {
        const id = ++next;
        try {
          const guarded = options.unguarded === true ? new Set<DeliveryColumn>() : await guardedColumns(connection, 'rec_stage');
          const invalid = await firstInvalidValue(connection, 'rec_stage', fileName, guarded);
          if (invalid) throw invalid;
          const rijen = await insertSource(connection, id, 'rec_stage', (column, alias) => deliveryValueSql(column, alias, guarded), `${stagedRow('s.')} - 1`);
          return finish(id, source, rijen);
        } finally {
          await connection.run('DROP TABLE IF EXISTS rec_stage');
        }
      },
      discard: async () => void (await connection.run('DROP TABLE IF EXISTS rec_stage')),
    };
  };
  return {
    async loadCsv(source, csvFile, fileName, options = {}) {
      const staged = stagedCsv();
      try {
        await staged.part(csvFile);
      } catch (error) {
        await staged.discard();
        throw error;
      }
      return staged.load(source, fileName, options);
    },
    stagedCsv,
    async loadParquet(source, parquetFile) {
      const id = ++next;
      appender.flushSync();
      // Parquet keeps no meaningful row order (the intake streams it): rows are numbered by their values.
      const relation = `(SELECT * FROM read_parquet(${sqlText(parquetFile)}))`;
      const order = DELIVERY_COLUMNS.map((c) => `s."${c}"`).join(', ');
      const rijen = await insertSource(connection, id, relation, parquetValueSql, `row_number() OVER (ORDER BY ${order})`);
      return finish(id, source, rijen);
    },
    async loadParquets(files) {
      if (files.length === 0) return [];
      appender.flushSync();
      const ids = files.map(() => ++next);
      const byFile = `VALUES ${files.map((f, i) => `(${sqlText(f.parquetFile)}, ${ids[i]})`).join(', ')}`;
      const relation = `(SELECT m.bron AS _bron, p.* FROM read_parquet([${files.map((f) => sqlText(f.parquetFile)).join(', ')}], filename = true, union_by_name = true) p JOIN (${byFile}) m(f, bron) ON m.f = p.filename)`;
      const order = DELIVERY_COLUMNS.map((c) => `s."${c}"`).join(', ');
      await insertSource(connection, 's._bron', relation, parquetValueSql, `row_number() OVER (PARTITION BY s._bron ORDER BY ${order})`);
      const counts = new Map((await connection.runAndReadAll(`SELECT bron, count(*) FROM rec WHERE bron BETWEEN ${ids[0]} AND ${ids.at(-1)} GROUP BY bron`)).getRowsJS().map(([b, n]) => [Number(b), Number(n)]));
      return files.map((f, i) => finish(ids[i]!, f.source, counts.get(ids[i]!) ?? 0));
    },
    open(source) {
      const id = ++next;
      const aanbiederKey = createAanbiederKeys();
      let rij = 0;
      return {
        add(records) {
          for (const r of records) append(appender, id, ++rij, r, aanbiederKey(r.aanbieder, r.aanbieder_naam));
        },
        finish: () => finish(id, source, rij),
        // Rows of an aborted source stay in `rec` but are never read: only finished sources count.
        abort() {},
      };
    },
    addLasten: (bron, rows) => appendLasten(connection, bron, rows),
    loaded: () => [...sources].sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.begin.localeCompare(b.begin) || a.eind.localeCompare(b.eind)),
    flush: () => appender.flushSync(),
    close: () => appender.closeSync(),
  };
}

function append(a: DuckDBAppender, bron: number, rij: number, r: DeliveryRecord, aanbieder: string): void {
  a.appendInteger(bron);
  a.appendInteger(rij);
  a.appendVarchar(r.client);
  if (r.huishouden === null) a.appendNull();
  else a.appendVarchar(r.huishouden);
  a.appendVarchar(r.wijk);
  a.appendVarchar(r.gebied ?? '');
  a.appendVarchar(r.pijler);
  a.appendVarchar(r.leefdomein);
  a.appendVarchar(r.voorziening);
  a.appendVarchar(r.productcode);
  a.appendVarchar(aanbieder);
  a.appendInteger(dayNumber(r.begindatum));
  if (r.einddatum === null) a.appendNull();
  else a.appendInteger(dayNumber(r.einddatum));
  if (r.kosten === null) a.appendNull();
  else a.appendBigInt(BigInt(Math.round(r.kosten * 100)));
  if (r.leeftijd === null) a.appendNull();
  else a.appendInteger(r.leeftijd);
  if (r.aanvraagdatum === null) a.appendNull();
  else a.appendInteger(dayNumber(r.aanvraagdatum));
  text(a, r.product);
  text(a, r.aanbieder_naam);
  if (r.volume === null) a.appendNull();
  else a.appendDouble(r.volume);
  text(a, r.eenheid);
  text(a, r.frequentie);
  a.endRow();
}

/** A Parquet column of the intake (central/intake/recordColumns.ts) as the record's value. */
function parquetValueSql(column: DeliveryColumn, alias = ''): string {
  const quoted = `${alias}"${column}"`;
  if (column === 'kosten') return `CAST(${quoted} * 100 AS BIGINT)`;
  if (column === 'leeftijd') return `CAST(${quoted} AS INTEGER)`;
  return quoted;
}

/**
 * One source's rows from `relation` (aliased s) into `rec`: `bron` is its id (or the column of
 * `relation` that holds it, for several at once), `value` says how a delivery column is read
 * from it, `rij` numbers the rows. Dates become day numbers, the aanbieder its key.
 */
async function insertSource(connection: DuckDBConnection, bron: number | string, relation: string, value: (column: DeliveryColumn, alias?: string) => string, rij: string): Promise<number> {
  await aanbiederKeysOf(connection, relation, value);
  try {
    const v = (column: DeliveryColumn) => value(column, 's.');
    const day = (column: DeliveryColumn) => `CAST(${v(column)} - DATE '1970-01-01' AS INTEGER)`;
    const result = await connection.run(`
      INSERT INTO rec SELECT ${bron}, ${rij}, ${v('client')}, ${v('huishouden')}, ${v('wijk')}, coalesce(${v('gebied')}, ''), ${v('pijler')},
        ${v('leefdomein')}, ${v('voorziening')}, ${v('productcode')}, k.sleutel,
        ${day('begindatum')}, ${day('einddatum')}, ${v('kosten')}, ${v('leeftijd')}, ${day('aanvraagdatum')},
        ${v('product')}, ${v('aanbieder_naam')}, ${v('volume')}, ${v('eenheid')}, ${v('frequentie')}
      FROM ${relation} s JOIN rec_ak k ON k.agb = coalesce(s.aanbieder, '') AND k.naam = coalesce(s.aanbieder_naam, '')`);
    return Number(result.rowsChanged);
  } finally {
    await connection.run('DROP TABLE IF EXISTS rec_ak');
  }
}

/**
 * The aanbieder key (aanbiederKey.ts, in JS as everywhere) of every distinct AGB code and name
 * pair of a staged delivery, as `rec_ak`: a delivery has a few hundred, not a row's worth.
 */
async function aanbiederKeysOf(connection: DuckDBConnection, relation: string, value: (column: DeliveryColumn) => string): Promise<void> {
  const pairs = (await connection.runAndReadAll(`SELECT DISTINCT aanbieder, aanbieder_naam, ${value('aanbieder')}, ${value('aanbieder_naam')} FROM ${relation}`)).getRowsJS() as (string | null)[][];
  await connection.run('CREATE OR REPLACE TEMP TABLE rec_ak (agb VARCHAR, naam VARCHAR, sleutel VARCHAR)');
  const ak = await connection.createAppender('rec_ak');
  const key = createAanbiederKeys();
  try {
    for (const [agb, naam, agbValue, naamValue] of pairs) {
      // An empty field is read as NULL, so '' stands for it unambiguously: a plain equality join.
      ak.appendVarchar(agb ?? '');
      ak.appendVarchar(naam ?? '');
      ak.appendVarchar(key(agbValue ?? null, naamValue ?? null));
      ak.endRow();
    }
    ak.flushSync();
  } finally {
    ak.closeSync();
  }
}

function text(a: DuckDBAppender, value: string | null): void {
  if (value === null) a.appendNull();
  else a.appendVarchar(value);
}

/**
 * The voorzieningen of one period, one row each (fv), from the sources whose period lies inside
 * the requested one (chooseSources):
 *  - a longer source wins over shorter ones it overlaps (a year delivery over its quarters), so
 *    nothing is counted twice;
 *  - across the quarters of a year, the same voorziening (client, product, begindatum, aanbieder)
 *    is one row whose costs are the sum of its quarters and whose other fields (wijk, age) are
 *    those of the latest quarter. Within one source, rows are never merged.
 * That is how a year is computed from records rather than by adding quarterly counts. `fh` holds
 * the clients' voorzieningen in the other sources, for instroom and herhaald beroep. A filter
 * narrows the period's rows (an analysis of one pillar), never the history.
 */
export async function buildDuckScope(connection: DuckDBConnection, set: DuckRecordSet, periode: Periode, filter: AnalysisFilter = {}): Promise<PeriodScope> {
  set.flush();
  const all = set.loaded();
  const chosen = chooseSources(all, periode);
  const vorige = previousPeriode(periode);
  const begin = dayNumber(periode.begin);
  const eind = dayNumber(periode.eind);
  const values = (list: LoadedSource[]) =>
    list.length === 0 ? 'SELECT NULL::INTEGER AS id, NULL::VARCHAR AS gemeente, NULL::INTEGER AS eind WHERE false' : `VALUES ${list.map((s) => `(${s.id}, ${sqlText(s.gemeente)}, ${dayNumber(s.eind)})`).join(', ')}`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE rs AS SELECT * FROM (${values(chosen)}) t(id, gemeente, eind)`);
  const overlaps = `r.b <= ${eind} AND (r.e IS NULL OR r.e >= ${begin})`;
  const columns = 'gemeente, client, huishouden, wijk, gebied, pijler, leefdomein, voorziening, productcode, aanbieder, b, e, kosten, leeftijd, a, product, aanbieder_naam, volume, eenheid, frequentie';
  const narrowed = filterSql(filter, 'f.');
  const oneSourceEach = new Set(chosen.map((s) => s.gemeente)).size === chosen.length;
  if (oneSourceEach) {
    await numberScope(connection, `(SELECT * FROM (SELECT s.gemeente, r.* FROM rec r JOIN rs s ON s.id = r.bron WHERE ${overlaps}) f WHERE ${narrowed})`);
  } else {
    await connection.run(`CREATE OR REPLACE TEMP TABLE fv_in AS
         WITH src AS (
           SELECT s.gemeente, s.eind AS bron_eind, r.*,
             row_number() OVER (PARTITION BY r.bron, r.client, r.productcode, r.b, r.aanbieder ORDER BY r.rij) AS n
           FROM rec r JOIN rs s ON s.id = r.bron WHERE ${overlaps}
         ), ranked AS (
           SELECT src.* EXCLUDE (kosten), sum(kosten) OVER same AS kosten,
             row_number() OVER (PARTITION BY gemeente, client, productcode, b, aanbieder, n ORDER BY bron_eind DESC, rij DESC) AS recentst
           FROM src
           WINDOW same AS (PARTITION BY gemeente, client, productcode, b, aanbieder, n)
         )
         SELECT row_number() OVER (ORDER BY gemeente, client, productcode, b, aanbieder, n) AS rij, ${columns}
         FROM ranked f WHERE recentst = 1 AND ${narrowed}`);
    await finishScopeTables(connection);
  }
  const from = Math.floor(Math.min(dayNumber(vorige.begin), begin - 2 * 365.25));
  const others = all.filter((s) => !chosen.some((c) => c.id === s.id));
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE ro AS SELECT * FROM (${values(others)}) t(id, gemeente, eind);
    CREATE OR REPLACE TEMP TABLE fh AS
    SELECT s.gemeente, r.client, r.wijk, r.gebied, r.pijler, r.b, r.e, row_number() OVER (ORDER BY r.client, r.bron, r.rij) AS ord
    FROM rec r JOIN ro s ON s.id = r.bron
    WHERE r.b <= ${eind} AND (r.e IS NULL OR r.e >= ${from});`);
  // Toerekening (lasten/toerekeningScope.ts): adds fv.kt only when a chosen source has lasten.
  const toerekening = await applyToerekening(connection, chosen);
  return { ...scopeOf(periode, vorige, chosen, all), ...(toerekening ? { toerekening } : {}) };
}
