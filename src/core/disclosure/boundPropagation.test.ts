import { describe, expect, test } from 'vitest';
import { Random } from '../../../fixtures/random.ts';
import { propagateBounds, type LinearSystem } from './boundPropagation.ts';

/** Rows as dense coefficient lists over `n` columns, in the CSR form the audit builds. */
function system(lower: number[], upper: number[], rows: { coefs: number[]; lo: number; hi: number }[]): LinearSystem {
  const starts = [0];
  const indices: number[] = [];
  const coefs: number[] = [];
  for (const r of rows) {
    r.coefs.forEach((a, c) => {
      if (a === 0) return;
      indices.push(c);
      coefs.push(a);
    });
    starts.push(indices.length);
  }
  return { lower, upper, rowLower: rows.map((r) => r.lo), rowUpper: rows.map((r) => r.hi), starts, indices, coefs };
}

describe('propagateBounds', () => {
  test('two singletons beside a published row total: each at most the total minus the other', () => {
    // x + y = 3 with x, y ≥ 1: x, y ∈ [1, 2]; c ≤ x gives c ≤ 2, so a primary c can never reach 5.
    const { lower, upper } = propagateBounds(system([1, 1, 1], [Infinity, Infinity, Infinity], [
      { coefs: [1, 1, 0], lo: 3, hi: 3 },
      { coefs: [-1, 0, 1], lo: -Infinity, hi: 0 },
    ]));
    expect(upper[0]).toBeCloseTo(2, 6);
    expect(upper[1]).toBeCloseTo(2, 6);
    expect(upper[2]).toBeCloseTo(2, 6);
    expect(upper[2]).toBeLessThan(5);
    expect(lower[0]).toBe(1);
  });

  test('a chain of differences narrows over passes', () => {
    // a + b = 4, b + c = 2, all ≥ 0: c ≤ 2, b ≤ 2, so a ≥ 2.
    const { lower, upper } = propagateBounds(system([0, 0, 0], [Infinity, Infinity, Infinity], [
      { coefs: [1, 1, 0], lo: 4, hi: 4 },
      { coefs: [0, 1, 1], lo: 2, hi: 2 },
    ]));
    expect(lower[0]).toBeCloseTo(2, 6);
    expect(upper[1]).toBeCloseTo(2, 6);
  });

  test('never narrower than a feasible point: random systems built around a known solution', () => {
    const random = new Random(7, 'bound-propagation');
    for (let run = 0; run < 200; run++) {
      const n = random.int(2, 7);
      const points = Array.from({ length: 3 }, () => Array.from({ length: n }, () => random.int(0, 30) + random.int(0, 99) / 100));
      const rows = Array.from({ length: random.int(1, 6) }, () => {
        const coefs = Array.from({ length: n }, () => (random.chance(0.5) ? 0 : random.chance(0.7) ? 1 : -1));
        const values = points.map((p) => p.reduce((s, x, c) => s + coefs[c]! * x, 0));
        // An equality for the first point alone, or a range holding all three.
        return random.chance(0.5) ? { coefs, lo: values[0]!, hi: values[0]! } : { coefs, lo: Math.min(...values), hi: random.chance(0.5) ? Infinity : Math.max(...values) };
      });
      const sys = system(new Array<number>(n).fill(0), new Array<number>(n).fill(Infinity), rows);
      const { lower, upper } = propagateBounds(sys);
      const feasible = points.filter((p) => rows.every((r) => {
        const v = p.reduce((s, x, c) => s + r.coefs[c]! * x, 0);
        return v >= r.lo - 1e-9 && v <= r.hi + 1e-9;
      }));
      expect(feasible.length).toBeGreaterThan(0);
      for (const p of feasible) p.forEach((x, c) => {
        expect(x).toBeGreaterThanOrEqual(lower[c]!);
        expect(x).toBeLessThanOrEqual(upper[c]!);
      });
    }
  });
});
