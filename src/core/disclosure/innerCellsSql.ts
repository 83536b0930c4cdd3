import type { DuckDBConnection } from '@duckdb/node-api';
import type { InnerCell } from './releaseModel.ts';

/*
 * The inner cells of a release from the figures engine's input table `fv` (one row per
 * voorziening of the period, clients as dense per-gemeente integers `cid`, costs in cents): the
 * same rows the figures are computed from, so every cell's inner set adds up to its figures.
 * Values are rendered as the engine writes them in a dimensie (`key=value`, null as `null`).
 */
export async function innerCellsSql(connection: DuckDBConnection, table = 'fv'): Promise<InnerCell[]> {
  const reader = await connection.runAndReadAll(`
    SELECT gemeente, coalesce(CAST(wijk AS VARCHAR), 'null'), coalesce(CAST(pijler AS VARCHAR), 'null'), coalesce(CAST(leefdomein AS VARCHAR), 'null'),
      coalesce(CAST(voorziening AS VARCHAR), 'null'), coalesce(CAST(productcode AS VARCHAR), 'null'), coalesce(CAST(aanbieder AS VARCHAR), 'null'),
      count(DISTINCT cid) AS clienten, count(*) AS voorzieningen, coalesce(sum(kosten), 0) AS kosten
    FROM ${table}
    WHERE pijler IS NOT NULL -- the engine joins on its pillar list, which has no null
    GROUP BY ALL
    ORDER BY ALL`);
  return (reader.getRowsJS() as unknown[][]).map((r) => ({
    gemeente: r[0] as string,
    wijk: r[1] as string,
    values: { pijler: r[2] as string, leefdomein: r[3] as string, voorziening: r[4] as string, productcode: r[5] as string, aanbieder: r[6] as string },
    clienten: Number(r[7]),
    voorzieningen: Number(r[8]),
    kosten: Number(r[9]),
  }));
}
