import { describe, expect, test } from 'vitest';
import { gaussSuppression } from './gaussSuppression.ts';
import { protectPrimaries } from './protectionLevels.ts';
import { STANDAARD_REGELS } from './publicationRules.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type Release, type ReleaseLevel } from './releaseModel.ts';
import { candidateOrder, isPrimary, suppressRelease } from './suppressRelease.ts';

/** An inner cell with distinct clients and one voorziening per client, €100 each. */
function cell(productcode: string, aanbieder: string, clienten: number): InnerCell {
  return { gemeente: 'GM9901', wijk: 'W1', values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-01', productcode, aanbieder }, clienten, voorzieningen: clienten, kosten: clienten * 10_000 };
}

function release(inner: InnerCell[], levels: readonly ReleaseLevel[]): Release {
  const { sets } = cellSets(inner, levels, false);
  const values = new Map<string, CellValues>();
  for (const [key, set] of sets) {
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
    values.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten) });
  }
  return buildRelease(inner, levels, values, false);
}

/** Gauss's pattern of the release, then the protection step on it, as suppressRelease runs them. */
function afterGauss(r: Release) {
  const scope = r.groups.map((_, i) => i);
  const primary = new Set(scope.filter((g) => isPrimary(r.groups[g]!.values.clienten)));
  const order = candidateOrder(r, primary, scope);
  const { secondary } = gaussSuppression(r.groups.map((g) => ({ inner: g.inner })), [...primary].sort((a, b) => a - b), order);
  const suppressed = new Set([...primary, ...secondary]);
  const protection = protectPrimaries(r.groups, scope, suppressed, primary, new Map(order.map((g, i) => [g, i])), STANDAARD_REGELS);
  const key = (g: number) => r.groups[g]!.keys[0]!;
  return { secondary: secondary.map(key), added: protection.added.map(key), protection };
}

const PRODUCT: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode']] }];
const PAIRS: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] }];

describe('protectPrimaries', () => {
  test('two singletons in a row: Gauss hides nothing more, the step hides the smallest sibling that gives room, before any LP', async () => {
    // A (1) and B (2) are primary; total, C and D published give A + B = 3, so A is at most 2.
    const r = release([cell('A', 'x', 1), cell('B', 'x', 2), cell('C', 'x', 10), cell('D', 'x', 20)], PRODUCT);
    const { secondary, added, protection } = afterGauss(r);
    expect(secondary).toEqual([]);
    expect(protection.failingBefore).toBe(2);
    expect(added).toEqual(['GM9901|gemeente||productcode=C']);
    expect(protection.failingAfter).toBe(0);
    // The audit then passes the first pattern it sees: one round, where it used to need a second.
    const s = await suppressRelease(r);
    expect(s.rondes).toBe(1);
    expect(s.audit.every((a) => a.ok)).toBe(true);
  });

  test('a provider whose every cell has one client and one voorziening pins them all: its total goes', async () => {
    // Provider x: five products of 1 client each (primary), total 5 clients and 5 voorzieningen
    // (published), so every one of its cells is exactly 1; no sibling inside can free room.
    const products = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const r = release(products.flatMap((p, i) => [cell(p, 'x', 1), cell(p, 'y', 20 + i), cell(p, 'z', 40 + i)]), PAIRS);
    const { added, protection } = afterGauss(r);
    expect(protection.failingBefore).toBeGreaterThan(0);
    expect(added).toContain('GM9901|gemeente||aanbieder=x');
    expect(protection.failingAfter).toBe(0);
    const s = await suppressRelease(r);
    expect(s.audit.every((a) => a.ok)).toBe(true);
    expect(s.soort.get(r.groupOf.get('GM9901|gemeente||aanbieder=x')!)).toBe('secundair');
  });

  test('nothing to do when every primary has room: the pattern is left as Gauss made it', () => {
    const r = release([cell('A', 'x', 3), cell('B', 'x', 40), cell('C', 'x', 50), cell('D', 'x', 60)], PAIRS);
    const { added, protection } = afterGauss(r);
    expect(protection.failingBefore).toBe(0);
    expect(added).toEqual([]);
  });
});
