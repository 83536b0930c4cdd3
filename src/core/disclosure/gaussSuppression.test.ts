import { describe, expect, test } from 'vitest';
import { gaussSuppression, type GaussCell } from './gaussSuppression.ts';

const inner = (...j: number[]): GaussCell => ({ inner: j });

describe('gaussSuppression', () => {
  test('a 2 × 2 table with one small cell needs the other three', () => {
    // Inner cells 0 1 / 2 3; cells: total, two rows, two columns, the four inner cells.
    const cells = [inner(0, 1, 2, 3), inner(0, 1), inner(2, 3), inner(0, 2), inner(1, 3), inner(0), inner(1), inner(2), inner(3)];
    const result = gaussSuppression(cells, [5], [0, 1, 2, 3, 4, 6, 7, 8]);
    expect(result.secondary).toEqual([6, 7, 8]);
    expect([...result.published].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  test('a row with two singletons needs a third cell', () => {
    // Total over three parts, two of them primary: the pair's sum is known, each part is not —
    // Gauss alone is satisfied with the two (the audit then asks for more, see auditLp).
    const cells = [inner(0, 1, 2), inner(0), inner(1), inner(2)];
    expect(gaussSuppression(cells, [1, 2], [0, 3]).secondary).toEqual([]);
    // One singleton: the candidate last in the order (the smallest part) goes.
    expect(gaussSuppression(cells, [1], [0, 3, 2]).secondary).toEqual([2]);
  });

  test('a wijk in a gemeente: the one small wijk takes a sibling with it', () => {
    // Gemeente = wijk A + wijk B + wijk C, wijk C small.
    const cells = [inner(0, 1, 2), inner(0), inner(1), inner(2)];
    expect(gaussSuppression(cells, [3], [0, 1, 2]).secondary).toEqual([2]);
  });

  test('linked tables: per product and per provider, per-table protection leaves a cell open', () => {
    // Inner cells product × provider: p1a=0 p1b=1 p2a=2 p2b=3. Cells: total, p1, p2, a, b, p1|a, p1|b, p2|a, p2|b.
    const cells = [inner(0, 1, 2, 3), inner(0, 1), inner(2, 3), inner(0, 2), inner(1, 3), inner(0), inner(1), inner(2), inner(3)];
    // p1|a small. Protecting only the product×provider table at product level (hiding p1|b) leaves
    // p1|a = a − p2|a open; the whole-release elimination hides a complete rectangle.
    const result = gaussSuppression(cells, [5], [0, 1, 2, 3, 4, 8, 7, 6]);
    const hidden = new Set([5, ...result.secondary]);
    expect(hidden.size).toBe(4);
    expect(rankWith(cells, result.published, 5)).toBe(false);
  });

  test('ALLE as the sum of the gemeente cells only sees the suppressed parts', () => {
    // Two gemeenten with a product each: G1 = 0 + 1, G2 = 2 + 3; product X = 0 and 2, product Y = 1 and 3.
    const cells: GaussCell[] = [inner(0, 1), inner(0), inner(1), inner(2, 3), inner(2), inner(3), { parts: [1, 4] }, { parts: [2, 5] }];
    // G1's X is small and takes G1's Y; ALLE X = G1 X + G2 X would then reveal G1 X: it becomes secondary.
    const result = gaussSuppression(cells, [1], [0, 3, 4, 5, 2, 6, 7]);
    expect(result.secondary).toEqual([2, 6, 7].filter((c) => !result.published.has(c)));
    expect(result.secondary).toContain(2);
    for (const s of [1, ...result.secondary]) expect(rankWith(cells, result.published, s)).toBe(false);
  });

  test('deterministic: the same input gives the same pattern', () => {
    const cells = [inner(0, 1, 2, 3), inner(0, 1), inner(2, 3), inner(0, 2), inner(1, 3), inner(0), inner(1), inner(2), inner(3)];
    const a = gaussSuppression(cells, [5], [0, 1, 2, 3, 4, 6, 7, 8]);
    const b = gaussSuppression(cells, [5], [0, 1, 2, 3, 4, 6, 7, 8]);
    expect(a).toEqual(b);
  });
});

/** Independent check in floating point on these tiny systems: is cell s in the span of the published cells? */
function rankWith(cells: readonly GaussCell[], published: ReadonlySet<number>, s: number): boolean {
  const dense = (i: number): number[] => {
    const c = cells[i]!;
    const v = new Array<number>(8).fill(0);
    if ('inner' in c) for (const j of c.inner) v[j] = 1;
    else for (const p of c.parts) dense(p).forEach((x, j) => (v[j]! += x));
    return v;
  };
  const rank = (rows: number[][]): number => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    for (let col = 0; col < 8 && r < m.length; col++) {
      const p = m.findIndex((row, i) => i >= r && Math.abs(row[col]!) > 1e-9);
      if (p < 0) continue;
      [m[r], m[p]] = [m[p]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i]![col]! / m[r]![col]!;
        for (let k = 0; k < 8; k++) m[i]![k]! -= f * m[r]![k]!;
      }
      r++;
    }
    return r;
  };
  const base = [...published].map(dense);
  return rank([...base, dense(s)]) === rank(base);
}
