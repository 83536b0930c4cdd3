import { auditRelease, MIN_CLIENTS, type GroupAudit } from './auditLp.ts';
import { gaussSuppression, type GaussCell } from './gaussSuppression.ts';
import type { Release } from './releaseModel.ts';

/*
 * Primary, secondary and the audit loop over one release. Primary: 1–4 clients (zeros have no
 * cell at all). Candidate order: within each gemeente's cells, large first, totals before splits,
 * the key as tie-break; the ALLE cells after every gemeente cell, so each gemeente's pattern is
 * decided in its own block and an ALLE cell reduces to its few suppressed gemeente parts instead
 * of linking every block in the elimination. When the audit finds an interval too narrow, the
 * smallest published sibling (see extraCell) is suppressed too and the whole
 * pattern is derived again, until the audit is clean (each round suppresses more, so it ends).
 */

export type Soort = 'primair' | 'secundair';
export type Suppression = { soort: Map<number, Soort>; audit: GroupAudit[]; rondes: number };

export function isPrimary(clienten: number): boolean {
  return clienten >= 1 && clienten < MIN_CLIENTS;
}

export function candidateOrder(release: Release, exclude: ReadonlySet<number>): number[] {
  const { groups } = release;
  const indices = groups.map((_, i) => i).filter((i) => !exclude.has(i));
  const key = (i: number) => groups[i]!.keys[0]!;
  return indices.sort((a, b) => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    const alle = Number(ga.parts !== null) - Number(gb.parts !== null);
    if (alle !== 0) return alle;
    if (ga.values.clienten !== gb.values.clienten) return gb.values.clienten - ga.values.clienten;
    if (ga.dims !== gb.dims) return ga.dims - gb.dims;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
}

export async function suppressRelease(release: Release): Promise<Suppression> {
  const { groups } = release;
  const primary = new Set(groups.flatMap((g, i) => (isPrimary(g.values.clienten) ? [i] : [])));
  const cells: GaussCell[] = groups.map((g) => (g.parts !== null ? { parts: g.parts } : { inner: g.inner }));
  const containing = new Map<number, number[]>();
  groups.forEach((g, i) => {
    for (const j of g.inner) {
      const list = containing.get(j) ?? [];
      list.push(i);
      containing.set(j, list);
    }
  });
  // Every round keeps what earlier rounds suppressed: the pattern only grows, so an interval
  // proven wide enough stays so and only new and failing cells need the audit again.
  const fixed = new Set(primary);
  const proven = new Map<number, GroupAudit>();
  for (let rondes = 1; ; rondes++) {
    const order = candidateOrder(release, fixed);
    const position = new Map(order.map((g, i) => [g, i]));
    const { secondary, published } = gaussSuppression(cells, [...fixed].sort((a, b) => a - b), order);
    const suppressed = new Set([...fixed, ...secondary]);
    const todo = new Set([...suppressed].filter((g) => !proven.has(g)));
    const quick = await auditRelease(release, suppressed, primary, todo, true);
    const doubtful = new Set(quick.filter((a) => !a.ok).map((a) => a.group));
    const exact = doubtful.size === 0 ? [] : await auditRelease(release, suppressed, primary, doubtful);
    const checked = [...quick.filter((a) => a.ok), ...exact];
    for (const a of checked) if (a.ok) proven.set(a.group, a);
    const failing = checked.filter((a) => !a.ok);
    if (failing.length === 0) {
      const soort = new Map<number, Soort>([...suppressed].sort((a, b) => a - b).map((g) => [g, primary.has(g) ? 'primair' : 'secundair']));
      return { soort, audit: [...proven.values()].sort((a, b) => a.group - b.group), rondes };
    }
    for (const g of secondary) fixed.add(g);
    for (const f of failing) {
      const group = groups[f.group]!;
      const inner = group.parts === null ? group.inner : group.parts.filter((p) => suppressed.has(p)).flatMap((p) => groups[p]!.inner);
      const pick = extraCell(inner, groups, containing, published, position);
      if (pick < 0) throw new Error(`Interne fout: cel ${group.keys[0]} is niet te beschermen.`);
      fixed.add(pick);
    }
  }
}

/**
 * The cell to suppress for a failing one with inner set `inner`: the smallest (last in the order)
 * published cell that lies inside the smallest published cell containing it and is disjoint from
 * it — a sibling, whose hiding widens the difference the parent gives. A gemeente's own cell before an
 * ALLE cell; when there is no sibling, the smallest published cell overlapping it.
 */
function extraCell(inner: readonly number[], groups: Release['groups'], containing: ReadonlyMap<number, number[]>, published: ReadonlySet<number>, position: ReadonlyMap<number, number>): number {
  const own = new Set(inner);
  const later = (g: number, pick: number) => pick < 0 || position.get(g)! > position.get(pick)!;
  const overlapping = new Set(inner.flatMap((j) => containing.get(j) ?? []));
  const parents = [...overlapping].filter((g) => {
    if (!published.has(g) || groups[g]!.inner.length <= own.size) return false;
    const members = new Set(groups[g]!.inner);
    return inner.every((j) => members.has(j));
  });
  // The closest parent first: a sibling inside the gemeente total is usually unrelated to the
  // cell, one inside its wijk × product shares its differences.
  parents.sort((a, b) => groups[a]!.inner.length - groups[b]!.inner.length || a - b);
  for (const alle of [false, true]) {
    let pick = -1;
    for (const parent of parents) {
      if (pick >= 0) break;
      const members = new Set(groups[parent]!.inner);
      for (const j of members) {
        if (own.has(j)) continue;
        for (const g of containing.get(j) ?? []) {
          if (!published.has(g) || (groups[g]!.parts !== null) !== alle || !later(g, pick)) continue;
          if (groups[g]!.inner.every((x) => members.has(x) && !own.has(x))) pick = g;
        }
      }
    }
    if (pick >= 0) return pick;
  }
  for (const alle of [false, true]) {
    let pick = -1;
    for (const g of overlapping) if (published.has(g) && (groups[g]!.parts !== null) === alle && later(g, pick)) pick = g;
    if (pick >= 0) return pick;
  }
  return -1;
}
