import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { createAanbiederKeys } from '../../delivery/aanbiederKey.ts';
import type { DeliveryRecord } from '../../delivery/deliveryRecord.ts';
import { previousPeriode, type Periode } from '../../period/periode.ts';
import type { RecordSink } from '../loadDelivery.ts';
import { chooseSources, scopeOf, type PeriodScope } from '../periodScope.ts';
import type { LoadedSource, RecordSource } from '../recordSet.ts';
import { sqlText } from '../../central/store/duckdb.ts';
import { dayNumber } from './figuresSql.ts';
import { finishScopeTables } from './scopeTables.ts';

/*
 * The record set of recordSet.ts, in DuckDB: deliveries are appended straight into `rec`, so
 * the figures CLI never writes a million records into SQLite only to read them back. The period's
 * scope (which sources, quarters merged into a year) follows periodScope.ts rule for rule, and
 * produces the fv/fh tables of figuresSql.ts; rows come in the order SQLite gave them there.
 */

export type DuckRecordSet = {
  open(source: RecordSource): RecordSink;
  loaded(): LoadedSource[];
  /** Writes what the appender holds; call before querying. */
  flush(): void;
  close(): void;
};

export async function createDuckRecordSet(connection: DuckDBConnection): Promise<DuckRecordSet> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE rec (
    bron INTEGER, rij INTEGER, client VARCHAR, huishouden VARCHAR, wijk VARCHAR, gebied VARCHAR, pijler VARCHAR,
    leefdomein VARCHAR, voorziening VARCHAR, productcode VARCHAR, aanbieder VARCHAR,
    b INTEGER, e INTEGER, kosten BIGINT, leeftijd INTEGER, a INTEGER)`);
  const appender = await connection.createAppender('rec');
  const sources: LoadedSource[] = [];
  let next = 0;
  return {
    open(source) {
      const id = ++next;
      const aanbiederKey = createAanbiederKeys();
      let rij = 0;
      return {
        add(records) {
          for (const r of records) append(appender, id, ++rij, r, aanbiederKey(r.aanbieder, r.aanbieder_naam));
        },
        finish() {
          // A later load of the same gemeente and period replaces the earlier one (recordSet.ts).
          for (let i = sources.length - 1; i >= 0; i--) if (sources[i]!.gemeente === source.gemeente && sources[i]!.periode === source.periode.code) sources.splice(i, 1);
          sources.push({ id, gemeente: source.gemeente, gemeentenaam: source.gemeentenaam, periode: source.periode.code, begin: source.periode.begin, eind: source.periode.eind, omschrijving: source.omschrijving, rijen: rij });
          return { bron: id, rijen: rij };
        },
        // Rows of an aborted source stay in `rec` but are never read: only finished sources count.
        abort() {},
      };
    },
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
  a.endRow();
}

/** buildPeriodScope (periodScope.ts) over the DuckDB record set: fills fv and fh. */
export async function buildDuckScope(connection: DuckDBConnection, set: DuckRecordSet, periode: Periode): Promise<PeriodScope> {
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
  const columns = 'gemeente, client, huishouden, wijk, gebied, pijler, leefdomein, voorziening, productcode, aanbieder, b, e, kosten, leeftijd, a';
  const oneSourceEach = new Set(chosen.map((s) => s.gemeente)).size === chosen.length;
  await connection.run(
    oneSourceEach
      ? `CREATE OR REPLACE TEMP TABLE fv_in AS
         SELECT row_number() OVER (ORDER BY s.gemeente, r.client, r.bron, r.rij) AS rij, s.gemeente, r.* EXCLUDE (bron, rij)
         FROM rec r JOIN rs s ON s.id = r.bron WHERE ${overlaps}`
      : `CREATE OR REPLACE TEMP TABLE fv_in AS
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
         FROM ranked WHERE recentst = 1`,
  );
  const from = Math.floor(Math.min(dayNumber(vorige.begin), begin - 2 * 365.25));
  const others = all.filter((s) => !chosen.some((c) => c.id === s.id));
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE ro AS SELECT * FROM (${values(others)}) t(id, gemeente, eind);
    CREATE OR REPLACE TEMP TABLE fh AS
    SELECT s.gemeente, r.client, r.wijk, r.gebied, r.pijler, r.b, r.e, row_number() OVER (ORDER BY r.client, r.bron, r.rij) AS ord
    FROM rec r JOIN ro s ON s.id = r.bron
    WHERE r.b <= ${eind} AND (r.e IS NULL OR r.e >= ${from});`);
  await finishScopeTables(connection);

  return scopeOf(periode, vorige, chosen, all);
}
