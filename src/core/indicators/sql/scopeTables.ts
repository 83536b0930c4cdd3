import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * fv from fv_in: clients and households as dense integers, numbered in (gemeente, client) order.
 * Numbered over the distinct values and joined back, not by dense_rank over every row: that
 * sorts a million rows twice and measured 2.7 times slower.
 */
export async function finishScopeTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv AS
    WITH k AS (
      SELECT gemeente, client, row_number() OVER (ORDER BY gemeente, client) AS cid FROM (SELECT DISTINCT gemeente, client FROM fv_in)
    ), h AS (
      SELECT gemeente, huishouden, row_number() OVER (ORDER BY gemeente, huishouden) AS hid
      FROM (SELECT DISTINCT gemeente, huishouden FROM fv_in WHERE huishouden IS NOT NULL)
    )
    SELECT fv_in.*, k.cid, h.hid FROM fv_in JOIN k USING (gemeente, client) LEFT JOIN h USING (gemeente, huishouden);
    DROP TABLE fv_in;`);
}
