import type { DuckDBConnection } from '@duckdb/node-api';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import { dayNumber } from '../indicators/sql/figuresSql.ts';
import { parsePeriode, type Periode } from '../period/periode.ts';
import { currentRecordFiles, recordsSql, type GemeenteRecords } from '../central/records/currentRecords.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { sqlText } from '../central/store/duckdb.ts';

/**
 * Waterbed shifts between two periods ("verschuivingen tussen producten, leefdomeinen of
 * financieringspijlers"): per gemeente and wijk a table from × to of clients, by pijler,
 * voorziening or leefdomein. For each client (same pseudonym in the same gemeente) A is what it
 * had in the first period, B in the second:
 *  - `van` = `naar` = k for k in both: stayed;
 *  - k in A only and m in B only: moved from k to m; a client that left two and started two
 *    counts in all four pairs, so the pairs of one client can add up to more than one;
 *  - k in A only and nothing new: `naar` = `(geen)` (stopped); m in B only and nothing stopped:
 *    `van` = `(geen)` (new, or added beside what it kept).
 * The wijk is the client's wijk in the first period, else the second (the lowest code when it has
 * several). Only gemeenten whose deliveries of both periods use one key: across a key change the
 * same client has another pseudonym and every client would look like one that stopped and a new one.
 */
export type FlowDimension = 'pijler' | 'voorziening' | 'leefdomein';
export type FlowRow = { gemeente: string; wijk: string; van: string; naar: string; clienten: number };
export const NONE = '(geen)';

export async function waterbedFlows(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { van: string; naar: string; dimensie: FlowDimension },
): Promise<{ rows: FlowRow[]; gemeenten: string[]; sleutelBreuk: string[] }> {
  const first = parsePeriode(options.van);
  const second = parsePeriode(options.naar);
  if (dayNumber(first.eind) >= dayNumber(second.begin)) throw new UserError('PERIODE_VOLGORDE', `Periode ${first.code} moet helemaal vóór ${second.code} liggen.`);
  const a = new Map(currentRecordFiles(store, first).map((g) => [g.gemeente, g]));
  const b = new Map(currentRecordFiles(store, second).map((g) => [g.gemeente, g]));
  const keys = (g: GemeenteRecords) => new Set(g.delen.map((d) => d.sleutel));
  const both = [...a.keys()].filter((g) => b.has(g)).sort();
  const sleutelBreuk = both.filter((g) => {
    const ka = keys(a.get(g)!);
    const kb = keys(b.get(g)!);
    return ka.size !== 1 || kb.size !== 1 || [...ka][0] !== [...kb][0];
  });
  const gemeenten = both.filter((g) => !sleutelBreuk.includes(g));
  if (gemeenten.length === 0) {
    throw new UserError('GEEN_LEVERING', `Er is geen gemeente met actuele leveringen voor zowel ${first.code} als ${second.code} met dezelfde sleutel${sleutelBreuk.length > 0 ? ` (sleutel gewijzigd: ${sleutelBreuk.join(', ')})` : ''}.`);
  }
  const column = options.dimensie;
  const table = (name: string, periode: Periode, files: Map<string, GemeenteRecords>) => {
    const day = (c: string) => `CAST(${c} - DATE '1970-01-01' AS INTEGER)`;
    const union = gemeenten
      .map((g) => `SELECT ${sqlText(g)} AS gemeente, client, coalesce(wijk, '') AS wijk, coalesce(${column}, '') AS k, begindatum, einddatum FROM (${recordsSql(files.get(g)!.delen)})`)
      .join(' UNION ALL ');
    return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT DISTINCT gemeente, client, wijk, k FROM (${union})
      WHERE ${day('begindatum')} <= ${dayNumber(periode.eind)} AND (einddatum IS NULL OR ${day('einddatum')} >= ${dayNumber(periode.begin)})`;
  };
  await connection.run(table('wb_a', first, a));
  await connection.run(table('wb_b', second, b));
  const reader = await connection.runAndReadAll(`
    WITH ka AS (SELECT DISTINCT gemeente, client, k FROM wb_a),
    kb AS (SELECT DISTINCT gemeente, client, k FROM wb_b),
    stayed AS (SELECT gemeente, client, k AS van, k AS naar FROM ka SEMI JOIN kb USING (gemeente, client, k)),
    stopped AS (SELECT * FROM ka ANTI JOIN kb USING (gemeente, client, k)),
    started AS (SELECT * FROM kb ANTI JOIN ka USING (gemeente, client, k)),
    pairs AS (
      SELECT * FROM stayed
      UNION ALL SELECT s.gemeente, s.client, s.k, t.k FROM stopped s JOIN started t USING (gemeente, client)
      UNION ALL SELECT gemeente, client, k, ${sqlText(NONE)} FROM stopped ANTI JOIN started USING (gemeente, client)
      UNION ALL SELECT gemeente, client, ${sqlText(NONE)}, k FROM started ANTI JOIN stopped USING (gemeente, client)
    ),
    home AS (
      SELECT gemeente, client, coalesce(min(a.wijk), min(b.wijk)) AS wijk
      FROM (SELECT DISTINCT gemeente, client FROM pairs) p LEFT JOIN wb_a a USING (gemeente, client) LEFT JOIN wb_b b USING (gemeente, client)
      GROUP BY ALL
    )
    SELECT p.gemeente, '' AS wijk, van, naar, count(*)::INTEGER AS clienten FROM pairs p GROUP BY ALL
    UNION ALL
    SELECT p.gemeente, h.wijk, van, naar, count(*)::INTEGER FROM pairs p JOIN home h USING (gemeente, client) GROUP BY ALL
    ORDER BY gemeente, wijk, van, naar`);
  const rows = reader.getRowObjectsJS() as unknown as FlowRow[];
  return { rows, gemeenten, sleutelBreuk };
}

export const FLOW_COLUMNS = ['van_periode', 'naar_periode', 'gemeente', 'wijk', 'indeling', 'van', 'naar', 'clienten'] as const;

/** The flow table as CSV (UTF-8 with BOM, `;`), written under a temporary name and renamed. */
export function writeFlowsCsv(file: string, flows: { van: string; naar: string; dimensie: FlowDimension; rows: readonly FlowRow[] }): number {
  const rows = flows.rows.map((r) => [parsePeriode(flows.van).code, parsePeriode(flows.naar).code, r.gemeente, r.wijk, flows.dimensie, r.van, r.naar, r.clienten]);
  writeFileAtomic(file, UTF8_BOM + csvChunk([[...FLOW_COLUMNS], ...rows]));
  return rows.length;
}
