import { propagateBounds, type LinearSystem } from './boundPropagation.ts';
import type { Regels } from './publicationRules.ts';
import type { CellGroup } from './releaseModel.ts';

/*
 * The protection-level step between Gauss and the LP audit. Gauss makes no suppressed cell a
 * linear combination of published ones, but that leaves room for a primary to be pinned below 5:
 * two singletons in a row with everything else published (their sum is known, so each is at
 * most that sum minus one). Here the cheap outer bounds of the audit's voorzieningen rows (every
 * published cell Σ v = V, each inner cell v ≥ y ≥ 1, and y ≤ the clients of every published cell
 * holding it) give each suppressed primary an upper bound on its clients; one below the minimum
 * certainly fails the audit, so hiding more before the audit only saves LP rounds. The published
 * cell hidden is, in the published row that binds the bound, the smallest sibling (the last in
 * Gauss's candidate order) that frees enough room, else the row itself. The bounds
 * are outer ones: a primary above the minimum here may still fail the audit, which stays the
 * arbiter and adds what is missing as before.
 */

const EPS = 1e-6;
/**
 * Sweeps of pick-then-propagate; each one serves every failing primary whose row it did not touch
 * yet, and a cell under a chain of tight rows (wijk, pijler, gemeente × its provider) needs one per row.
 */
const MAX_SWEEPS = 200;

export type ProtectionResult = { added: number[]; sweeps: number; failingBefore: number; failingAfter: number };

/**
 * Cells to suppress besides `suppressed` so that no primary of `scope` (one gemeente's groups, no
 * ALLE cell) is pinned below the minimum by the published voorzieningen. `position`: the Gauss
 * candidate order of the published cells (later is smaller), the tie-break.
 */
export function protectPrimaries(groups: readonly CellGroup[], scope: readonly number[], suppressed: ReadonlySet<number>, primary: ReadonlySet<number>, position: ReadonlyMap<number, number>, regels: Regels): ProtectionResult {
  const own = scope.filter((g) => groups[g]!.parts === null);
  const hidden = new Set(own.filter((g) => suppressed.has(g)));
  const columnOf = new Map<number, number>();
  const rowsOf = new Map<number, number[]>();
  for (const g of own) {
    for (const j of groups[g]!.inner) {
      if (!columnOf.has(j)) columnOf.set(j, columnOf.size);
      let list = rowsOf.get(j);
      if (!list) rowsOf.set(j, (list = []));
      list.push(g);
    }
  }
  const targets = own.filter((g) => primary.has(g) && hidden.has(g));
  const added: number[] = [];
  let failingBefore = -1;
  let failing: number[] = [];
  let sweeps = 0;
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    const published = own.filter((g) => !hidden.has(g));
    const bounds = voorzieningBounds(groups, published, columnOf);
    const yUpper = (j: number) => {
      let u = bounds.upper[columnOf.get(j)!]!;
      for (const g of rowsOf.get(j)!) if (!hidden.has(g)) u = Math.min(u, groups[g]!.values.clienten);
      return u;
    };
    failing = targets.filter((g) => groups[g]!.inner.reduce((n, j) => n + yUpper(j), 0) < regels.minimumClienten - EPS);
    if (failingBefore < 0) failingBefore = failing.length;
    if (failing.length === 0) break;
    const lowerSum = new Map<number, number>();
    for (const g of published) lowerSum.set(g, groups[g]!.inner.reduce((n, j) => n + bounds.lower[columnOf.get(j)!]!, 0));
    const touched = new Set<number>();
    let picked = 0;
    for (const g of failing) {
      const inner = groups[g]!.inner;
      const have = inner.reduce((n, j) => n + yUpper(j), 0);
      // The row binding the bound of the cell's tightest inner cell: the published cell whose
      // value minus the least of its other inner cells leaves the least room.
      let row = -1;
      let room = Infinity;
      for (const j of inner) {
        const lower = bounds.lower[columnOf.get(j)!]!;
        for (const r of rowsOf.get(j)!) {
          if (hidden.has(r)) continue;
          const left = groups[r]!.values.voorzieningen - (lowerSum.get(r)! - lower);
          if (left < room - EPS || (Math.abs(left - room) <= EPS && groups[r]!.inner.length < groups[row]!.inner.length)) {
            row = r;
            room = left;
          }
        }
      }
      if (row < 0 || touched.has(row)) continue;
      // No sibling frees enough when the row itself is tight (a provider whose every inner cell
      // has one client and one voorziening: V equals its number of inner cells, each is 1): then
      // the row goes, and the next sweep finds the row that binds after it.
      const found = sibling(groups, row, inner, hidden, rowsOf, bounds.lower, columnOf, position, regels.minimumClienten - have);
      const pick = found >= 0 ? found : row;
      hidden.add(pick);
      added.push(pick);
      touched.add(row);
      picked++;
    }
    if (picked === 0) break;
  }
  return { added, sweeps, failingBefore: Math.max(0, failingBefore), failingAfter: failing.length };
}

/** Outer bounds of each inner cell's voorzieningen given the published cells (v ≥ 1: it exists). */
function voorzieningBounds(groups: readonly CellGroup[], published: readonly number[], columnOf: ReadonlyMap<number, number>) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const g of published) {
    for (const j of groups[g]!.inner) indices.push(columnOf.get(j)!);
    starts.push(indices.length);
    values.push(groups[g]!.values.voorzieningen);
  }
  const system: LinearSystem = {
    lower: new Array<number>(columnOf.size).fill(1),
    upper: new Array<number>(columnOf.size).fill(Infinity),
    rowLower: values,
    rowUpper: values,
    starts,
    indices,
    coefs: new Array<number>(indices.length).fill(1),
  };
  return propagateBounds(system);
}

/**
 * The published cell inside `row`, disjoint from the failing cell, to hide: of those whose inner
 * cells' least voorzieningen beyond 1 (the room hiding it frees in the row) reach `need`, the
 * last in candidate order; -1 when none does.
 */
function sibling(groups: readonly CellGroup[], row: number, inner: readonly number[], hidden: ReadonlySet<number>, rowsOf: ReadonlyMap<number, number[]>, lower: Float64Array, columnOf: ReadonlyMap<number, number>, position: ReadonlyMap<number, number>, need: number): number {
  const members = new Set(groups[row]!.inner);
  const own = new Set(inner);
  const seen = new Set<number>();
  let enough = -1;
  const later = (a: number, b: number) => b < 0 || (position.get(a) ?? -1) > (position.get(b) ?? -1);
  for (const j of members) {
    if (own.has(j)) continue;
    for (const s of rowsOf.get(j)!) {
      if (s === row || seen.has(s) || hidden.has(s)) continue;
      seen.add(s);
      const set = groups[s]!.inner;
      if (!set.every((x) => members.has(x) && !own.has(x))) continue;
      const room = set.reduce((n, x) => n + lower[columnOf.get(x)!]! - 1, 0);
      if (room <= EPS) continue;
      if (room >= need - EPS && later(s, enough)) enough = s;
    }
  }
  return enough;
}
