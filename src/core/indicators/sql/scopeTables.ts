import type { DuckDBConnection } from '@duckdb/node-api';

/** fv from fv_in: clients and households as dense integers, numbered in (gemeente, client) order. */
export async function finishScopeTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv AS
    SELECT *, dense_rank() OVER (ORDER BY gemeente, client) AS cid,
      CASE WHEN huishouden IS NULL THEN NULL ELSE dense_rank() OVER (ORDER BY gemeente, huishouden) END AS hid
    FROM fv_in;
    DROP TABLE fv_in;`);
}
