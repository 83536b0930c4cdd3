import type { Db } from '../store/database.ts';
import type { AnalysisFilter } from './analysisFilter.ts';
import { groupTotals, type GroupTotal } from './figures.ts';
import type { PeriodScope } from './periodScope.ts';

/*
 * The aanbiedersanalyse in the layout of the Haarlem report (bijlage 6): per product the
 * aanbieders with their omzet and clients, then a subtotal per product and a grand total.
 * A client served by two aanbieders of one product counts once in the product's subtotal, so a
 * subtotal is a count of its own and not always the sum of its rows; the same holds for the total.
 * Shares are of all clients in the analysis; averages are omzet / clients of that row.
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

export function aanbiedersanalyse(db: Db, scope: PeriodScope, filter: AnalysisFilter = {}): Aanbiedersanalyse {
  const [[total], perProduct, perAanbieder, perPair] = groupTotals(db, scope, [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']], filter) as [
    GroupTotal[],
    GroupTotal[],
    GroupTotal[],
    GroupTotal[],
  ];
  const allClients = total?.clienten ?? 0;
  const line = (group: GroupTotal) => ({
    omzet: group.kostenCent / 100,
    clienten: group.clienten,
    aandeelClienten: allClients === 0 ? 0 : (group.clienten / allClients) * 100,
    gemiddeldeKosten: group.clienten === 0 ? 0 : group.kostenCent / 100 / group.clienten,
  });
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    producten: perProduct
      .sort((a, b) => byCode(a.waarden[0]!, b.waarden[0]!))
      .map((p) => ({
        productcode: p.waarden[0]!,
        product: p.namen[0]!,
        ...line(p),
        aanbieders: perPair
          .filter((r) => r.waarden[0] === p.waarden[0])
          .sort((a, b) => a.kostenCent - b.kostenCent || byCode(a.waarden[1]!, b.waarden[1]!))
          .map((r) => ({ productcode: p.waarden[0]!, product: p.namen[0]!, aanbieder: r.waarden[1]!, aanbiederNaam: r.namen[1]!, ...line(r) })),
      })),
    perAanbieder: perAanbieder
      .sort((a, b) => b.kostenCent - a.kostenCent || byCode(a.waarden[0]!, b.waarden[0]!))
      .map((a) => ({ aanbieder: a.waarden[0]!, aanbiederNaam: a.namen[0]!, ...line(a) })),
    totaal: { omzet: (total?.kostenCent ?? 0) / 100, clienten: allClients, gemiddeldeKosten: allClients === 0 ? 0 : (total?.kostenCent ?? 0) / 100 / allClients },
  };
}
