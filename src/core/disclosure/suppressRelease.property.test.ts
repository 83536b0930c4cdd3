import { describe, expect, test } from 'vitest';
import { Random } from '../../../fixtures/random.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type Release, type ReleaseLevel } from './releaseModel.ts';
import { suppressRelease } from './suppressRelease.ts';

/*
 * Seeded random releases: after suppression the audit is clean, and an independent check — dense
 * Gauss–Jordan elimination over exact fractions, sharing no code with gaussSuppression — confirms
 * that no suppressed cell is in the span of the published cells.
 */

const LEVELS: ReleaseLevel[] = [
  { niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] },
  { niveau: 'wijk', dimensions: [[], ['productcode'], ['aanbieder']] },
];

function randomRelease(seed: number): Release {
  const random = new Random(seed, 'disclosure');
  const inner: InnerCell[] = [];
  const gemeenten = random.int(1, 3);
  for (let g = 0; g < gemeenten; g++) {
    const gemeente = `GM990${g + 1}`;
    for (let w = 0; w < random.int(1, 3); w++)
      for (let p = 0; p < 3; p++)
        for (let a = 0; a < 2; a++) {
          if (random.chance(0.3)) continue;
          // Many small cells, some large: the mix that makes secondary suppression work.
          const clienten = random.chance(0.4) ? random.int(1, 4) : random.int(5, 40);
          const voorzieningen = clienten + random.int(0, 3);
          inner.push({ gemeente, wijk: `WK${gemeente.slice(2)}0${w}`, values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-02', productcode: `P${p}`, aanbieder: `A${a}` }, clienten, voorzieningen, kosten: random.int(0, 90_000) });
        }
  }
  const alle = new Set(inner.map((c) => c.gemeente)).size > 1;
  // Two reference groups over the wijken of every gemeente (RG cells are sums across gemeenten).
  const groepen = new Map([...new Set(inner.map((c) => c.wijk))].map((w) => [w, `RG0${(Number(w.slice(-1)) % 2) + 1}`]));
  const { sets } = cellSets(inner, LEVELS, alle, undefined, groepen);
  const values = new Map<string, CellValues>();
  for (const [key, set] of sets) {
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
    values.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten) });
  }
  return buildRelease(inner, LEVELS, values, alle, groepen);
}

type Fraction = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function frac(n: bigint, d: bigint): Fraction {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d, a.d * b.n);

/** Rank of 0/1 rows by Gauss–Jordan over exact fractions. */
function rank(rows: readonly (readonly number[])[], width: number): number {
  const m = rows.map((r) => Array.from({ length: width }, (_, j) => frac(BigInt(r.includes(j) ? 1 : 0), 1n)));
  let r = 0;
  for (let col = 0; col < width && r < m.length; col++) {
    const p = m.findIndex((row, i) => i >= r && row[col]!.n !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i]![col]!.n === 0n) continue;
      const f = div(m[i]![col]!, m[r]![col]!);
      m[i] = m[i]!.map((x, k) => sub(x, mul(f, m[r]![k]!)));
    }
    r++;
  }
  return r;
}

describe('suppression over seeded random releases', () => {
  test.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: audit clean, no suppressed cell in the published span', async (seed) => {
    const release = randomRelease(seed);
    expect(release.groups.some((g) => g.keys.some((k) => k.startsWith('|wijk|RG')))).toBe(true);
    const { soort, weggelaten, audit } = await suppressRelease(release);
    expect(audit.length).toBe(soort.size);
    expect(audit.filter((a) => !a.ok)).toEqual([]);
    for (const [g, s] of soort) if (s === 'primair') expect(release.groups[g]!.values.clienten).toBeLessThan(5);
    // Only cells spanning gemeenten (ALLE, reference groups) are ever left out, and a left-out cell is neither published nor suppressed.
    for (const g of weggelaten) {
      expect(release.groups[g]!.parts).not.toBeNull();
      expect(soort.has(g)).toBe(false);
    }
    const published = release.groups.filter((_, i) => !soort.has(i) && !weggelaten.has(i)).map((g) => g.inner);
    const width = release.inner.length;
    const base = rank(published, width);
    for (const g of soort.keys()) expect(rank([...published, release.groups[g]!.inner], width), release.groups[g]!.keys[0]).toBeGreaterThan(base);
    // Every small cell is hidden.
    release.groups.forEach((group, i) => {
      if (group.values.clienten < 5 && !weggelaten.has(i)) expect(soort.get(i)).toBe('primair');
    });
  });
});
