import type { DuckDBConnection } from '@duckdb/node-api';
import { kostenSql } from '../lasten/toerekeningScope.ts';

/*
 * The Haarlem informatievragen the delivery record can answer, over the scope's voorzieningen in
 * DuckDB (fv, sql/recordTables.ts buildDuckScope). Costs are per client over the period (all its
 * voorzieningen); "with costs booked" means more than zero euros in the period.
 */

export type Informatievragen = {
  clienten: number;
  kosten: number;
  /** The clients with the highest costs, by pseudonym: who they are stays at the gemeente. */
  duursteClienten: { client: string; kosten: number; voorzieningen: number; pijlers: string }[];
  /** The fewest clients that together account for at least 80 % of the costs, most expensive first. */
  clientenVoor80ProcentKosten: number;
  aandeelClientenMetKosten: number;
  /** Mean volume per voorziening, per product, unit and frequency as recorded. */
  intensiteit: { productcode: string; product: string; eenheid: string; frequentie: string; voorzieningen: number; gemiddeldVolume: number }[];
};

const num = (v: unknown) => Number(v as number | bigint | null);

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

export async function informatievragen(connection: DuckDBConnection, top = 20, pijlerVolgorde: readonly string[] = []): Promise<Informatievragen> {
  // With toerekening a client's costs include the lasten allocated to it; "booked" stays what was recorded per client.
  const kosten = await kostenSql(connection);
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE iv_client AS
    SELECT cid, any_value(client) AS client, coalesce(sum(${kosten}), 0) AS cents, bool_or(kosten > 0) AS booked, count(*) AS voorzieningen, list(DISTINCT pijler) AS pijlers
    FROM fv GROUP BY cid`);
  const [summary] = await rows(
    connection,
    // The 80 % count: the most expensive clients first, as many as it takes for their costs to reach 80 % of the total.
    `WITH positive AS (SELECT cents, sum(cents) OVER (ORDER BY cents DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM iv_client WHERE cents > 0),
       totals AS (SELECT coalesce(sum(cents), 0) AS total FROM positive)
     SELECT (SELECT count(*) FROM iv_client), (SELECT count(*) FILTER (WHERE booked) FROM iv_client), total,
       (SELECT count(*) FROM positive WHERE coalesce(before, 0) * 5 < total * 4)
     FROM totals`,
  );
  const [clients, withCosts, total, eighty] = summary!.map(num) as [number, number, number, number];
  const rank = new Map(pijlerVolgorde.map((p, i) => [p, i]));
  const r = (p: string) => rank.get(p) ?? rank.size;
  const combination = (pijlers: string[]) => [...pijlers].sort((a, b) => r(a) - r(b) || (a < b ? -1 : a > b ? 1 : 0)).join('+');
  const duurste = await rows(connection, `SELECT client, cents, voorzieningen, pijlers FROM iv_client WHERE cents > 0 ORDER BY cents DESC, client LIMIT ${Math.max(0, Math.floor(top))}`);
  // Volumes summed as decimals: exact, so the mean does not depend on the order of the rows.
  const volumes = await rows(
    connection,
    `SELECT productcode, coalesce(arg_min(product, rij), ''), coalesce(eenheid, '') AS eenheid, coalesce(frequentie, '') AS frequentie, count(*), CAST(sum(CAST(volume AS DECIMAL(38, 6))) AS DOUBLE)
     FROM fv WHERE volume IS NOT NULL GROUP BY productcode, 3, 4 ORDER BY productcode, eenheid, frequentie`,
  );
  await connection.run('DROP TABLE iv_client');
  return {
    clienten: clients,
    kosten: total / 100,
    duursteClienten: duurste.map(([client, cents, voorzieningen, pijlers]) => ({ client: client as string, kosten: num(cents) / 100, voorzieningen: num(voorzieningen), pijlers: combination(pijlers as string[]) })),
    clientenVoor80ProcentKosten: eighty,
    aandeelClientenMetKosten: clients === 0 ? 0 : (withCosts / clients) * 100,
    intensiteit: volumes.map(([productcode, product, eenheid, frequentie, n, totaal]) => ({
      productcode: productcode as string,
      product: product as string,
      eenheid: eenheid as string,
      frequentie: frequentie as string,
      voorzieningen: num(n),
      gemiddeldVolume: num(totaal) / num(n),
    })),
  };
}
