/**
 * 95 % interval for an observed count O, as a rate ratio is published (DESIGN.md "Extra
 * indicators"): exact Poisson (Garwood) below 10 observed, Byar's approximation from 10, where it
 * is within a few tenths of a percent of the exact one and needs no iteration.
 *  - exact: the lower limit L solves P(X ≥ O | L) = 0.025, the upper U solves P(X ≤ O | U) = 0.025
 *    (L = 0 when O = 0); found by bisection on the Poisson sum, which is short below 10.
 *  - Byar: L = O (1 − 1/(9O) − z/(3√O))³, U = (O+1) (1 − 1/(9(O+1)) + z/(3√(O+1)))³.
 */
export const Z_975 = 1.959963984540054;
export const EXACT_BELOW = 10;

export type CountInterval = { onder: number; boven: number; methode: 'exact' | 'byar' };

function poissonCdf(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return sum;
}

/** The mean at which f (decreasing in the mean) equals the target, by bisection to full precision. */
function solveDecreasing(f: (mean: number) => number, target: number, hi: number): number {
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function countInterval(observed: number): CountInterval {
  if (!Number.isInteger(observed) || observed < 0) throw new RangeError(`observed count must be a whole number ≥ 0, not ${observed}`);
  if (observed < EXACT_BELOW) {
    const hi = observed + 30;
    // P(X ≤ O−1 | L) = 0.975, i.e. P(X ≥ O | L) = 0.025.
    const onder = observed === 0 ? 0 : solveDecreasing((m) => poissonCdf(observed - 1, m), 0.975, hi);
    const boven = solveDecreasing((m) => poissonCdf(observed, m), 0.025, hi);
    return { onder, boven, methode: 'exact' };
  }
  const o = observed;
  const onder = o * (1 - 1 / (9 * o) - Z_975 / (3 * Math.sqrt(o))) ** 3;
  const boven = (o + 1) * (1 - 1 / (9 * (o + 1)) + Z_975 / (3 * Math.sqrt(o + 1))) ** 3;
  return { onder, boven, methode: 'byar' };
}

/** The funnel's two bands: 95 % (about 2 standard errors) and 99.8 % (about 3); `code` names their indicators. */
export const FUNNEL_COVERAGES = [
  { code: '95', dekking: 0.95 },
  { code: '998', dekking: 0.998 },
] as const;
export type FunnelLevel = (typeof FUNNEL_COVERAGES)[number]['dekking'];

/**
 * Funnel plot control limits for an expected count E at a coverage (0.95, 0.998): the
 * (1 − coverage)/2 and (1 + coverage)/2 points of a Poisson count with mean E (the smallest k
 * whose cumulative probability reaches them), as an sr (100 · k / E), around sr = 100. An area
 * outside them differs from the reference beyond chance at that size; the discrete points make
 * the funnel a staircase, which is what the counts allow. The terms are summed from their
 * logarithms: e^−E underflows from E ≈ 745, and a national reference group expects far more
 * clients than that.
 */
export function funnelLimits(expected: number, coverage: FunnelLevel = 0.95): { onder: number; boven: number } {
  if (!(expected > 0) || !Number.isFinite(expected)) throw new RangeError(`expected count must be above 0, not ${expected}`);
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage must be between 0 and 1, not ${coverage}`);
  const logMean = Math.log(expected);
  const quantile = (p: number) => {
    let k = 0;
    let logTerm = -expected;
    let sum = Math.exp(logTerm);
    // A relative tolerance so that a cumulative probability equal to p up to rounding counts as reaching it.
    while (sum < p * (1 - 1e-12)) {
      k++;
      logTerm += logMean - Math.log(k);
      sum += Math.exp(logTerm);
    }
    return k;
  };
  const tail = (1 - coverage) / 2;
  return { onder: (100 * quantile(tail)) / expected, boven: (100 * quantile(1 - tail)) / expected };
}

export type FunnelPoint = { verwacht: number; onder95: number; boven95: number; onder998: number; boven998: number };

/**
 * The limits along a range of expected counts, for drawing the funnel: `points` expected counts
 * evenly spaced on a log scale from `from` to `to` (the smallest and largest expected of the
 * areas plotted), each with both bands.
 */
export function funnelCurve(from: number, to: number, points = 60): FunnelPoint[] {
  if (!(from > 0) || !(to >= from)) throw new RangeError(`funnel range must be 0 < from ≤ to, not ${from}–${to}`);
  const steps = to === from ? 1 : points;
  return Array.from({ length: steps }, (_, i) => {
    const verwacht = steps === 1 ? from : Math.exp(Math.log(from) + ((Math.log(to) - Math.log(from)) * i) / (steps - 1));
    const a = funnelLimits(verwacht, 0.95);
    const b = funnelLimits(verwacht, 0.998);
    return { verwacht, onder95: a.onder, boven95: a.boven, onder998: b.onder, boven998: b.boven };
  });
}
