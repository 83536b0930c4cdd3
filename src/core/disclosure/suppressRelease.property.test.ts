import { describe, expect, test } from 'vitest';
import { Random } from '../../../fixtures/random.ts';
import { auditRelease, costWideEnough, type AuditOptions, type Interval, wideEnough } from './auditLp.ts';
import { isPrimary, STANDAARD_REGELS } from './publicationRules.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type Release, type ReleaseLevel } from './releaseModel.ts';
import { suppressRelease, type Suppression } from './suppressRelease.ts';

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

/** Every component through restricted models, with neighbourhoods far smaller than the system. */
const RESTRICTED: AuditOptions = { fullSolveRows: 0, neighbourhoods: [8, 16, 32] };
/** Restricted models too small to prove most cells: the fallback (suppress more) does the work. */
const TINY: AuditOptions = { fullSolveRows: 0, neighbourhoods: [4] };
const EXACT: AuditOptions = { fullSolveRows: Infinity, neighbourhoods: [], exact: true };
/** Witness proofs alone, one kind at a time: no restricted model (no sizes), no full solve (limit 0). */
const LOCAL: AuditOptions = { fullSolveRows: 0, neighbourhoods: [], witnesses: ['local'] };
const BATCH: AuditOptions = { fullSolveRows: 0, neighbourhoods: [], witnesses: ['batch'] };

const primaries = (release: Release) => new Set(release.groups.flatMap((g, i) => (isPrimary(g.values.clienten) ? [i] : [])));
/** What the attacker does not see: suppressed cells and cells left out of the release. */
const hidden = (s: Suppression) => new Set([...s.soort.keys(), ...s.weggelaten]);
const secondaries = (s: Suppression) => [...s.soort.values()].filter((x) => x === 'secundair').length;

function expectInside(inner: Interval | null | undefined, outer: Interval | null | undefined, what: string) {
  if (!inner) return;
  expect(outer, what).toBeTruthy();
  const slack = (x: number) => 1e-6 * Math.max(1, Math.abs(x));
  expect(inner.ondergrens, what).toBeGreaterThanOrEqual(outer!.ondergrens - slack(outer!.ondergrens));
  expect(inner.bovengrens, what).toBeLessThanOrEqual(outer!.bovengrens + slack(outer!.bovengrens));
}

describe('suppression over seeded random releases', () => {
  test.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: audit clean, no suppressed cell in the published span', async (seed) => {
    await expectSafe(randomRelease(seed));
  });

  test.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i, proven on restricted models only: audit clean, no suppressed cell in the published span', async (seed) => {
    await expectSafe(randomRelease(seed), RESTRICTED);
  });

  test('a restricted-model proof never reports an interval wider than the exact LP', async () => {
    let proven = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const release = randomRelease(seed);
      const primary = primaries(release);
      const suppressed = hidden(await suppressRelease(release));
      const restricted = await auditRelease(release, suppressed, primary, undefined, undefined, STANDAARD_REGELS, RESTRICTED);
      const exact = new Map((await auditRelease(release, suppressed, primary, undefined, undefined, STANDAARD_REGELS, EXACT)).map((a) => [a.group, a]));
      proven += restricted.filter((a) => a.ok).length;
      for (const a of restricted) {
      const e = exact.get(a.group)!;
      const key = release.groups[a.group]!.keys[0]!;
      if (!a.ok) continue;
      expect(e.ok, key).toBe(true);
      expectInside(a.clienten, e.clienten, `${key} clienten`);
      expectInside(a.kosten, e.kosten, `${key} kosten`);
      }
    }
    // Not vacuous: the restricted models prove cells.
    expect(proven).toBeGreaterThan(10);
  }, 60_000);

  test.each([
    ['local', LOCAL],
    ['capped batch', BATCH],
  ] as const)('a %s witness proof never reports an interval wider than the exact LP', async (_, options) => {
    let proven = 0;
    let provenCosts = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const release = randomRelease(seed);
      const primary = primaries(release);
      const suppressed = hidden(await suppressRelease(release));
      // Per gemeente, as the suppression loop audits: no ALLE row, so the witnesses apply.
      for (const gemeente of new Set(release.inner.map((c) => c.gemeente))) {
        const scope = release.groups.flatMap((g, i) => (g.parts === null && g.block === gemeente ? [i] : []));
        const witnessed = await auditRelease(release, suppressed, primary, undefined, scope, STANDAARD_REGELS, options);
        const exact = new Map((await auditRelease(release, suppressed, primary, undefined, scope, STANDAARD_REGELS, EXACT)).map((a) => [a.group, a]));
        for (const a of witnessed) {
          const e = exact.get(a.group)!;
          const key = release.groups[a.group]!.keys[0]!;
          // A requirement met is a witness's proof (no LP proof runs; outer bounds only mark failures).
          if (wideEnough(a.clienten, null, 0, primary.has(a.group))) {
            expect(wideEnough(e.clienten, null, 0, primary.has(a.group)), key).toBe(true);
            expectInside(a.clienten, e.clienten, `${key} clienten`);
            proven++;
          }
          if (a.kosten && e.kosten && costWideEnough(a.kosten, release.groups[a.group]!.values.kosten!)) {
            expect(costWideEnough(e.kosten, release.groups[a.group]!.values.kosten!), key).toBe(true);
            expectInside(a.kosten, e.kosten, `${key} kosten`);
            provenCosts++;
          }
        }
      }
    }
    // Not vacuous: the witnesses alone prove counts (local and batch: 81 and 106 when written) and, in batches, costs (86).
    expect(proven).toBeGreaterThan(50);
    if (options.witnesses?.includes('batch')) expect(provenCosts).toBeGreaterThan(50);
  }, 60_000);

  test('determinism: two runs give byte-identical patterns and intervals', async () => {
    for (const seed of [2, 5]) {
      const once = JSON.stringify(await suppressRelease(randomRelease(seed)), (_, x: unknown) => (x instanceof Map || x instanceof Set ? [...x] : x));
      const twice = JSON.stringify(await suppressRelease(randomRelease(seed)), (_, x: unknown) => (x instanceof Map || x instanceof Set ? [...x] : x));
      expect(twice).toBe(once);
    }
  }, 60_000);

  test('restricted models too small to prove a cell: the fallback suppresses more, and the exact audit passes the result', async () => {
    let more = 0;
    for (const seed of [1, 2, 3, 4]) {
      const release = randomRelease(seed);
      const full = await suppressRelease(release);
      const tiny = await expectSafe(release, TINY);
      expect(secondaries(tiny)).toBeGreaterThanOrEqual(secondaries(full));
      more += secondaries(tiny) - secondaries(full);
      const exact = await auditRelease(release, hidden(tiny), primaries(release), undefined, undefined, STANDAARD_REGELS, EXACT);
      expect(exact.filter((a) => !a.ok && tiny.soort.has(a.group)).map((a) => release.groups[a.group]!.keys[0])).toEqual([]);
    }
    expect(more).toBeGreaterThan(0);
  }, 60_000);
});

async function expectSafe(release: Release, options?: AuditOptions): Promise<Suppression> {
  {
    expect(release.groups.some((g) => g.keys.some((k) => k.startsWith('|wijk|RG')))).toBe(true);
    const result = await suppressRelease(release, undefined, undefined, options);
    const { soort, weggelaten, audit } = result;
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
    return result;
  }
}
