import { AUDIT_DEFAULTS, auditRelease, costSystems, type AuditOptions, costWideEnough, wideEnough, type GroupAudit, type Interval } from './auditLp.ts';
import { gaussSuppression, type GaussCell } from './gaussSuppression.ts';
import { isPrimary, STANDAARD_REGELS, type Regels } from './publicationRules.ts';
import type { Release } from './releaseModel.ts';

/*
 * Primary, secondary and the audit loop over one release. Primary: 1–4 clients (zeros have no
 * cell at all). Nothing published spans gemeenten (see alleCells), so each gemeente is its own
 * linear system and is decided on its own: Gauss in a fixed candidate order (large first, totals
 * before splits, the previous release's secondaries last, the key as tie-break), then the LP
 * audit; when it finds an interval too narrow, the smallest published sibling (see extraCell) is
 * suppressed too and the gemeente's pattern is derived again, until its audit is clean (each
 * round suppresses more, so it ends). ALLE and the reference groups follow from their parts.
 */

export type Soort = 'primair' | 'secundair';
/** `weggelaten`: cells spanning gemeenten left out of the release (see alleCells). */
export type Suppression = { soort: Map<number, Soort>; weggelaten: Set<number>; audit: GroupAudit[]; rondes: number };

export { isPrimary };

export function candidateOrder(release: Release, exclude: ReadonlySet<number>, scope: readonly number[] = release.groups.map((_, i) => i), last: ReadonlySet<number> = new Set()): number[] {
  const { groups } = release;
  const indices = scope.filter((i) => !exclude.has(i));
  const key = (i: number) => groups[i]!.keys[0]!;
  return indices.sort((a, b) => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    const alle = Number(ga.parts !== null) - Number(gb.parts !== null);
    if (alle !== 0) return alle;
    const before = Number(last.has(a)) - Number(last.has(b));
    if (before !== 0) return before;
    if (ga.values.clienten !== gb.values.clienten) return gb.values.clienten - ga.values.clienten;
    if (ga.dims !== gb.dims) return ga.dims - gb.dims;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
}

/**
 * `carried`: from the previous release of the period (releasePattern.ts), the groups that stay
 * suppressed and the former secondaries taken last. A cell spanning gemeenten follows from its parts.
 */
export async function suppressRelease(release: Release, carried: { keep: ReadonlySet<number>; last: ReadonlySet<number> } = { keep: new Set(), last: new Set() }, regels: Regels = STANDAARD_REGELS, options: AuditOptions = AUDIT_DEFAULTS): Promise<Suppression> {
  const { groups } = release;
  const primary = new Set(groups.flatMap((g, i) => (isPrimary(g.values.clienten, regels) ? [i] : [])));
  const cells: GaussCell[] = groups.map((g) => (g.parts !== null ? { parts: g.parts } : { inner: g.inner }));
  const containing = new Map<number, number[]>();
  const blocks = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const j of g.inner) {
      const list = containing.get(j) ?? [];
      list.push(i);
      containing.set(j, list);
    }
    if (g.parts !== null) return;
    const list = blocks.get(g.block) ?? [];
    list.push(i);
    blocks.set(g.block, list);
  });
  const soort = new Map<number, Soort>();
  const audit = new Map<number, GroupAudit>();
  let rondes = 0;
  // With no published cell spanning gemeenten (see alleCells) each gemeente is its own system.
  for (const block of [...blocks.keys()].sort()) {
    const decided = await suppressBlock(release, blocks.get(block)!, primary, cells, containing, carried, regels, options);
    for (const [g, s] of decided.soort) soort.set(g, s);
    for (const a of decided.audit) audit.set(a.group, a);
    rondes = Math.max(rondes, decided.rondes);
  }
  const alle = alleCells(release, soort, audit, primary, regels);
  for (const [g, s] of alle.soort) soort.set(g, s);
  for (const a of alle.audit) audit.set(a.group, a);
  const sorted = new Map([...soort].sort((a, b) => a[0] - b[0]));
  return { soort: sorted, weggelaten: alle.weggelaten, audit: [...audit.values()].sort((a, b) => a.group - b.group), rondes };
}

/**
 * One gemeente's pattern: Gauss over its cells, the LP audit, and extra suppression for what
 * fails, until the audit is clean. Every round keeps what earlier rounds suppressed: the pattern
 * only grows, so an interval proven wide enough stays so and only new and failing cells need the
 * audit again.
 */
async function suppressBlock(release: Release, scope: readonly number[], primary: ReadonlySet<number>, cells: readonly GaussCell[], containing: ReadonlyMap<number, number[]>, carried: { keep: ReadonlySet<number>; last: ReadonlySet<number> }, regels: Regels, options: AuditOptions) {
  const { groups } = release;
  const inScope = new Set(scope);
  const fixed = new Set(scope.filter((g) => primary.has(g) || carried.keep.has(g)));
  const proven = new Map<number, GroupAudit>();
  const failedBefore = new Set<number>();
  for (let rondes = 1; ; rondes++) {
    const order = candidateOrder(release, fixed, scope, carried.last);
    const position = new Map(order.map((g, i) => [g, i]));
    const { secondary, published } = gaussSuppression(cells, [...fixed].sort((a, b) => a - b), order);
    const suppressed = new Set([...fixed, ...secondary]);
    if (suppressed.size === 0) return { soort: new Map<number, Soort>(), audit: [], rondes };
    const todo = new Set([...suppressed].filter((g) => !proven.has(g)));
    const checked = await auditRelease(release, suppressed, primary, todo, scope, regels, options);
    for (const a of checked) if (a.ok) proven.set(a.group, a);
    const failing = checked.filter((a) => !a.ok);
    if (failing.length === 0) {
      const soort = new Map<number, Soort>([...suppressed].sort((a, b) => a - b).map((g) => [g, primary.has(g) ? 'primair' : 'secundair']));
      return { soort, audit: [...proven.values()], rondes };
    }
    for (const g of secondary) fixed.add(g);
    // First failure: the smallest sibling, which may serve several failing cells at once (two
    // singletons in a row need one third cell). A cell failing again gets its own extra cell where
    // it has one: when several keep picking the same sibling, each round helps only one of them and
    // the rounds grow with the failures.
    const open = new Set(published);
    const stuck = new Set<number>();
    for (const f of failing) {
      let pick = failedBefore.has(f.group) ? extraCell(groups[f.group]!.inner, groups, containing, open, position, inScope) : -1;
      if (pick < 0) pick = extraCell(groups[f.group]!.inner, groups, containing, published, position, inScope);
      if (pick < 0) {
        stuck.add(f.group);
        continue;
      }
      fixed.add(pick);
      open.delete(pick);
    }
    if (stuck.size > 0) {
      // Nothing left to suppress around them: a cell that restricted models did not prove gets
      // the exact solve of its whole component before it is called unprotectable.
      const exact = options.fullSolveRows === Infinity ? [] : await auditRelease(release, suppressed, primary, stuck, scope, regels, { ...options, fullSolveRows: Infinity });
      for (const a of exact) if (a.ok) proven.set(a.group, a);
      const lost = [...stuck].find((g) => !proven.has(g));
      if (lost !== undefined) throw new Error(`Interne fout: cel ${groups[lost]!.keys[0]} is niet te beschermen.`);
    }
    for (const f of failing) failedBefore.add(f.group);
  }
}

/**
 * The cells that span gemeenten (ALLE, reference groups), decided after every gemeente. One whose
 * parts are all published is their sum and is published (for clients, a reference group's count
 * lies between its largest part and their sum, which adds nothing the parts do not already give).
 * One with a suppressed part is not published: its value would tie the gemeenten' suppressed
 * parts together, and the suppressed cells of the gemeenten would no longer be separate systems.
 * Because nothing published then spans gemeenten, the attacker's possible values form a product
 * over the gemeenten; for a cell with at most one part per gemeente (always for ALLE) its interval
 * is therefore the published parts plus the sum of its suppressed parts' intervals (each proven at
 * least that wide). When that interval meets the requirements the cell is suppressed like any
 * other; when it does not (a few small parts beside large published ones narrow its costs to less
 * than 10 %), or when two parts share a gemeente (their intervals need not be reached together),
 * the cell is left out of the release altogether.
 */
function alleCells(release: Release, soort: ReadonlyMap<number, Soort>, audit: ReadonlyMap<number, GroupAudit>, primary: ReadonlySet<number>, regels: Regels) {
  const out = { soort: new Map<number, Soort>(), audit: [] as GroupAudit[], weggelaten: new Set<number>() };
  const systems = costSystems(release);
  release.groups.forEach((group, a) => {
    if (group.parts === null) return;
    const hidden = group.parts.filter((p) => soort.has(p));
    if (hidden.length === 0) return;
    if (new Set(group.parts.map((p) => release.groups[p]!.block)).size < group.parts.length) {
      out.weggelaten.add(a);
      return;
    }
    const clienten = { ondergrens: 0, bovengrens: 0 };
    // Per cost system (the total, each kosten_bron part) the sum of the parts' intervals.
    const kosten = systems.map(() => ({ ondergrens: 0, bovengrens: 0 }));
    for (const p of group.parts) {
      const part = release.groups[p]!;
      const proven = audit.get(p);
      const c = proven?.clienten ?? { ondergrens: part.values.clienten, bovengrens: part.values.clienten };
      clienten.ondergrens += c.ondergrens;
      clienten.bovengrens += c.bovengrens;
      systems.forEach((system, s) => {
        // A part without a cost interval (no figure, or 0) counts as known: that only narrows.
        const value = system.value(part) ?? 0;
        const k: Interval = (system.bron === null ? proven?.kosten : proven?.bronnen?.[system.bron]) ?? { ondergrens: value, bovengrens: value };
        kosten[s]!.ondergrens += k.ondergrens;
        kosten[s]!.bovengrens += k.bovengrens;
      });
    }
    const result: GroupAudit = { group: a, clienten, kosten: null, ok: wideEnough(clienten, null, 0, primary.has(a), regels) };
    systems.forEach((system, s) => {
      const value = system.value(group);
      if (value === null || value === 0) return;
      result.ok &&= costWideEnough(kosten[s]!, value, regels);
      if (system.bron === null) result.kosten = kosten[s]!;
      else result.bronnen = { ...result.bronnen, [system.bron]: kosten[s]! };
    });
    if (!result.ok) {
      out.weggelaten.add(a);
      return;
    }
    out.soort.set(a, primary.has(a) ? 'primair' : 'secundair');
    out.audit.push(result);
  });
  return out;
}

/**
 * The cell to suppress for a failing one with inner set `inner`: the smallest (last in the order)
 * published cell that lies inside the smallest published cell containing it and is disjoint from
 * it — a sibling, whose hiding widens the difference the parent gives. A gemeente's own cell before an
 * ALLE cell; when there is no sibling, the smallest published cell overlapping it.
 */
function extraCell(inner: readonly number[], groups: Release['groups'], containing: ReadonlyMap<number, number[]>, published: ReadonlySet<number>, position: ReadonlyMap<number, number>, scope: ReadonlySet<number>): number {
  const own = new Set(inner);
  const later = (g: number, pick: number) => pick < 0 || position.get(g)! > position.get(pick)!;
  const overlapping = new Set(inner.flatMap((j) => containing.get(j) ?? []).filter((g) => scope.has(g)));
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
          if (!scope.has(g) || !published.has(g) || (groups[g]!.parts !== null) !== alle || !later(g, pick)) continue;
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
