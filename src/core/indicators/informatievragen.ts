import type { Db } from '../store/database.ts';
import type { AnalysisFilter } from './analysisFilter.ts';
import { clientDetail } from './figures.ts';
import type { PeriodScope } from './periodScope.ts';

/*
 * The Haarlem informatievragen the delivery record can answer. Costs are per client over the
 * period (all its voorzieningen); "with costs booked" means more than zero euros in the period.
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

export function informatievragen(db: Db, scope: PeriodScope, filter: AnalysisFilter = {}, top = 20, pijlerVolgorde: readonly string[] = []): Informatievragen {
  const { detail, combination } = clientDetail(db, scope, filter, top, pijlerVolgorde);
  const costs = Float64Array.from(detail.costs).sort().reverse();
  const total = costs.reduce((a, b) => a + b, 0);
  let running = 0;
  let eighty = 0;
  while (eighty < costs.length && running * 5 < total * 4) running += costs[eighty++]!;
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    clienten: detail.clients,
    kosten: total / 100,
    duursteClienten: detail.top.map((c) => ({ client: c.client, kosten: c.kosten / 100, voorzieningen: c.voorzieningen, pijlers: combination(c.pijlers) })),
    clientenVoor80ProcentKosten: eighty,
    aandeelClientenMetKosten: detail.clients === 0 ? 0 : (detail.withCosts / detail.clients) * 100,
    intensiteit: [...detail.volumes.values()]
      .sort((a, b) => byCode(a.productcode, b.productcode) || byCode(a.eenheid, b.eenheid) || byCode(a.frequentie, b.frequentie))
      .map(({ totaal, ...v }) => ({ ...v, gemiddeldVolume: totaal / v.voorzieningen })),
  };
}
