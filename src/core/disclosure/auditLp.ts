import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { KOSTEN_BRONNEN, type KostenBron } from '../lasten/kostenBron.ts';
import { propagateBounds, type LinearSystem } from './boundPropagation.ts';
import { Expr, Lp } from './linearModel.ts';
import { STANDAARD_REGELS, type Regels } from './publicationRules.ts';
import type { CellGroup, InnerCell, Release } from './releaseModel.ts';
import { columnRows, nearHidden, neighbourhood, restrict, truthFeasible, type TrueSystem } from './restrictedModel.ts';
import { batchCountWitnesses, batchWitnesses, localCountWitnesses, WitnessChecker, type CountStructure, type Interval } from './witnessProofs.ts';

export { COST_WIDTH, MIN_CLIENTS } from './publicationRules.ts';

/*
 * The attacker's interval of every suppressed cell, by linear programming (HiGHS): minimise and
 * maximise the cell subject to everything published. Per inner cell j the unknowns are its clients
 * y_j ≥ 0 (no inner cell is published, so the attacker does not know it exists; a suppressed
 * published cell is known to hold ≥ 1 through its c), voorzieningen v_j ≥ y_j and costs k_j ≥ 0
 * (free when the data holds a negative amount). Per published cell: Σ v = V and Σ k = K (0 when
 * it has no kosten figure), and for clients y_j ≤ C for each j and Σ y_j ≥ C. Per suppressed cell
 * a variable c ≥ 1 with c ≥ y_j, c ≤ Σ y_j and c ≤ Σ v_j. An ALLE cell is the sum over gemeenten:
 * the published parts are constants, so only its suppressed parts enter, and gemeenten linked that
 * way are solved as one model. With toerekening each kosten_bron part (client, toegerekend) is
 * published beside the total and is additive on its own: each is a cost system of its own.
 *
 * What the published cells pin is no unknown (see pinnedInner): a published cell of one inner
 * cell gives its v, k and y; one whose other inner cells are all pinned gives the last one's v
 * and k (clients do not add up, so its y only gets the row's bounds). Pinned values enter as
 * constants, rows left with one unknown become bounds, rows with none are dropped, and what
 * remains falls apart into connected components, each solved as its own small model.
 */

export type { Interval };
export type GroupAudit = {
  group: number;
  clienten: Interval;
  kosten: Interval | null;
  /** Per kosten_bron part audited (non-zero in the cell), its interval in cents. */
  bronnen?: Partial<Record<KostenBron, Interval>>;
  ok: boolean;
};

/**
 * `fullSolveRows`: a connected component of at most this many rows is solved whole (exact, as
 * small releases always were); a larger one is proven on restricted models (restrictedModel.ts):
 * per suppressed cell the inner cells of the `neighbourhoods[i]` nearest suppressed cells, each
 * size tried in turn for the cells the smaller left unproven; a cell none proves counts as failing
 * (more suppression). `exact`: every audited cell gets its own maximum and minimum on the whole
 * component (no sums, no outer-bound shortcut), the attacker's exact interval.
 */
export type AuditOptions = {
  fullSolveRows: number;
  neighbourhoods: readonly number[];
  exact?: boolean;
  /** Which witness proofs (witnessProofs.ts) run before the LP proofs: both unless given (tests take them apart). */
  witnesses?: readonly ('local' | 'batch')[];
};
// The demo store's components (up to 14,705 rows) solve whole, as before; GM0014's counts LP of
// the national release (53,728 rows) ran more than 900 CPU s in one solve. Restricted models of
// 50 and 200 inner cells take milliseconds to a few tens of milliseconds each there; 3,000 inner
// cells (8,000 columns), minutes.
export const AUDIT_DEFAULTS: AuditOptions = { fullSolveRows: 20_000, neighbourhoods: [50, 200] };

const EPS = 1e-6;
/** Cents per euro: the release holds costs in cents, the cost model works in euros. */
const EURO = 100;

// The package's types describe a CommonJS module with a default export; Node's ESM import gives
// the loader as `default` of the namespace either way.
const highsLoader = (highsModule as unknown as { default: () => Promise<Highs> }).default;

let loaded: Promise<Highs> | null = null;
function highs(): Promise<Highs> {
  // The Wasm module is compiled once per process; models are created per component.
  loaded ??= highsLoader();
  return loaded;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller name as root, so components come out the same however the links are found.
    if (ra !== rb) ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb);
  }
}

/** The requirements on one suppressed cell's intervals (`kosten` in cents). */
export function wideEnough(clienten: Interval, kosten: Interval | null, kostenValue: number, primary: boolean, regels: Regels = STANDAARD_REGELS): boolean {
  if (clienten.bovengrens - clienten.ondergrens < 1 - EPS) return false;
  if (primary && clienten.bovengrens < regels.minimumClienten - EPS) return false;
  return !kosten || costWideEnough(kosten, kostenValue, regels);
}

/** A cost interval (cents) at least `kostenBreedte` of the value wide. */
export function costWideEnough(kosten: Interval, kostenValue: number, regels: Regels = STANDAARD_REGELS): boolean {
  return kosten.bovengrens - kosten.ondergrens >= regels.kostenBreedte * Math.abs(kostenValue) - EURO * EPS;
}

/** The cost systems of a release: the total, and each kosten_bron part the release publishes. */
type CostSystem = { bron: KostenBron | null; value: (g: CellGroup) => number | null; inner: (c: InnerCell) => number };

export function costSystems(release: Release): CostSystem[] {
  const total: CostSystem = { bron: null, value: (g) => g.values.kosten, inner: (c) => c.kosten };
  const parts = KOSTEN_BRONNEN.filter((b) => release.groups.some((g) => g.values.bronnen?.[b] !== undefined));
  // A cell without the part's figure has no amounts of that source: the attacker reads it as 0.
  return [total, ...parts.map((b): CostSystem => ({ bron: b, value: (g) => g.values.bronnen?.[b] ?? null, inner: (c) => c.bronnen?.[b] ?? 0 }))];
}

type Pinned = { v: number; k: number[] };

/**
 * The inner cells whose voorzieningen and costs the published cells fix: a published cell with one
 * unknown inner cell left gives it (its value minus the pinned others), which may leave another
 * cell with one unknown, and so on. Values come from the published figures only. `y`: the
 * clients of inner cells that are a published cell on their own.
 */
function pinnedInner(groups: readonly CellGroup[], published: readonly number[], systems: readonly CostSystem[]) {
  const pinned = new Map<number, Pinned>();
  const y = new Map<number, number>();
  const containing = new Map<number, number[]>();
  const left = new Map<number, number>();
  const sums = new Map<number, Pinned>();
  for (const g of published) {
    const group = groups[g]!;
    left.set(g, group.inner.length);
    sums.set(g, { v: 0, k: systems.map(() => 0) });
    for (const j of group.inner) {
      const list = containing.get(j) ?? [];
      list.push(g);
      containing.set(j, list);
    }
    if (group.inner.length === 1) y.set(group.inner[0]!, group.values.clienten);
  }
  const queue = published.filter((g) => left.get(g) === 1);
  for (let q = 0; q < queue.length; q++) {
    const g = queue[q]!;
    if (left.get(g) !== 1) continue;
    const group = groups[g]!;
    const j = group.inner.find((x) => !pinned.has(x))!;
    const sum = sums.get(g)!;
    const value: Pinned = { v: group.values.voorzieningen - sum.v, k: systems.map((s, i) => (s.value(group) ?? 0) - sum.k[i]!) };
    pinned.set(j, value);
    for (const h of containing.get(j)!) {
      const n = left.get(h)! - 1;
      left.set(h, n);
      const s = sums.get(h)!;
      s.v += value.v;
      value.k.forEach((k, i) => (s.k[i]! += k));
      if (n === 1) queue.push(h);
    }
  }
  return { pinned, y };
}

/**
 * The audit of every suppressed group; `ok` false when an interval is too narrow. `only`: audit
 * just these suppressed groups (the model still holds everything published); the suppression
 * loop uses it because a pattern that only grows only widens intervals. `scope`: the groups of
 * the release that take part (one gemeente's, when nothing published links it to another).
 */
export async function auditRelease(release: Release, suppressed: ReadonlySet<number>, primary: ReadonlySet<number>, only?: ReadonlySet<number>, scope?: readonly number[], regels: Regels = STANDAARD_REGELS, options: AuditOptions = AUDIT_DEFAULTS): Promise<GroupAudit[]> {
  const solver = await highs();
  const { groups, inner } = release;
  const systems = costSystems(release);
  const inScope = scope ?? groups.map((_, i) => i);
  const links = new UnionFind();
  const componentOfAlle = new Map<number, string>();
  inScope.forEach((i) => {
    const g = groups[i]!;
    if (g.parts === null) return;
    const open = g.parts.filter((p) => suppressed.has(p)).map((p) => groups[p]!.block);
    if (open.length === 0) {
      if (suppressed.has(i)) throw new Error(`Interne fout: onderdrukte ALLE-cel ${g.keys[0]} is de som van gepubliceerde delen.`);
      return;
    }
    for (const b of open) links.union(open[0]!, b);
    componentOfAlle.set(i, open[0]!);
  });
  const byComponent = new Map<string, { blocks: Set<string>; groups: number[]; alle: number[]; open: boolean }>();
  const component = (block: string) => {
    const root = links.find(block);
    let c = byComponent.get(root);
    if (!c) byComponent.set(root, (c = { blocks: new Set(), groups: [], alle: [], open: false }));
    return c;
  };
  inScope.forEach((i) => {
    const g = groups[i]!;
    if (g.parts !== null) {
      const block = componentOfAlle.get(i);
      if (block === undefined) return;
      const c = component(block);
      c.alle.push(i);
      c.open ||= suppressed.has(i);
      return;
    }
    const c = component(g.block);
    c.blocks.add(g.block);
    c.groups.push(i);
    c.open ||= suppressed.has(i) && (!only || only.has(i));
  });
  // Every inner cell of a gemeente lies in the gemeente's total, so the scope's groups give them all.
  const innerOf = new Map<string, Set<number>>();
  for (const i of inScope) {
    const g = groups[i]!;
    if (g.parts !== null) continue;
    let set = innerOf.get(g.block);
    if (!set) innerOf.set(g.block, (set = new Set()));
    for (const j of g.inner) set.add(j);
  }

  const out: GroupAudit[] = [];
  for (const root of [...byComponent.keys()].sort()) {
    const comp = byComponent.get(root)!;
    if (!comp.open) continue;
    const audited = [...comp.groups, ...comp.alle].filter((g) => suppressed.has(g) && (!only || only.has(g))).sort((a, b) => a - b);
    if (audited.length === 0) continue;
    const open = new Set<number>();
    for (const block of comp.blocks) for (const j of innerOf.get(block) ?? []) open.add(j);
    const publishedHere = comp.groups.filter((g) => !suppressed.has(g));
    // For restricted models (restrictedModel.ts): per inner cell its published parents, smallest
    // first, and the suppressed cells holding it, whose unknowns move with it.
    const parentsOf = new Map<number, number[][]>();
    const hiddenOf = new Map<number, number[]>();
    for (const g of comp.groups) {
      const into = suppressed.has(g) ? hiddenOf : null;
      for (const j of groups[g]!.inner) {
        if (into) {
          const list = into.get(j) ?? [];
          list.push(g);
          into.set(j, list);
        } else {
          const list = parentsOf.get(j) ?? [];
          list.push(groups[g]!.inner);
          parentsOf.set(j, list);
        }
      }
    }
    for (const list of parentsOf.values()) list.sort((a, b) => a.length - b.length);
    /** The columns of a restricted model around the suppressed group of column `col`. */
    const aroundOf =
      (groupOfCol: ReadonlyMap<number, number>, innerCols: (j: number) => (number | undefined)[], groupCol: (g: number) => number | undefined): Around =>
      (col, size) => {
        const g = groupOfCol.get(col);
        if (g === undefined || groups[g]!.parts !== null) return null;
        const near = nearHidden(g, (h) => groups[h]!.inner, parentsOf, hiddenOf, size);
        const cols = new Set<number>([col]);
        for (const j of near) {
          for (const x of innerCols(j)) if (x !== undefined) cols.add(x);
          for (const h of hiddenOf.get(j) ?? []) {
            const x = groupCol(h);
            if (x !== undefined) cols.add(x);
          }
        }
        return [...cols].sort((a, b) => a - b);
      };
    const { pinned, y: yPinned } = pinnedInner(groups, publishedHere, systems);
    const order = [...open].sort((a, b) => a - b);

    // Counts: y and v of the inner cells not pinned, c per suppressed cell.
    const counts = new Lp();
    const y = new Map<number, number>();
    const v = new Map<number, number>();
    const yOf = (e: Expr, j: number, coef = 1) => e.add(y.get(j), yPinned.get(j), coef);
    const vOf = (e: Expr, j: number, coef = 1) => e.add(v.get(j), pinned.get(j)?.v, coef);
    for (const j of order) {
      if (!yPinned.has(j)) y.set(j, counts.col(0, Infinity, inner[j]!.clienten));
      if (!pinned.has(j)) v.set(j, counts.col(0, Infinity, inner[j]!.voorzieningen));
      counts.constrain(yOf(vOf(new Expr(), j), j, -1), 0, Infinity);
    }
    const c = new Map<number, number>();
    for (const g of comp.groups) {
      const group = groups[g]!;
      const { clienten, voorzieningen } = group.values;
      if (!suppressed.has(g)) {
        counts.constrain(group.inner.reduce((e, j) => vOf(e, j), new Expr()), voorzieningen, voorzieningen);
        for (const j of group.inner) if (y.has(j)) counts.upper[y.get(j)!] = Math.min(counts.upper[y.get(j)!]!, clienten);
        counts.constrain(group.inner.reduce((e, j) => yOf(e, j), new Expr()), clienten, Infinity);
        continue;
      }
      const col = counts.col(1, Infinity, clienten);
      c.set(g, col);
      for (const j of group.inner) counts.constrain(yOf(new Expr().add(col, 0), j, -1), 0, Infinity);
      counts.constrain(group.inner.reduce((e, j) => yOf(e, j, -1), new Expr().add(col, 0)), -Infinity, 0);
      counts.constrain(group.inner.reduce((e, j) => vOf(e, j, -1), new Expr().add(col, 0)), -Infinity, 0);
    }
    for (const a of comp.alle) {
      const group = groups[a]!;
      const hidden = group.parts!.filter((p) => suppressed.has(p));
      const closed = group.parts!.filter((p) => !suppressed.has(p));
      const offC = closed.reduce((n, p) => n + groups[p]!.values.clienten, 0);
      const offV = closed.reduce((n, p) => n + groups[p]!.values.voorzieningen, 0);
      const set = hidden.flatMap((p) => groups[p]!.inner);
      const { clienten, voorzieningen } = group.values;
      if (!suppressed.has(a)) {
        counts.constrain(set.reduce((e, j) => vOf(e, j), new Expr()), voorzieningen - offV, voorzieningen - offV);
        counts.constrain(hidden.reduce((e, p) => e.add(c.get(p)!, 0), new Expr()), clienten - offC, clienten - offC);
        continue;
      }
      const col = counts.col(1, Infinity, clienten);
      c.set(a, col);
      counts.constrain(hidden.reduce((e, p) => e.add(c.get(p)!, 0, -1), new Expr().add(col, 0)), offC, offC);
    }

    const countWide = (g: number, b: Interval) => b.bovengrens - b.ondergrens >= 1 - EPS && (!primary.has(g) || b.bovengrens >= regels.minimumClienten - EPS);
    // Witnesses first (witnessProofs.ts); the LP proofs below only for the cells they leave.
    const witnessed = options.exact ? audited.map((g) => point(groups[g]!.values.clienten)) : countWitnesses(solver, counts, comp, audited, suppressed, release, { c, y, v, yPinned, pinned }, countWide, primary, regels, options);
    const rest = audited.flatMap((g, i) => (countWide(g, witnessed[i]!) ? [] : [i]));
    const restBounds = proveAll(solver, counts, rest.map((i) => c.get(audited[i]!)!), rest.map((i) => groups[audited[i]!]!.values.clienten), (r, b) => countWide(audited[rest[r]!]!, b), root, options, aroundOf(new Map([...c].map(([g, col]) => [col, g])), (j) => [y.get(j), v.get(j)], (g) => c.get(g)));
    const countBounds = witnessed.map((b) => ({ ...b }));
    rest.forEach((i, r) => (countBounds[i] = span(witnessed[i]!, restBounds[r]!)));
    // A cell whose count already fails gets more suppression whatever its costs: no cost solves.
    const countOk = audited.map((g, i) => wideEnough(countBounds[i]!, null, 0, primary.has(g), regels));
    const costs = systems.map((system, s) => costIntervals(solver, system, s, comp, order, pinned, audited.filter((_, i) => countOk[i]), release, suppressed, root, regels, options, aroundOf));
    audited.forEach((g, i) => {
      const result: GroupAudit = { group: g, clienten: countBounds[i]!, kosten: costs[0]!.get(g) ?? null, ok: countOk[i]! };
      systems.forEach((system, s) => {
        const interval = costs[s]!.get(g);
        if (interval === undefined) return;
        result.ok &&= costWideEnough(interval, system.value(groups[g]!)!, regels);
        if (system.bron !== null) result.bronnen = { ...result.bronnen, [system.bron]: interval };
      });
      out.push(result);
    });
  }
  return out.sort((a, b) => a.group - b.group);
}

const point = (x: number): Interval => ({ ondergrens: x, bovengrens: x });
/** The span of two proven intervals (each the span of feasible points, or outer bounds of a failing cell). */
const span = (a: Interval, b: Interval): Interval => ({ ondergrens: Math.min(a.ondergrens, b.ondergrens), bovengrens: Math.max(a.bovengrens, b.bovengrens) });

/**
 * Witness proofs (witnessProofs.ts) of the audited counts of one component: local witnesses, then
 * capped batch LPs for the cells they leave. Per audited cell the span of the checked points (its
 * truth when none moved it). A component with ALLE cells gets none: an ALLE row ties the c of
 * its parts together, which the local argument does not cover (the loop never has one; see alleCells).
 */
function countWitnesses(
  solver: Highs,
  counts: Lp,
  comp: { groups: number[]; alle: number[] },
  audited: readonly number[],
  suppressed: ReadonlySet<number>,
  release: Release,
  cols: { c: ReadonlyMap<number, number>; y: ReadonlyMap<number, number>; v: ReadonlyMap<number, number>; yPinned: ReadonlyMap<number, number>; pinned: ReadonlyMap<number, Pinned> },
  wide: (g: number, b: Interval) => boolean,
  primary: ReadonlySet<number>,
  regels: Regels,
  options: AuditOptions,
): Interval[] {
  const { groups } = release;
  const bounds = audited.map((g) => point(groups[g]!.values.clienten));
  if (comp.alle.length > 0) return bounds;
  const check = new WitnessChecker(counts);
  if (!check.truthHolds) return bounds;
  const hidden = comp.groups.filter((g) => suppressed.has(g));
  const index = new Map(hidden.map((g, h) => [g, h]));
  const suppressedOf = new Map<number, number[]>();
  hidden.forEach((g, h) => {
    for (const j of groups[g]!.inner) {
      const list = suppressedOf.get(j) ?? [];
      list.push(h);
      suppressedOf.set(j, list);
    }
  });
  const structure: CountStructure = {
    lp: counts,
    hidden: hidden.map((g) => ({ col: cols.c.get(g)!, inner: groups[g]!.inner })),
    published: comp.groups.filter((g) => !suppressed.has(g)).map((g) => ({ inner: groups[g]!.inner, clienten: groups[g]!.values.clienten, voorzieningen: groups[g]!.values.voorzieningen })),
    y: (j) => cols.y.get(j),
    v: (j) => cols.v.get(j),
    yValue: (j) => (cols.y.has(j) ? counts.truth[cols.y.get(j)!]! : cols.yPinned.get(j)!),
    vValue: (j) => (cols.v.has(j) ? counts.truth[cols.v.get(j)!]! : cols.pinned.get(j)!.v),
  };
  const spans = hidden.map((g) => point(groups[g]!.values.clienten));
  const wideH = (h: number, b: Interval) => wide(hidden[h]!, b);
  const open = audited.map((g) => index.get(g)!);
  const kinds = options.witnesses ?? ['local', 'batch'];
  if (kinds.includes('local')) localCountWitnesses(check, structure, open, suppressedOf, spans, wideH);
  const left = open.filter((h) => !wideH(h, spans[h]!));
  const primaryFloor = (h: number) => (primary.has(hidden[h]!) ? regels.minimumClienten : -Infinity);
  if (kinds.includes('batch')) batchCountWitnesses(solver, check, structure, left, spans, wideH, (h, b) => Math.max(b.ondergrens + 1, primaryFloor(h)) - groups[hidden[h]!]!.values.clienten);
  return audited.map((g) => spans[index.get(g)!]!);
}

/** One cost system's intervals (cents) of the audited cells that have a non-zero value in it. */
function costIntervals(
  solver: Highs,
  system: CostSystem,
  s: number,
  comp: { groups: number[]; alle: number[] },
  order: readonly number[],
  pinned: ReadonlyMap<number, Pinned>,
  audited: readonly number[],
  release: Release,
  suppressed: ReadonlySet<number>,
  root: string,
  regels: Regels,
  options: AuditOptions,
  aroundOf: (groupOfCol: ReadonlyMap<number, number>, innerCols: (j: number) => (number | undefined)[], groupCol: (g: number) => number | undefined) => Around,
): Map<number, Interval> {
  const { groups, inner } = release;
  const withValue = audited.filter((g) => (system.value(groups[g]!) ?? 0) !== 0);
  if (withValue.length === 0) return new Map();
  // Costs enter the model in euros: cents (up to 10⁹ for a large cell) strain the solver's tolerances.
  const lp = new Lp();
  const k = new Map<number, number>();
  for (const j of order) if (!pinned.has(j)) k.set(j, lp.col(system.inner(inner[j]!) < 0 ? -Infinity : 0, Infinity, system.inner(inner[j]!) / EURO));
  const kOf = (e: Expr, j: number, coef = 1) => e.add(k.get(j), pinned.get(j) && pinned.get(j)!.k[s]! / EURO, coef);
  const aux = new Map<number, number>();
  const auxCost = (g: number, set: readonly number[], offset: number) => {
    const col = lp.col(-Infinity, Infinity, (system.value(groups[g]!) ?? 0) / EURO);
    aux.set(g, col);
    lp.constrain(set.reduce((e, j) => kOf(e, j, -1), new Expr().add(col, 0)), offset / EURO, offset / EURO);
  };
  for (const g of comp.groups) {
    const group = groups[g]!;
    const value = system.value(group);
    if (!suppressed.has(g)) lp.constrain(group.inner.reduce((e, j) => kOf(e, j), new Expr()), (value ?? 0) / EURO, (value ?? 0) / EURO);
    else if (value !== null && value !== 0) auxCost(g, group.inner, 0);
  }
  for (const a of comp.alle) {
    const group = groups[a]!;
    const hidden = group.parts!.filter((p) => suppressed.has(p));
    const off = group.parts!.filter((p) => !suppressed.has(p)).reduce((n, p) => n + (system.value(groups[p]!) ?? 0), 0);
    const set = hidden.flatMap((p) => groups[p]!.inner);
    const value = system.value(group);
    if (!suppressed.has(a)) lp.constrain(set.reduce((e, j) => kOf(e, j), new Expr()), ((value ?? 0) - off) / EURO, ((value ?? 0) - off) / EURO);
    else if (value !== null && value !== 0) auxCost(a, set, off);
  }
  const euros = (g: number) => system.value(groups[g]!)! / EURO;
  const needed = (i: number) => regels.kostenBreedte * Math.abs(euros(withValue[i]!));
  const costWide = (i: number, b: Interval) => b.bovengrens - b.ondergrens >= needed(i) - EPS;
  const cols = withValue.map((g) => aux.get(g)!);
  const witnessed = cols.map((col) => point(lp.truth[col]!));
  if (!options.exact && (options.witnesses ?? ['batch']).includes('batch')) {
    const truth = (i: number) => lp.truth[cols[i]!]!;
    batchWitnesses(solver, new WitnessChecker(lp), lp, cols, witnessed, costWide, (i, b) => b.ondergrens + needed(i) - truth(i), (i, b) => truth(i) - (b.bovengrens - needed(i)));
  }
  const rest = withValue.flatMap((_, i) => (costWide(i, witnessed[i]!) ? [] : [i]));
  const restBounds = proveAll(solver, lp, rest.map((i) => cols[i]!), rest.map((i) => euros(withValue[i]!)), (r, b) => costWide(rest[r]!, b), root, options, aroundOf(new Map([...aux].map(([g, col]) => [col, g])), (j) => [k.get(j)], (g) => aux.get(g)));
  const bounds = witnessed.map((b) => ({ ...b }));
  rest.forEach((i, r) => (bounds[i] = span(witnessed[i]!, restBounds[r]!)));
  return new Map(withValue.map((g, i) => [g, { ondergrens: bounds[i]!.ondergrens * EURO, bovengrens: bounds[i]!.bovengrens * EURO }]));
}

/**
 * proveWidths per connected component of the system (columns linked by a row), each its own
 * model with only its own columns and rows. A component without rows is its column's bounds,
 * which are then the exact interval. Components holding no asked column are not built at all.
 */
/** The columns of a restricted model of `size` around column `col` (a suppressed cell), or null for the generic search. */
type Around = (col: number, size: number) => number[] | null;

function proveAll(solver: Highs, lp: Lp, columns: readonly number[], truth: readonly number[], wideEnough: (i: number, b: Interval) => boolean, root: string, options: AuditOptions, around: Around): Interval[] {
  const bounds: Interval[] = truth.map((t) => ({ ondergrens: t, bovengrens: t }));
  if (columns.length === 0) return bounds;
  const n = lp.lower.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const rows = lp.rowCount();
  for (let r = 0; r < rows; r++) {
    const first = find(lp.indices[lp.starts[r]!]!);
    for (let e = lp.starts[r]! + 1; e < lp.starts[r + 1]!; e++) {
      const other = find(lp.indices[e]!);
      if (other !== first) parent[Math.max(other, first)] = Math.min(other, first);
    }
  }
  const asked = new Map<number, number[]>();
  columns.forEach((col, i) => {
    const rootCol = find(col);
    const list = asked.get(rootCol) ?? [];
    list.push(i);
    asked.set(rootCol, list);
  });
  const rowsOf = new Map<number, number[]>();
  for (let r = 0; r < rows; r++) {
    const rootCol = find(lp.indices[lp.starts[r]!]!);
    if (!asked.has(rootCol)) continue;
    const list = rowsOf.get(rootCol) ?? [];
    list.push(r);
    rowsOf.set(rootCol, list);
  }
  const colsOf = new Map<number, number[]>();
  for (let col = 0; col < n; col++) {
    const rootCol = find(col);
    if (!asked.has(rootCol)) continue;
    const list = colsOf.get(rootCol) ?? [];
    list.push(col);
    colsOf.set(rootCol, list);
  }
  for (const rootCol of [...asked.keys()].sort((a, b) => a - b)) {
    const members = asked.get(rootCol)!;
    const compRows = rowsOf.get(rootCol) ?? [];
    if (compRows.length === 0) {
      // One column on its own: its bounds are all the attacker knows of it.
      for (const i of members) bounds[i] = { ondergrens: Math.min(lp.lower[columns[i]!]!, truth[i]!), bovengrens: Math.max(lp.upper[columns[i]!]!, truth[i]!) };
      continue;
    }
    const cols = colsOf.get(rootCol)!;
    const index = new Map(cols.map((col, i) => [col, i]));
    const sub = new Lp();
    for (const col of cols) sub.col(lp.lower[col]!, lp.upper[col]!, lp.truth[col]!);
    for (const r of compRows) {
      for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) {
        sub.indices.push(index.get(lp.indices[e]!)!);
        sub.coefs.push(lp.coefs[e]!);
      }
      sub.starts.push(sub.indices.length);
      sub.rowLower.push(lp.rowLower[r]!);
      sub.rowUpper.push(lp.rowUpper[r]!);
    }
    const subColumns = members.map((i) => index.get(columns[i]!)!);
    const subTruth = members.map((i) => truth[i]!);
    const subWide = (m: number, b: Interval) => wideEnough(members[m]!, b);
    const found =
      !options.exact && sub.rowCount() > options.fullSolveRows && truthFeasible(sub)
        ? proveRestricted(solver, sub, subColumns, subTruth, subWide, root, options.neighbourhoods, (col, size) => {
            const near = around(cols[col]!, size);
            return near && near.flatMap((x) => (index.has(x) ? [index.get(x)!] : []));
          })
        : proveWidths(solver, sub, subColumns, subTruth, subWide, root, options.exact ? 'exact' : 'strict');
    members.forEach((i, m) => (bounds[i] = found[m]!));
  }
  return bounds;
}

/**
 * Per column an interval the attacker cannot narrow: every feasible point found (the true data
 * first) puts each column's value inside the attacker's interval, so the span of the values seen
 * is proven. Solves of the sum of the cells not yet proven, up and down in turn while they prove
 * more, usually prove most cells wide enough at once; a cell not yet proven gets its own maximum
 * and then minimum, which are exact. A cell still failing after both is truly too narrow. Solves
 * restart from the previous basis. Before any solve, outer bounds by propagation (see
 * boundPropagation.ts) settle the cells that certainly fail; for those the interval returned is
 * that outer one (wider than the attacker's, and still too narrow), which only flags them.
 */
function proveWidths(solver: Highs, lp: LinearSystem, columns: readonly number[], truth: readonly number[], wideEnough: (i: number, b: Interval) => boolean, root: string, mode: 'strict' | 'restricted' | 'exact'): Interval[] {
  const bounds: Interval[] = truth.map((t) => ({ ondergrens: t, bovengrens: t }));
  if (columns.length === 0) return bounds;
  if (mode === 'exact') return exactWidths(solver, lp, columns, bounds, root);
  // A cell whose outer bounds (propagation, no LP) are already too narrow certainly fails: it
  // gets those bounds and no solve, and stays out of the sums, whose optimum it would only pull
  // toward itself. Most failing cells are of that kind; each cost two solves before.
  const outer = propagateBounds(lp);
  let open = outerOpen(outer, columns, truth, wideEnough, bounds);
  if (open.length === 0) return bounds;
  using model = highsModel(solver, lp);
  // Presolve off: each objective starts from the previous optimal basis, a few pivots away.
  model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4 });
  const status = solver.constants.modelStatus;
  let costed: readonly number[] = [];
  const solve = (cols: readonly number[], sense: 'min' | 'max'): 'optimal' | 'unbounded' | 'failed' => {
    for (const col of costed) model.changeColCost(col, 0);
    for (const col of cols) model.changeColCost(col, 1);
    costed = cols;
    model.changeObjectiveSense(sense === 'min' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize);
    model.run();
    let s = model.getModelStatus();
    if (s !== status.optimal && s !== status.unbounded) {
      // A warm start can end in a numerically doubtful status; solve that objective afresh.
      model.clearSolver();
      model.run();
      s = model.getModelStatus();
    }
    if (s === status.unbounded || s === status.unboundedOrInfeasible) return 'unbounded';
    // A restricted model that fails numerically proves nothing more; the cells it left open fail.
    if (s !== status.optimal && mode === 'restricted') return 'failed';
    // The true data satisfies every constraint, so anything else is a fault in the model.
    if (s !== status.optimal) throw new Error(`Interne fout: de controle-LP van ${root} gaf status ${s}.`);
    const x = model.getSolution().colValue;
    columns.forEach((col, i) => {
      const b = bounds[i]!;
      b.ondergrens = Math.min(b.ondergrens, x[col]!);
      b.bovengrens = Math.max(b.bovengrens, x[col]!);
    });
    return 'optimal';
  };
  // Sums of the cells not yet proven, up and down, while that proves more of them: each such
  // solve moves many cells at once, where one solve per cell moves one.
  for (let sense: 'max' | 'min' = 'max', stalled = 0; open.length > 0 && stalled < 2; sense = sense === 'max' ? 'min' : 'max') {
    if (solve(open.map((i) => columns[i]!), sense) === 'failed') return bounds;
    const left = open.filter((i) => !wideEnough(i, bounds[i]!));
    stalled = left.length === open.length ? stalled + 1 : 0;
    open = left;
  }
  for (const i of open) {
    const col = columns[i]!;
    if (wideEnough(i, bounds[i]!)) continue;
    const max = solve([col], 'max');
    if (max === 'failed') return bounds;
    if (max === 'unbounded') bounds[i]!.bovengrens = Infinity;
    if (wideEnough(i, bounds[i]!)) continue;
    // The maximum is exact now: when even the outer lower bound beside it is too narrow (a primary
    // cell whose maximum stays below 5), the minimum cannot help and is not solved.
    const best = { ondergrens: Math.min(outer.lower[col]!, bounds[i]!.ondergrens), bovengrens: bounds[i]!.bovengrens };
    if (!wideEnough(i, best)) {
      bounds[i] = best;
      continue;
    }
    const min = solve([col], 'min');
    if (min === 'failed') return bounds;
    if (min === 'unbounded') bounds[i]!.ondergrens = -Infinity;
  }
  return bounds;
}

/**
 * The cells whose outer bounds (propagation) leave them possibly wide enough; every other cell
 * certainly fails and gets those outer bounds in `bounds` (wider than the attacker's, still too narrow).
 */
function outerOpen(outer: { lower: ArrayLike<number>; upper: ArrayLike<number> }, columns: readonly number[], truth: readonly number[], wideEnough: (i: number, b: Interval) => boolean, bounds: Interval[]): number[] {
  const open: number[] = [];
  columns.forEach((col, i) => {
    const b = { ondergrens: Math.min(outer.lower[col]!, truth[i]!), bovengrens: Math.max(outer.upper[col]!, truth[i]!) };
    if (wideEnough(i, b)) open.push(i);
    else bounds[i] = b;
  });
  return open;
}

/** The system as a HiGHS model with a zero objective; each solve sets its own. */
function highsModel(solver: Highs, lp: LinearSystem) {
  const numCols = lp.lower.length;
  const numRows = lp.rowLower.length;
  return solver.createModel({
    numCols,
    numRows,
    colCost: new Float64Array(numCols),
    colLower: lp.lower,
    colUpper: lp.upper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts: lp.starts, indices: lp.indices, values: lp.coefs },
  });
}

/** Per column its own maximum and minimum over the whole system: the exact interval. */
function exactWidths(solver: Highs, lp: LinearSystem, columns: readonly number[], bounds: Interval[], root: string): Interval[] {
  using model = highsModel(solver, lp);
  model.options.set({ output_flag: false });
  const status = solver.constants.modelStatus;
  columns.forEach((col, i) => {
    model.changeColCost(col, 1);
    for (const sense of ['max', 'min'] as const) {
      model.changeObjectiveSense(sense === 'min' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize);
      model.clearSolver();
      model.run();
      const s = model.getModelStatus();
      const value = s === status.unbounded || s === status.unboundedOrInfeasible ? (sense === 'max' ? Infinity : -Infinity) : s === status.optimal ? model.getSolution().colValue[col]! : NaN;
      if (Number.isNaN(value)) throw new Error(`Interne fout: de exacte controle-LP van ${root} gaf status ${s}.`);
      if (sense === 'max') bounds[i]!.bovengrens = Math.max(bounds[i]!.bovengrens, value);
      else bounds[i]!.ondergrens = Math.min(bounds[i]!.ondergrens, value);
    }
    model.changeColCost(col, 0);
  });
  return bounds;
}

/**
 * proveWidths on restricted models (restrictedModel.ts) of a component too large to solve whole.
 * Outer bounds of the whole component first: a cell they show too narrow fails as before. Each
 * other cell is proven, with every open cell near it, on the model of its neighbourhood; what a
 * size leaves unproven is tried again at the next size. A cell still unproven keeps the span of
 * the points seen, which is too narrow, so it fails and gets extra suppression: the restriction
 * may cost secondaries, never an interval the full system does not have.
 */
function proveRestricted(solver: Highs, lp: TrueSystem, columns: readonly number[], truth: readonly number[], wideEnough: (i: number, b: Interval) => boolean, root: string, sizes: readonly number[], around: Around): Interval[] {
  const bounds: Interval[] = truth.map((t) => ({ ondergrens: t, bovengrens: t }));
  const outer = propagateBounds(lp);
  let open = outerOpen(outer, columns, truth, wideEnough, bounds);
  if (open.length === 0) return bounds;
  const byColumn = columnRows(lp);
  for (const size of sizes) {
    const tried = new Set<number>();
    for (let next = 0; next < open.length; ) {
      const seed = open[next]!;
      if (tried.has(seed)) {
        next++;
        continue;
      }
      tried.add(seed);
      const cols = around(columns[seed]!, size) ?? neighbourhood(lp, byColumn, [columns[seed]!], size);
      const model = restrict(lp, byColumn, cols);
      if (model !== null) {
        const index = new Map(cols.map((c, i) => [c, i]));
        const targets = open.filter((i) => index.has(columns[i]!));
        const found = proveWidths(solver, model, targets.map((i) => index.get(columns[i]!)!), targets.map((i) => truth[i]!), (m, b) => wideEnough(targets[m]!, b), root, 'restricted');
        // Only a width proven counts: a cell failing here may be wide in the full system.
        targets.forEach((i, m) => {
          if (wideEnough(i, found[m]!)) bounds[i] = found[m]!;
        });
      }
      open = open.filter((i) => !wideEnough(i, bounds[i]!));
      next = 0;
    }
  }
  return bounds;
}
