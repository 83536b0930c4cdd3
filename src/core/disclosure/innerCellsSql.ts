import type { DuckDBConnection } from '@duckdb/node-api';
import { hasToerekening } from '../lasten/toerekeningScope.ts';
import type { InnerCell } from './releaseModel.ts';

/*
 * The inner cells of a release from the figures engine's input table `fv` (one row per
 * voorziening of the period, clients as dense per-gemeente integers `cid`, costs in cents): the
 * same rows the figures are computed from, so every cell's inner set adds up to its figures.
 * Values are rendered as the engine writes them in a dimensie (`key=value`, null as `null`).
 * With toerekening (a column `kt` of allocated lasten) the costs are the total the kosten figure
 * shows, and per kosten_bron its two parts.
 */
export async function innerCellsSql(connection: DuckDBConnection, table = 'fv'): Promise<InnerCell[]> {
  const toerekend = table === 'fv' && (await hasToerekening(connection));
  const reader = await connection.runAndReadAll(`
    SELECT gemeente, coalesce(CAST(wijk AS VARCHAR), 'null') AS wijk, coalesce(CAST(pijler AS VARCHAR), 'null') AS pijler, coalesce(CAST(leefdomein AS VARCHAR), 'null') AS leefdomein,
      coalesce(CAST(voorziening AS VARCHAR), 'null') AS voorziening, coalesce(CAST(productcode AS VARCHAR), 'null') AS productcode, coalesce(CAST(aanbieder AS VARCHAR), 'null') AS aanbieder,
      count(DISTINCT cid) AS clienten, count(*) AS voorzieningen, coalesce(sum(kosten), 0) AS client, ${toerekend ? 'coalesce(sum(kt), 0)' : '0'} AS toegerekend
    FROM ${table}
    WHERE pijler IS NOT NULL -- the engine joins on its pillar list, which has no null
    GROUP BY ALL
    ORDER BY ALL`);
  return reader.getRowObjectsJS().map((r) => {
    const cell: InnerCell = {
      gemeente: r.gemeente as string,
      wijk: r.wijk as string,
      values: { pijler: r.pijler as string, leefdomein: r.leefdomein as string, voorziening: r.voorziening as string, productcode: r.productcode as string, aanbieder: r.aanbieder as string },
      clienten: Number(r.clienten),
      voorzieningen: Number(r.voorzieningen),
      kosten: Number(r.client) + Number(r.toegerekend),
    };
    if (toerekend) cell.bronnen = { client: Number(r.client), toegerekend: Number(r.toegerekend) };
    return cell;
  });
}
