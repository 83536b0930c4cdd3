import { countInterval } from './poissonInterval.ts';

/**
 * Indirect standardisation: reference rates per stratum (clients / inhabitants over all
 * participating gemeenten together), an area's expected count = Σ rate × its inhabitants in the
 * stratum, and the standardised ratio sr = observed / expected × 100 with the 95 % interval of
 * the observed count divided by the expected one. Because the reference is the sum of the
 * gemeenten, Σ expected over the gemeenten equals Σ observed: the identity the tests check.
 */
export type Standardised = { waargenomen: number; verwacht: number; sr: number | null; onder: number | null; boven: number | null };

export { MIN_EXPECTED_SHOWN } from '../../shared/standardisationDisplay.ts';

export function referenceRates(clients: readonly (readonly number[])[], populations: readonly (readonly number[])[]): number[] {
  const strata = populations[0]?.length ?? 0;
  return Array.from({ length: strata }, (_, s) => {
    const c = clients.reduce((n, row) => n + row[s]!, 0);
    const p = populations.reduce((n, row) => n + row[s]!, 0);
    // No inhabitants in a stratum (a band a file rounded to 0): no rate can come from it.
    return p > 0 ? c / p : 0;
  });
}

export function standardise(observed: number, population: readonly number[], rates: readonly number[]): Standardised {
  const verwacht = population.reduce((sum, p, s) => sum + p * rates[s]!, 0);
  if (!(verwacht > 0)) return { waargenomen: observed, verwacht, sr: null, onder: null, boven: null };
  const interval = countInterval(observed);
  return { waargenomen: observed, verwacht, sr: (100 * observed) / verwacht, onder: (100 * interval.onder) / verwacht, boven: (100 * interval.boven) / verwacht };
}
