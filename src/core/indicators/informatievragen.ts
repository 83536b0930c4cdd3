import type { DuckDBConnection } from '@duckdb/node-api';
import { KOSTEN_BRONNEN, kostenBronNaam, perKostenBron, type KostenBron, type PerKostenBron } from '../lasten/kostenBron.ts';
import { kostenBronSql } from '../lasten/toerekeningScope.ts';

/*
 * The Haarlem informatievragen the delivery record can answer, over the scope's voorzieningen in
 * DuckDB (fv, sql/recordTables.ts buildDuckScope). Costs are per client over the period (all its
 * voorzieningen); "with costs booked" means more than zero euros in the period.
 */

/** The cost answers, computed alike for the total and for each kosten_bron. */
export type KostenAntwoorden = {
  kosten: number;
  /** The fewest clients that together account for at least 80 % of the costs, most expensive first. */
  clientenVoor80ProcentKosten: number;
  aandeelClientenMetKosten: number;
};

export type Informatievragen = KostenAntwoorden & {
  clienten: number;
  /** The clients with the highest costs (with toerekening), by pseudonym: who they are stays at the gemeente. */
  duursteClienten: { client: string; kosten: number; voorzieningen: number; pijlers: string; perBron: PerKostenBron<number> }[];
  /** Mean volume per voorziening, per product, unit and frequency as recorded. */
  intensiteit: { productcode: string; product: string; eenheid: string; frequentie: string; voorzieningen: number; gemiddeldVolume: number }[];
  /** The cost answers without toerekening and of the allocated part alone; null when the period has no lasten. */
  perBron: PerKostenBron<KostenAntwoorden>;
};

const num = (v: unknown) => Number(v as number | bigint | null);

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** Column names in iv_client of the total (`cents`) and of each kosten_bron (`cents_client`, …). */
const centsOf = (bron: KostenBron | null) => (bron === null ? 'cents' : kostenBronNaam('cents', bron));
const bookedOf = (bron: KostenBron | null) => (bron === null ? 'booked' : kostenBronNaam('booked', bron));

async function kostenAntwoorden(connection: DuckDBConnection, bron: KostenBron | null): Promise<{ clienten: number; answers: KostenAntwoorden }> {
  const cents = centsOf(bron);
  const [summary] = await rows(
    connection,
    // The 80 % count: the most expensive clients first, as many as it takes for their costs to reach 80 % of the total.
    `WITH positive AS (SELECT ${cents} AS cents, sum(${cents}) OVER (ORDER BY ${cents} DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM iv_client WHERE ${cents} > 0),
       totals AS (SELECT coalesce(sum(cents), 0) AS total FROM positive)
     SELECT (SELECT count(*) FROM iv_client), (SELECT count(*) FILTER (WHERE ${bookedOf(bron)}) FROM iv_client), total,
       (SELECT count(*) FROM positive WHERE coalesce(before, 0) * 5 < total * 4)
     FROM totals`,
  );
  const [clients, withCosts, total, eighty] = summary!.map(num) as [number, number, number, number];
  return { clienten: clients, answers: { kosten: total / 100, clientenVoor80ProcentKosten: eighty, aandeelClientenMetKosten: clients === 0 ? 0 : (withCosts / clients) * 100 } };
}

export async function informatievragen(connection: DuckDBConnection, top = 20, pijlerVolgorde: readonly string[] = []): Promise<Informatievragen> {
  // With toerekening a client's costs include the lasten allocated to it, and the same answers are
  // computed on the recorded costs alone and on the allocated part. "With costs booked": one of its
  // voorzieningen has more than zero euros of that kind.
  const kosten = await kostenBronSql(connection);
  const bronnen = kosten.perBron ? KOSTEN_BRONNEN : [];
  const columns = (bron: KostenBron | null, sql: string) => `, coalesce(sum(${sql}), 0) AS ${centsOf(bron)}, bool_or(${sql} > 0) AS ${bookedOf(bron)}`;
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE iv_client AS
    SELECT cid, any_value(client) AS client, count(*) AS voorzieningen, list(DISTINCT pijler) AS pijlers${columns(null, kosten.totaal)}${bronnen.map((b) => columns(b, kosten.perBron![b])).join('')}
    FROM fv GROUP BY cid`);
  const { clienten, answers } = await kostenAntwoorden(connection, null);
  // One query at a time: the connection runs them in order anyway.
  const parts = new Map<KostenBron, KostenAntwoorden>();
  for (const b of bronnen) parts.set(b, (await kostenAntwoorden(connection, b)).answers);
  const rank = new Map(pijlerVolgorde.map((p, i) => [p, i]));
  const r = (p: string) => rank.get(p) ?? rank.size;
  const combination = (pijlers: string[]) => [...pijlers].sort((a, b) => r(a) - r(b) || (a < b ? -1 : a > b ? 1 : 0)).join('+');
  const duurste = (
    await connection.runAndReadAll(`SELECT client, cents, voorzieningen, pijlers${bronnen.map((b) => `, ${centsOf(b)}`).join('')} FROM iv_client WHERE cents > 0 ORDER BY cents DESC, client LIMIT ${Math.max(0, Math.floor(top))}`)
  ).getRowObjectsJS() as Record<string, unknown>[];
  // Volumes summed as decimals: exact, so the mean does not depend on the order of the rows.
  const volumes = await rows(
    connection,
    `SELECT productcode, coalesce(arg_min(product, rij), ''), coalesce(eenheid, '') AS eenheid, coalesce(frequentie, '') AS frequentie, count(*), CAST(sum(CAST(volume AS DECIMAL(38, 6))) AS DOUBLE)
     FROM fv WHERE volume IS NOT NULL GROUP BY productcode, 3, 4 ORDER BY productcode, eenheid, frequentie`,
  );
  await connection.run('DROP TABLE iv_client');
  return {
    clienten,
    ...answers,
    duursteClienten: duurste.map((c) => ({
      client: c.client as string,
      kosten: num(c.cents) / 100,
      voorzieningen: num(c.voorzieningen),
      pijlers: combination(c.pijlers as string[]),
      perBron: perKostenBron(kosten.perBron !== null, (b) => num(c[centsOf(b)]) / 100),
    })),
    perBron: perKostenBron(kosten.perBron !== null, (b) => parts.get(b)!),
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
