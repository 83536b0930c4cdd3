import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { propagateBounds } from './boundPropagation.ts';
import type { Release } from './releaseModel.ts';

/*
 * The attacker's interval of every suppressed cell, by linear programming (HiGHS): minimise and
 * maximise the cell subject to everything published. Per inner cell j the unknowns are its clients
 * y_j ≥ 1 (it exists: the suppressed rows show that), voorzieningen v_j ≥ y_j and costs k_j ≥ 0
 * (free when the data holds a negative amount). Per published cell: Σ v = V and Σ k = K (0 when
 * it has no kosten figure), and for clients y_j ≤ C for each j and Σ y_j ≥ C. Per suppressed cell
 * a variable c ≥ 1 with c ≥ y_j, c ≤ Σ y_j and c ≤ Σ v_j. An ALLE cell is the sum over gemeenten:
 * the published parts are constants, so only its suppressed parts enter, and gemeenten linked that
 * way are solved as one model. Each model is built once and re-solved per objective, warm-started.
 */

export type Interval = { ondergrens: number; bovengrens: number };
export type GroupAudit = { group: number; clienten: Interval; kosten: Interval | null; ok: boolean };

/** Width ≥ 1 for every count, upper bound ≥ 5 for a primary, costs ≥ 10 % of the value wide. */
export const MIN_CLIENTS = 5;
export const COST_WIDTH = 0.1;
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

class Lp {
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly coefs: number[] = [];

  col(lower: number, upper: number): number {
    this.lower.push(lower);
    this.upper.push(upper);
    return this.lower.length - 1;
  }

  row(entries: readonly (readonly [number, number])[], lower: number, upper: number): void {
    const merged = new Map<number, number>();
    for (const [c, a] of entries) merged.set(c, (merged.get(c) ?? 0) + a);
    for (const [c, a] of [...merged].sort((x, y) => x[0] - y[0])) {
      if (a === 0) continue;
      this.indices.push(c);
      this.coefs.push(a);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }
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
export function wideEnough(clienten: Interval, kosten: Interval | null, kostenValue: number, primary: boolean): boolean {
  if (clienten.bovengrens - clienten.ondergrens < 1 - EPS) return false;
  if (primary && clienten.bovengrens < MIN_CLIENTS - EPS) return false;
  return !kosten || kosten.bovengrens - kosten.ondergrens >= COST_WIDTH * Math.abs(kostenValue) - EURO * EPS;
}

/**
 * The audit of every suppressed group; `ok` false when an interval is too narrow. `only`: audit
 * just these suppressed groups (the model still holds everything published); the suppression
 * loop uses it because a pattern that only grows only widens intervals. `scope`: the groups of
 * the release that take part (one gemeente's, when nothing published links it to another).
 */
export async function auditRelease(release: Release, suppressed: ReadonlySet<number>, primary: ReadonlySet<number>, only?: ReadonlySet<number>, scope?: readonly number[]): Promise<GroupAudit[]> {
  const solver = await highs();
  const { groups, inner } = release;
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
    // Every inner cell of the component is unknown; a published cell's inner cells outside it
    // (none while components are whole gemeenten) would enter as constants.
    const open = new Set<number>();
    for (const block of comp.blocks) for (const j of innerOf.get(block) ?? []) open.add(j);
    const counts = new Lp();
    const costs = new Lp();
    const y = new Map<number, number>();
    const v = new Map<number, number>();
    const k = new Map<number, number>();
    for (const j of [...open].sort((a, b) => a - b)) {
      y.set(j, counts.col(1, Infinity));
      v.set(j, counts.col(0, Infinity));
      counts.row([[v.get(j)!, 1], [y.get(j)!, -1]], 0, Infinity);
      k.set(j, costs.col(inner[j]!.kosten < 0 ? -Infinity : 0, Infinity));
      // Costs enter the model in euros: cents (up to 10⁹ for a large cell) strain the solver's tolerances.
    }
    const c = new Map<number, number>();
    const kAux = new Map<number, number>();
    const auxCost = (g: number, set: readonly number[], offset: number) => {
      const col = costs.col(-Infinity, Infinity);
      kAux.set(g, col);
      costs.row([[col, 1], ...set.map((j) => [k.get(j)!, -1] as const)], offset / EURO, offset / EURO);
    };
    for (const g of comp.groups) {
      const group = groups[g]!;
      const { clienten, voorzieningen, kosten } = group.values;
      if (!suppressed.has(g)) {
        const unknown = group.inner.filter((j) => open.has(j));
        if (unknown.length === 0) continue;
        let fixedV = 0;
        let fixedK = 0;
        let fixedC = 0;
        for (const j of group.inner) {
          if (open.has(j)) continue;
          fixedV += inner[j]!.voorzieningen;
          fixedK += inner[j]!.kosten;
          fixedC += inner[j]!.clienten;
        }
        counts.row(unknown.map((j) => [v.get(j)!, 1] as const), voorzieningen - fixedV, voorzieningen - fixedV);
        costs.row(unknown.map((j) => [k.get(j)!, 1] as const), ((kosten ?? 0) - fixedK) / EURO, ((kosten ?? 0) - fixedK) / EURO);
        for (const j of unknown) counts.upper[y.get(j)!] = Math.min(counts.upper[y.get(j)!]!, clienten);
        counts.row(unknown.map((j) => [y.get(j)!, 1] as const), clienten - fixedC, Infinity);
        continue;
      }
      const col = counts.col(1, Infinity);
      c.set(g, col);
      for (const j of group.inner) counts.row([[col, 1], [y.get(j)!, -1]], 0, Infinity);
      counts.row([[col, 1], ...group.inner.map((j) => [y.get(j)!, -1] as const)], -Infinity, 0);
      counts.row([[col, 1], ...group.inner.map((j) => [v.get(j)!, -1] as const)], -Infinity, 0);
      if (kosten !== null && kosten !== 0) auxCost(g, group.inner, 0);
    }
    for (const a of comp.alle) {
      const group = groups[a]!;
      const hidden = group.parts!.filter((p) => suppressed.has(p));
      const closed = group.parts!.filter((p) => !suppressed.has(p));
      const sum = (f: (p: number) => number) => closed.reduce((n, p) => n + f(p), 0);
      const offC = sum((p) => groups[p]!.values.clienten);
      const offV = sum((p) => groups[p]!.values.voorzieningen);
      const offK = sum((p) => groups[p]!.values.kosten ?? 0);
      const set = hidden.flatMap((p) => groups[p]!.inner);
      const { clienten, voorzieningen, kosten } = group.values;
      if (!suppressed.has(a)) {
        counts.row(set.map((j) => [v.get(j)!, 1] as const), voorzieningen - offV, voorzieningen - offV);
        costs.row(set.map((j) => [k.get(j)!, 1] as const), ((kosten ?? 0) - offK) / EURO, ((kosten ?? 0) - offK) / EURO);
        counts.row(hidden.map((p) => [c.get(p)!, 1] as const), clienten - offC, clienten - offC);
        continue;
      }
      const col = counts.col(1, Infinity);
      c.set(a, col);
      counts.row([[col, 1], ...hidden.map((p) => [c.get(p)!, -1] as const)], offC, offC);
      if (kosten !== null && kosten !== 0) auxCost(a, set, offK);
    }

    const audited = [...comp.groups, ...comp.alle].filter((g) => suppressed.has(g) && (!only || only.has(g))).sort((a, b) => a - b);
    if (audited.length === 0) continue;
    const truth = (g: number) => groups[g]!.values.clienten;
    const countBounds = proveWidths(solver, counts, audited.map((g) => c.get(g)!), audited.map(truth), (i, b) => {
      const g = audited[i]!;
      return b.bovengrens - b.ondergrens >= 1 - EPS && (!primary.has(g) || b.bovengrens >= MIN_CLIENTS - EPS);
    }, root);
    // A cell whose count already fails gets more suppression whatever its costs: no cost solves.
    const countOk = audited.map((g, i) => wideEnough(countBounds[i]!, null, 0, primary.has(g)));
    const costGroups = audited.filter((g, i) => kAux.has(g) && countOk[i]);
    const costValue = (g: number) => groups[g]!.values.kosten! / EURO;
    const costBounds = proveWidths(solver, costs, costGroups.map((g) => kAux.get(g)!), costGroups.map(costValue), (i, b) => b.bovengrens - b.ondergrens >= COST_WIDTH * Math.abs(costValue(costGroups[i]!)) - EPS, root);
    const costOf = new Map(costGroups.map((g, i) => [g, { ondergrens: costBounds[i]!.ondergrens * EURO, bovengrens: costBounds[i]!.bovengrens * EURO }]));
    audited.forEach((g, i) => {
      const clienten = countBounds[i]!;
      const kosten = costOf.get(g) ?? null;
      out.push({ group: g, clienten, kosten, ok: countOk[i]! && wideEnough(clienten, kosten, groups[g]!.values.kosten ?? 0, primary.has(g)) });
    });
  }
  return out.sort((a, b) => a.group - b.group);
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
function proveWidths(solver: Highs, lp: Lp, columns: readonly number[], truth: readonly number[], wideEnough: (i: number, b: Interval) => boolean, root: string): Interval[] {
  const bounds: Interval[] = truth.map((t) => ({ ondergrens: t, bovengrens: t }));
  if (columns.length === 0) return bounds;
  // A cell whose outer bounds (propagation, no LP) are already too narrow certainly fails: it
  // gets those bounds and no solve, and stays out of the sums, whose optimum it would only pull
  // toward itself. Most failing cells are of that kind; each cost two solves before.
  const outer = propagateBounds(lp);
  let open: number[] = [];
  columns.forEach((col, i) => {
    const b = { ondergrens: Math.min(outer.lower[col]!, truth[i]!), bovengrens: Math.max(outer.upper[col]!, truth[i]!) };
    if (wideEnough(i, b)) open.push(i);
    else bounds[i] = b;
  });
  if (open.length === 0) return bounds;
  const numCols = lp.lower.length;
  const numRows = lp.rowLower.length;
  using model = solver.createModel({
    numCols,
    numRows,
    colCost: new Float64Array(numCols),
    colLower: lp.lower,
    colUpper: lp.upper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts: lp.starts, indices: lp.indices, values: lp.coefs },
  });
  // Presolve off: each objective starts from the previous optimal basis, a few pivots away.
  model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4 });
  const status = solver.constants.modelStatus;
  let costed: readonly number[] = [];
  const solve = (cols: readonly number[], sense: 'min' | 'max'): 'optimal' | 'unbounded' => {
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
    solve(open.map((i) => columns[i]!), sense);
    const left = open.filter((i) => !wideEnough(i, bounds[i]!));
    stalled = left.length === open.length ? stalled + 1 : 0;
    open = left;
  }
  open.forEach((i) => {
    const col = columns[i]!;
    if (wideEnough(i, bounds[i]!)) return;
    if (solve([col], 'max') === 'unbounded') bounds[i]!.bovengrens = Infinity;
    if (wideEnough(i, bounds[i]!)) return;
    // The maximum is exact now: when even the outer lower bound beside it is too narrow (a primary
    // cell whose maximum stays below 5), the minimum cannot help and is not solved.
    const best = { ondergrens: Math.min(outer.lower[col]!, bounds[i]!.ondergrens), bovengrens: bounds[i]!.bovengrens };
    if (!wideEnough(i, best)) {
      bounds[i] = best;
      return;
    }
    if (solve([col], 'min') === 'unbounded') bounds[i]!.ondergrens = -Infinity;
  });
  return bounds;
}
