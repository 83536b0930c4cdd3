import type { DuckDBConnection } from '@duckdb/node-api';
import { KOSTEN_BRONNEN, kostenBronNaam, perKostenBron, type PerKostenBron } from '../lasten/kostenBron.ts';
import { kostenBronSql } from '../lasten/toerekeningScope.ts';

/*
 * The aanbiedersanalyse in the layout of the Haarlem report (bijlage 6): per product the
 * aanbieders with their omzet and clients, then a subtotal per product and a grand total.
 * A client served by two aanbieders of one product counts once in the product's subtotal, so a
 * subtotal is a count of its own and not always the sum of its rows; the same holds for the total.
 * Shares are of all clients in the analysis; averages are omzet / clients of that row.
 * Computed over the scope's voorzieningen in DuckDB (fv, sql/recordTables.ts buildDuckScope).
 * With toerekening the omzet includes the lasten allocated to the row's clients, and every line
 * also carries its omzet and average per kosten_bron: without toerekening and the allocated part.
 */

export type AanbiederLine = {
  productcode: string;
  product: string;
  aanbieder: string;
  aanbiederNaam: string;
  omzet: number;
  clienten: number;
  /** Percentage of all clients in the analysis. */
  aandeelClienten: number;
  gemiddeldeKosten: number;
  /** Omzet and average per kosten_bron; null when the period has no lasten. */
  perBron: PerKostenBron<{ omzet: number; gemiddeldeKosten: number }>;
};

export type ProductBlock = Omit<AanbiederLine, 'aanbieder' | 'aanbiederNaam'> & { aanbieders: AanbiederLine[] };

export type Aanbiedersanalyse = {
  producten: ProductBlock[];
  /** The same figures per aanbieder over all products in the analysis. */
  perAanbieder: Omit<AanbiederLine, 'productcode' | 'product'>[];
  totaal: Pick<AanbiederLine, 'omzet' | 'clienten' | 'gemiddeldeKosten' | 'perBron'>;
};

type Group = { productcode: string | null; aanbieder: string | null; clienten: number; kostenCent: number; bronCent: PerKostenBron<number> };

export async function aanbiedersanalyse(connection: DuckDBConnection): Promise<Aanbiedersanalyse> {
  // One scan for the four groupings; GROUPING() tells them apart (a code may itself be empty).
  const kosten = await kostenBronSql(connection);
  const delen = (kosten.perBron ? KOSTEN_BRONNEN : []).map((b) => `, coalesce(sum(${kosten.perBron![b]}), 0) AS ${kostenBronNaam('kosten', b)}`).join('');
  type Row = { g: number; productcode: string | null; aanbieder: string | null; clienten: bigint | number; kosten: bigint | number } & Record<string, unknown>;
  const groups = (
    await connection.runAndReadAll(`
      SELECT grouping(productcode, aanbieder) AS g, productcode, aanbieder, count(DISTINCT cid) AS clienten, coalesce(sum(${kosten.totaal}), 0) AS kosten${delen}
      FROM fv GROUP BY GROUPING SETS ((), (productcode), (aanbieder), (productcode, aanbieder))`)
  ).getRowObjectsJS() as Row[];
  const of = (g: number) =>
    groups
      .filter((r) => Number(r.g) === g)
      .map((r): Group => ({
        productcode: r.productcode,
        aanbieder: r.aanbieder,
        clienten: Number(r.clienten),
        kostenCent: Number(r.kosten),
        bronCent: perKostenBron(kosten.perBron !== null, (b) => Number(r[kostenBronNaam('kosten', b)] as bigint | number)),
      }));
  const [total] = of(3);
  const perProduct = of(1);
  const perAanbieder = of(2);
  const perPair = of(0);
  const productNames = await productNamesOf(connection);
  const aanbiederNamen = await aanbiederNames(connection);
  const allClients = total?.clienten ?? 0;
  const money = (cents: number, clienten: number) => ({ omzet: cents / 100, gemiddeldeKosten: clienten === 0 ? 0 : cents / 100 / clienten });
  const line = (group: Group) => ({
    ...money(group.kostenCent, group.clienten),
    clienten: group.clienten,
    aandeelClienten: allClients === 0 ? 0 : (group.clienten / allClients) * 100,
    perBron: perKostenBron(group.bronCent !== null, (b) => money(group.bronCent![b], group.clienten)),
  });
  const totaal = line(total ?? { productcode: null, aanbieder: null, clienten: 0, kostenCent: 0, bronCent: perKostenBron(kosten.perBron !== null, () => 0) });
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    producten: perProduct
      .sort((a, b) => byCode(a.productcode!, b.productcode!))
      .map((p) => {
        const product = productNames.get(p.productcode!) ?? '';
        return {
          productcode: p.productcode!,
          product,
          ...line(p),
          aanbieders: perPair
            .filter((r) => r.productcode === p.productcode)
            .sort((a, b) => a.kostenCent - b.kostenCent || byCode(a.aanbieder!, b.aanbieder!))
            .map((r) => ({ productcode: p.productcode!, product, aanbieder: r.aanbieder!, aanbiederNaam: aanbiederNamen.get(r.aanbieder!) ?? '', ...line(r) })),
        };
      }),
    perAanbieder: perAanbieder
      .sort((a, b) => b.kostenCent - a.kostenCent || byCode(a.aanbieder!, b.aanbieder!))
      .map((a) => ({ aanbieder: a.aanbieder!, aanbiederNaam: aanbiederNamen.get(a.aanbieder!) ?? '', ...line(a) })),
    totaal: { omzet: totaal.omzet, clienten: totaal.clienten, gemiddeldeKosten: totaal.gemiddeldeKosten, perBron: totaal.perBron },
  };
}

/** A product's name as the first of its voorzieningen (in client order) that has one spells it. */
async function productNamesOf(connection: DuckDBConnection): Promise<Map<string, string>> {
  const rows = (await connection.runAndReadAll('SELECT productcode, arg_min(product, rij) FROM fv WHERE product IS NOT NULL GROUP BY productcode')).getRowsJS() as [string, string][];
  return new Map(rows);
}

/**
 * Per aanbieder key the name shown for it: the spelling most of its voorzieningen use, ties going
 * to the first in code point order, so the same records always show the same name.
 */
export async function aanbiederNames(connection: DuckDBConnection): Promise<Map<string, string>> {
  const rows = (
    await connection.runAndReadAll(`
      SELECT aanbieder, aanbieder_naam FROM (
        SELECT aanbieder, aanbieder_naam, row_number() OVER (PARTITION BY aanbieder ORDER BY count(*) DESC, aanbieder_naam) AS n
        FROM fv WHERE aanbieder_naam IS NOT NULL AND aanbieder_naam <> '' GROUP BY aanbieder, aanbieder_naam
      ) WHERE n = 1`)
  ).getRowsJS() as [string, string][];
  return new Map(rows);
}
