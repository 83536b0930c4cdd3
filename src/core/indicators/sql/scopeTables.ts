import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../../store/database.ts';
import type { PeriodScope } from '../periodScope.ts';
import { dayNumber } from './figuresSql.ts';

/*
 * The period's voorzieningen (SQLite's ind_v, built by buildPeriodScope) and the clients'
 * earlier voorzieningen, handed to DuckDB through its appender: the tables fv and fh that
 * figuresSql.ts reads. Dates become day numbers and clients/households dense integers here, once.
 */

const V_COLUMNS = 'rowid, gemeente, client, huishouden, wijk, gebied, pijler, leefdomein, voorziening, productcode, aanbieder, begindatum, einddatum, kosten_cent, leeftijd, aanvraagdatum';

function text(appender: DuckDBAppender, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value as string);
}

function int(appender: DuckDBAppender, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(value as number);
}

function day(appender: DuckDBAppender, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(dayNumber(value as string));
}

export async function copyScopeToDuckDb(db: Db, scope: PeriodScope, connection: DuckDBConnection, onRows?: (rows: number) => void): Promise<number> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv_in (
      rij BIGINT, gemeente VARCHAR, client VARCHAR, huishouden VARCHAR, wijk VARCHAR, gebied VARCHAR, pijler VARCHAR,
      leefdomein VARCHAR, voorziening VARCHAR, productcode VARCHAR, aanbieder VARCHAR,
      b INTEGER, e INTEGER, kosten BIGINT, leeftijd INTEGER, a INTEGER);
    CREATE OR REPLACE TEMP TABLE fh (gemeente VARCHAR, client VARCHAR, wijk VARCHAR, gebied VARCHAR, pijler VARCHAR, b INTEGER, e INTEGER, ord BIGINT);`);
  const v = await connection.createAppender('fv_in');
  let n = 0;
  try {
    for (const r of db.prepare(`SELECT ${V_COLUMNS} FROM ind_v`).raw(true).iterate() as IterableIterator<unknown[]>) {
      v.appendBigInt(BigInt(r[0] as number));
      for (let i = 1; i <= 10; i++) text(v, r[i]);
      day(v, r[11]);
      day(v, r[12]);
      if (r[13] === null) v.appendNull();
      else v.appendBigInt(BigInt(r[13] as number));
      int(v, r[14]);
      day(v, r[15]);
      v.endRow();
      if (++n % 100_000 === 0) onRows?.(n);
    }
    v.flushSync();
  } finally {
    v.closeSync();
  }
  // History as the old engine fetched it: other sources, only what can matter for the period.
  const from = new Date(Math.min(dayNumber(scope.vorige.begin), dayNumber(scope.periode.begin) - 2 * 365.25) * 86_400_000).toISOString().slice(0, 10);
  const h = await connection.createAppender('fh');
  try {
    let ord = 0;
    const history = db
      .prepare(
        `SELECT b.gemeente, r.client, r.wijk, IFNULL(r.gebied, ''), r.pijler, r.begindatum, r.einddatum
         FROM ind_record r JOIN ind_bron b ON b.id = r.bron AND b.klaar = 1
         WHERE r.bron NOT IN (SELECT bron FROM ind_scope) AND r.begindatum <= ? AND (r.einddatum IS NULL OR r.einddatum >= ?)
         ORDER BY r.client, r.bron, r.rowid`,
      )
      .raw(true)
      .iterate(scope.periode.eind, from) as IterableIterator<unknown[]>;
    for (const r of history) {
      for (let i = 0; i < 5; i++) text(h, r[i]);
      day(h, r[5]);
      day(h, r[6]);
      h.appendBigInt(BigInt(++ord));
      h.endRow();
    }
    h.flushSync();
  } finally {
    h.closeSync();
  }
  await finishScopeTables(connection);
  onRows?.(n);
  return n;
}

/** fv from fv_in: clients and households as dense integers, numbered in (gemeente, client) order. */
export async function finishScopeTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv AS
    SELECT *, dense_rank() OVER (ORDER BY gemeente, client) AS cid,
      CASE WHEN huishouden IS NULL THEN NULL ELSE dense_rank() OVER (ORDER BY gemeente, huishouden) END AS hid
    FROM fv_in;
    DROP TABLE fv_in;`);
}
