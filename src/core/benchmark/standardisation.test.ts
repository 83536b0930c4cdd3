import { describe, expect, test } from 'vitest';
import { fitTable } from './iterativeProportionalFitting.ts';
import { countInterval, funnelCurve, funnelLimits } from './poissonInterval.ts';

describe('95 % interval of an observed count', () => {
  test('exact Poisson below 10 against published values (Garwood; e.g. Ulm 1990 table)', () => {
    const round3 = (x: number) => Number(x.toFixed(3));
    expect([countInterval(0)].map((i) => [round3(i.onder), round3(i.boven), i.methode])).toEqual([[0, 3.689, 'exact']]);
    expect([1, 2, 5, 9].map((o) => [round3(countInterval(o).onder), round3(countInterval(o).boven)])).toEqual([
      [0.025, 5.572],
      [0.242, 7.225],
      [1.623, 11.668],
      [4.115, 17.085],
    ]);
  });

  test('Byar from 10, worked by hand', () => {
    // O = 10: 10·(1 − 1/90 − 1.959964/(3·√10))³ = 10·0.782292…³; O+1 = 11: 11·(1 − 1/99 + 1.959964/(3·√11))³.
    const i = countInterval(10);
    expect(i.methode).toBe('byar');
    expect(i.onder).toBeCloseTo(10 * (1 - 1 / 90 - 1.959963984540054 / (3 * Math.sqrt(10))) ** 3, 12);
    expect(i.onder).toBeCloseTo(4.7875, 3);
    expect(i.boven).toBeCloseTo(11 * (1 - 1 / 99 + 1.959963984540054 / (3 * Math.sqrt(11))) ** 3, 12);
    expect(i.boven).toBeCloseTo(18.3915, 3);
    // Close to the exact limits there (4.795, 18.390): the switch at 10 is no jump.
    expect(countInterval(100).onder).toBeCloseTo(81.362, 3);
    expect(countInterval(100).boven).toBeCloseTo(121.628, 3);
  });

  test('refuses a count that is not a whole number', () => {
    expect(() => countInterval(2.5)).toThrow(RangeError);
  });
});

describe('iterative proportional fitting', () => {
  test('from a uniform seed the result is the independence table', () => {
    // Rows 30, 70 and columns 40, 60 of 100: cell = row × column / 100.
    const t = fitTable([[1, 1], [1, 1]], [30, 70], [40, 60]);
    expect(t.map((r) => r.map((v) => Number(v.toFixed(9))))).toEqual([[12, 18], [28, 42]]);
  });

  test('meets both margins and keeps the seed’s odds ratio', () => {
    // Seed odds ratio (4·1)/(1·2) = 2; IPF only rescales rows and columns, so it stays 2.
    const t = fitTable([[4, 1], [2, 1]], [50, 50], [60, 40]);
    expect(t.map((r) => r[0]! + r[1]!).map((v) => Number(v.toFixed(6)))).toEqual([50, 50]);
    expect([t[0]![0]! + t[1]![0]!, t[0]![1]! + t[1]![1]!].map((v) => Number(v.toFixed(6)))).toEqual([60, 40]);
    expect((t[0]![0]! * t[1]![1]!) / (t[0]![1]! * t[1]![0]!)).toBeCloseTo(2, 6);
    // By hand: cells a, 50−a / 60−a, a−10 with a(a−10) = 2(50−a)(60−a) → a² − 210a + 6000 = 0 → a = (210 − √20100)/2.
    expect(t[0]![0]!).toBeCloseTo((210 - Math.sqrt(20100)) / 2, 6);
  });

  test('an age band × sex seed that is not independent (CBS 03759ned): both margins met, every odds ratio kept, by hand', () => {
    // Women per man in the seed: 1 in the four younger bands, 2 among the old (any scale per row).
    const seed = [[10, 10], [5, 5], [20, 20], [8, 8], [3, 6]];
    const rows = [200, 100, 300, 200, 300];
    // IPF gives cell = row factor × column factor × seed, so women/men = ρ·(seed ratio) in every
    // row for one ρ. With ρ = 1: women = r/2 in the young bands and 2r/3 among the old, i.e.
    // 100 + 50 + 150 + 100 + 200 = 600 women and 500 men. So those margins must give ρ = 1.
    const t = fitTable(seed, rows, [500, 600]);
    expect(t.map((r) => r.map((v) => Number(v.toFixed(6))))).toEqual([[100, 100], [50, 50], [150, 150], [100, 100], [100, 200]]);
    const odds = (x: number[][], i: number) => (x[i]![1]! / x[i]![0]!) / (x[0]![1]! / x[0]![0]!);
    for (let i = 1; i < seed.length; i++) expect(odds(t, i)).toBeCloseTo(odds(seed, i), 9);
    // The independence seed would have given the old 300 · 600/1100 = 163.6 women instead of 200.
    expect(fitTable(seed.map((r) => r.map(() => 1)), rows, [500, 600])[4]![1]).toBeCloseTo((300 * 600) / 1100, 9);
  });

  test('margins with different totals (CBS rounding) are fitted to the age total', () => {
    const t = fitTable([[1, 1], [1, 1]], [45, 55], [50, 55]);
    const total = t.flat().reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(100, 9);
    expect(t[0]![0]! + t[1]![0]!).toBeCloseTo((50 * 100) / 105, 9);
  });
});

describe('funnel limits', () => {
  test('the Poisson 2.5 % and 97.5 % points for an expected count, as an sr', () => {
    // Mean 10: P(X ≤ 3) = 0.0103, P(X ≤ 4) = 0.0293 → 4; P(X ≤ 15) = 0.9513, P(X ≤ 16) = 0.9730, P(X ≤ 17) = 0.9857 → 17.
    expect(funnelLimits(10)).toEqual({ onder: 40, boven: 170 });
    // Mean 1: P(X ≤ 0) = 0.368 ≥ 0.025 → 0; P(X ≤ 2) = 0.920, P(X ≤ 3) = 0.981 → 3.
    expect(funnelLimits(1)).toEqual({ onder: 0, boven: 300 });
    expect(() => funnelLimits(0)).toThrow(RangeError);
  });

  test('the 99.8 % points: 0.1 % and 99.9 %, wider than the 95 % band', () => {
    // Mean 10: P(X ≤ 1) = 0.0005, P(X ≤ 2) = 0.0028 → 2; P(X ≤ 19) = 0.9965, P(X ≤ 20) = 0.9984, P(X ≤ 21) = 0.9993 → 21.
    expect(funnelLimits(10, 0.998)).toEqual({ onder: 20, boven: 210 });
    // Mean 1: P(X ≤ 0) = 0.368 → 0; P(X ≤ 4) = 0.99634, P(X ≤ 5) = 0.99941 → 5.
    expect(funnelLimits(1, 0.998)).toEqual({ onder: 0, boven: 500 });
  });

  test('large expected counts, where e^−E underflows, narrow towards 100 like 100 ± z·100/√E', () => {
    const big = funnelLimits(10_000);
    expect(big.onder).toBeGreaterThan(97.9);
    expect(big.onder).toBeLessThan(98.1);
    expect(big.boven).toBeGreaterThan(101.9);
    expect(big.boven).toBeLessThan(102.1);
    const wide = funnelLimits(10_000, 0.998);
    expect(wide.onder).toBeCloseTo(100 - 3.09, 0);
    expect(wide.boven).toBeCloseTo(100 + 3.09, 0);
  });

  test('a curve over the plotted range: log-spaced, each point with both bands, the 99.8 % outside the 95 %', () => {
    const curve = funnelCurve(2, 2000, 7);
    expect(curve.map((p) => Math.round(p.verwacht))).toEqual([2, 6, 20, 63, 200, 632, 2000]);
    for (const p of curve) {
      expect(p.onder998).toBeLessThanOrEqual(p.onder95);
      expect(p.boven998).toBeGreaterThanOrEqual(p.boven95);
      expect(p.onder95).toBeLessThanOrEqual(100);
      expect(p.boven95).toBeGreaterThanOrEqual(100);
    }
    expect(funnelCurve(5, 5)).toHaveLength(1);
    expect(() => funnelCurve(0, 5)).toThrow(RangeError);
  });

  test('95 % and 99.8 % limits around sr = 100, hand-computed from the Poisson cumulative probabilities', () => {
    // Mean 5: P(X ≤ 0) = 0.0067, P(X ≤ 1) = 0.0404 → 95 % lower point 1 (sr 20), 99.8 % lower point 0 (0.0067 ≥ 0.001);
    // P(X ≤ 9) = 0.9682, P(X ≤ 10) = 0.9863 → 95 % upper point 10 (sr 200);
    // P(X ≤ 12) = 0.99798, P(X ≤ 13) = 0.99930 → 99.8 % upper point 13 (sr 260).
    expect(funnelLimits(5, 0.95)).toEqual({ onder: 20, boven: 200 });
    expect(funnelLimits(5, 0.998)).toEqual({ onder: 0, boven: 260 });
    // Mean 10: P(X ≤ 1) = 0.00050, P(X ≤ 2) = 0.00277 → 2 (sr 20); P(X ≤ 20) = 0.99841, P(X ≤ 21) = 0.99930 → 21 (sr 210).
    expect(funnelLimits(10, 0.998)).toEqual({ onder: 20, boven: 210 });
    // Mean 2: P(X ≤ 6) = 0.99547, P(X ≤ 7) = 0.99890 < 0.999, P(X ≤ 8) = 0.99976 → 8 (sr 400).
    expect(funnelLimits(2, 0.998)).toEqual({ onder: 0, boven: 400 });
    // The funnel narrows as the expected count grows: the wider limits hold the narrower ones.
    for (const e of [3, 7.5, 40, 250]) {
      const inner = funnelLimits(e, 0.95);
      const outer = funnelLimits(e, 0.998);
      expect(outer.onder).toBeLessThanOrEqual(inner.onder);
      expect(outer.boven).toBeGreaterThanOrEqual(inner.boven);
    }
    expect(funnelLimits(250).boven - funnelLimits(250).onder).toBeLessThan(funnelLimits(40).boven - funnelLimits(40).onder);
    expect(() => funnelLimits(5, 1 as never)).toThrow(RangeError);
  });
});
