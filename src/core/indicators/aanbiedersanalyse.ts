import type { DuckDBConnection } from '@duckdb/node-api';
import { kostenSql } from '../lasten/toerekeningScope.ts';

/*
 * The aanbiedersanalyse in the layout of the Haarlem report (bijlage 6): per product the
 * aanbieders with their omzet and clients, then a subtotal per product and a grand total.
 * A client served by two aanbieders of one product counts once in the product's subtotal, so a
 * subtotal is a count of its own and not always the sum of its rows; the same holds for the total.
 * Shares are of all clients in the analysis; averages are omzet / clients of that row.
 * Computed over the scope's voorzieningen in DuckDB (fv, sql/recordTables.ts buildDuckScope).
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
};

export type ProductBlock = Omit<AanbiederLine, 'aanbieder' | 'aanbiederNaam'> & { aanbieders: AanbiederLine[] };

export type Aanbiedersanalyse = {
  producten: ProductBlock[];
  /** The same figures per aanbieder over all products in the analysis. */
  perAanbieder: Omit<AanbiederLine, 'productcode' | 'product'>[];
  totaal: { omzet: number; clienten: number; gemiddeldeKosten: number };
};

type Group = { productcode: string | null; aanbieder: string | null; clienten: number; kostenCent: number };

export async function aanbiedersanalyse(connection: DuckDBConnection): Promise<Aanbiedersanalyse> {
  // One scan for the four groupings; GROUPING() tells them apart (a code may itself be empty).
  // With toerekening an aanbieder's omzet includes the lasten allocated to its clients.
  const kosten = await kostenSql(connection);
  const groups = (
    await connection.runAndReadAll(`
      SELECT grouping(productcode, aanbieder) AS g, productcode, aanbieder, count(DISTINCT cid) AS clienten, coalesce(sum(${kosten}), 0) AS kosten
      FROM fv GROUP BY GROUPING SETS ((), (productcode), (aanbieder), (productcode, aanbieder))`)
  ).getRowsJS() as [number, string | null, string | null, bigint | number, bigint | number][];
  const of = (g: number) =>
    groups.filter((r) => Number(r[0]) === g).map(([, productcode, aanbieder, clienten, kosten]): Group => ({ productcode, aanbieder, clienten: Number(clienten), kostenCent: Number(kosten) }));
  const [total] = of(3);
  const perProduct = of(1);
  const perAanbieder = of(2);
  const perPair = of(0);
  const productNames = await productNamesOf(connection);
  const aanbiederNamen = await aanbiederNames(connection);
  const allClients = total?.clienten ?? 0;
  const line = (group: Group) => ({
    omzet: group.kostenCent / 100,
    clienten: group.clienten,
    aandeelClienten: allClients === 0 ? 0 : (group.clienten / allClients) * 100,
    gemiddeldeKosten: group.clienten === 0 ? 0 : group.kostenCent / 100 / group.clienten,
  });
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
    totaal: { omzet: (total?.kostenCent ?? 0) / 100, clienten: allClients, gemiddeldeKosten: allClients === 0 ? 0 : (total?.kostenCent ?? 0) / 100 / allClients },
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
