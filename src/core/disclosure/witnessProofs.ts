import type { Highs } from 'highs';
import type { LinearSystem } from './boundPropagation.ts';
import { Expr, Lp } from './linearModel.ts';
import { columnRows, type TrueSystem } from './restrictedModel.ts';

/*
 * Witness proofs. The requirements on a suppressed cell are lower bounds on the width of the
 * attacker's interval (width ≥ 1, a primary's upper bound ≥ 5, a cost interval ≥ 10 % of the value),
 * so one feasible point beside the true data (itself always feasible) proves a cell: a point with
 * the count ≥ truth + 1 (≥ 5 for a primary), or with the cost ≥ 1.1 × or ≤ 0.9 × its value. Every
 * point here is checked against every row and bound of the full model it claims to be a point of
 * (WitnessChecker), so a flaw in the argument that built it costs a proof, never safety.
 *
 * Local witnesses (no LP). In the counts model a suppressed cell's c_S appears only in its own
 * rows (c ≥ y_j, c ≤ Σ y_j, c ≤ Σ v_j over its inner cells j; no ALLE row, see alleCells). With
 * every other unknown at its true value c_S can go down to max(1, max_j y_j), and up to Σ_j u_j
 * with u_j = min(v_j, clients of the smallest published cell holding j): raising y_j to u_j keeps
 * y_j ≤ v_j and y_j ≤ C and only raises Σ y ≥ C; every other suppressed c_T holding j rises to
 * min(Σ y_T, Σ v_T), which is ≥ its truth and ≥ u_j.
 *
 * Capped batch witnesses (one LP proves many cells). Max Σ t_S with t_S ≤ (value of S at the point)
 * − truth_S (or truth − value, downward) and t_S ≤ need_S: no cell can absorb the objective, and
 * every cell with t_S = need_S at the optimum is proven by that one point. For counts the LP is
 * the counts model with every c eliminated (batchCountWitnesses), for costs the cost model itself.
 */

export type Interval = { ondergrens: number; bovengrens: number };

/**
 * Batch LPs per direction. The first (cold: presolve, interior point, crossover) proves most of
 * what a batch proves; on GM0014 of the national release (37,187 × 16,601 counts) it took 63–88
 * CPU s and proved 737 of 5,251 primaries, and a second (the cells left, warm dual simplex or cold
 * again) had not finished after more than 100 CPU s. What one batch leaves gets the LP proofs or
 * more suppression.
 */
const MAX_RUNS = 1;

const tolerance = (x: number) => 1e-7 * Math.max(1, Math.abs(x));

/** Whether a point differing from the truth in a few columns satisfies a system (solver tolerance). */
export class WitnessChecker {
  /** Per column its rows and coefficients (CSC of the system's CSR). */
  private readonly colStarts: Int32Array;
  private readonly colRows: Int32Array;
  private readonly colCoefs: Float64Array;
  private readonly activity: Float64Array;
  /** False when the true data itself is not a point of the system (figures that do not add up): nothing can be proven from it. */
  readonly truthHolds: boolean;

  private readonly lp: TrueSystem;

  constructor(lp: TrueSystem) {
    this.lp = lp;
    const { starts, rows } = columnRows(lp);
    this.colStarts = starts;
    this.colRows = rows;
    this.colCoefs = new Float64Array(rows.length);
    const fill = Int32Array.from(starts);
    const numRows = lp.rowLower.length;
    for (let r = 0; r < numRows; r++) for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) this.colCoefs[fill[lp.indices[e]!]!++] = lp.coefs[e]!;
    this.activity = new Float64Array(numRows);
    let holds = true;
    for (let r = 0; r < numRows; r++) {
      let a = 0;
      for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) a += lp.coefs[e]! * lp.truth[lp.indices[e]!]!;
      this.activity[r] = a;
      holds &&= a >= lp.rowLower[r]! - tolerance(lp.rowLower[r]!) && a <= lp.rowUpper[r]! + tolerance(lp.rowUpper[r]!);
    }
    for (let c = 0; c < lp.lower.length && holds; c++) holds = inside(lp.truth[c]!, lp.lower[c]!, lp.upper[c]!);
    this.truthHolds = holds;
  }

  truth(col: number): number {
    return this.lp.truth[col]!;
  }

  /** The truth with `changes` (column → value) applied satisfies every row and bound. */
  holds(changes: ReadonlyMap<number, number>): boolean {
    if (!this.truthHolds) return false;
    const { lp } = this;
    const delta = new Map<number, number>();
    for (const [c, x] of changes) {
      if (!inside(x, lp.lower[c]!, lp.upper[c]!)) return false;
      const d = x - lp.truth[c]!;
      if (d === 0) continue;
      for (let e = this.colStarts[c]!; e < this.colStarts[c + 1]!; e++) {
        const r = this.colRows[e]!;
        delta.set(r, (delta.get(r) ?? 0) + this.colCoefs[e]! * d);
      }
    }
    for (const [r, d] of delta) {
      const a = this.activity[r]! + d;
      if (a < lp.rowLower[r]! - tolerance(lp.rowLower[r]!) || a > lp.rowUpper[r]! + tolerance(lp.rowUpper[r]!)) return false;
    }
    return true;
  }
}

function inside(x: number, lower: number, upper: number): boolean {
  return x >= lower - tolerance(lower) && x <= upper + tolerance(upper);
}

/** Widens each cell's span by a checked point: `values[i]` is cell i's value there. */
function record(bounds: Interval[], values: ReadonlyMap<number, number>): void {
  for (const [i, x] of values) {
    const b = bounds[i]!;
    b.ondergrens = Math.min(b.ondergrens, x);
    b.bovengrens = Math.max(b.bovengrens, x);
  }
}

/** The counts model as the witnesses see it: per inner cell its y and v (column, or a pinned value), per suppressed cell its c column. */
export type CountStructure = {
  lp: TrueSystem;
  /** The suppressed cells of the component (ALLE cells excluded), c column and inner cells. */
  hidden: readonly { col: number; inner: readonly number[] }[];
  /** The published cells of the component: inner cells and voorzieningen. */
  published: readonly { inner: readonly number[]; clienten: number; voorzieningen: number }[];
  y: (j: number) => number | undefined;
  v: (j: number) => number | undefined;
  /** True (or pinned) values. */
  yValue: (j: number) => number;
  vValue: (j: number) => number;
};

/**
 * The point where every suppressed c takes its largest value given y and v, min(Σ y, Σ v) (which
 * is ≥ every y_j as y_j ≤ v_j), y and v as given; its c values per hidden index (`only`: the cells
 * whose c can have changed), or null when the checker rejects it.
 */
function countPoint(check: WitnessChecker, s: CountStructure, yNew: ReadonlyMap<number, number>, vNew: ReadonlyMap<number, number>, only?: readonly number[]): Map<number, number> | null {
  const changes = new Map<number, number>();
  for (const [j, x] of yNew) changes.set(s.y(j)!, x);
  for (const [j, x] of vNew) changes.set(s.v(j)!, x);
  const values = new Map<number, number>();
  for (const h of only ?? s.hidden.map((_, i) => i)) {
    const cell = s.hidden[h]!;
    let ys = 0;
    let vs = 0;
    for (const j of cell.inner) {
      ys += yNew.get(j) ?? s.yValue(j);
      vs += vNew.get(j) ?? s.vValue(j);
    }
    const x = Math.min(ys, vs);
    values.set(h, x);
    changes.set(cell.col, x);
  }
  return check.holds(changes) ? values : null;
}

/**
 * Local witnesses of the cells `open` (hidden indices); `bounds` per hidden index. `suppressedOf`:
 * per inner cell the hidden indices holding it, whose c follows a raised y.
 */
export function localCountWitnesses(check: WitnessChecker, s: CountStructure, open: readonly number[], suppressedOf: ReadonlyMap<number, readonly number[]>, bounds: Interval[], wide: (h: number, b: Interval) => boolean): void {
  for (const h of open) {
    const cell = s.hidden[h]!;
    const truth = check.truth(cell.col);
    let top = 0;
    for (const j of cell.inner) top = Math.max(top, s.yValue(j));
    const low = Math.max(1, top);
    if (low < truth && check.holds(new Map([[cell.col, low]]))) record(bounds, new Map([[h, low]]));
    if (wide(h, bounds[h]!)) continue;
    const raised = new Map<number, number>();
    for (const j of cell.inner) {
      const col = s.y(j);
      if (col === undefined) continue;
      const u = Math.min(s.vValue(j), s.lp.upper[col]!);
      if (u > s.yValue(j)) raised.set(j, u);
    }
    if (raised.size === 0) continue;
    const touched = new Set<number>([h]);
    for (const j of raised.keys()) for (const t of suppressedOf.get(j) ?? []) touched.add(t);
    const values = countPoint(check, s, raised, new Map(), [...touched].sort((a, b) => a - b));
    if (values) record(bounds, values);
  }
}

/**
 * One capped LP over `lp`: per target i, t_i ≤ dir_i · (x_c − base_i) for each c of `cols_i`,
 * t_i ≤ need_i; maximise Σ t. `run(needs)` sets the caps and returns the optimal point's columns
 * of `lp` (null when the solver gives no optimum). Each run is presolve, interior point and
 * crossover: on GM0014's counts the dual simplex had not finished a cold solve after 390 s where
 * the interior point took 63–88 CPU s, and warm restarts were no quicker (see MAX_RUNS).
 */
export function cappedBatch(solver: Highs, lp: LinearSystem, targets: readonly { cols: readonly number[]; base: number; dir: 1 | -1 }[], tolerance?: number) {
  const n = lp.lower.length;
  const lower = [...lp.lower];
  const upper = [...lp.upper];
  const rowLower = [...lp.rowLower];
  const rowUpper = [...lp.rowUpper];
  const starts = [...lp.starts];
  const indices = [...lp.indices];
  const coefs = [...lp.coefs];
  targets.forEach((t, i) => {
    lower.push(-Infinity);
    upper.push(Infinity);
    for (const c of t.cols) {
      // t − dir·x ≤ −dir·base
      indices.push(n + i, c);
      coefs.push(1, -t.dir);
      starts.push(indices.length);
      rowLower.push(-Infinity);
      rowUpper.push(-t.dir * t.base);
    }
  });
  const numCols = lower.length;
  const numRows = rowLower.length;
  const colCost = new Float64Array(numCols);
  const model = solver.createModel({ numCols, numRows, colCost, colLower: lower, colUpper: upper, rowLower, rowUpper, matrix: { format: 'csr', numRows, numCols, starts, indices, values: coefs } });
  model.changeObjectiveSense(solver.constants.objectiveSense.maximize);
  model.options.set({ output_flag: false, presolve: 'on', solver: 'ipm', run_crossover: 'on' });
  if (tolerance !== undefined) model.options.set({ primal_feasibility_tolerance: tolerance });
  const status = solver.constants.modelStatus;
  return {
    run(needs: readonly number[]): Float64Array | null {
      // A target with nothing left to prove has no t at all (free, no cost): a t capped at 0 would
      // still hold its cell to the truth's side. An open one's t is not bounded below, so the
      // optimum may give up one cell for others.
      needs.forEach((need, i) => {
        model.changeColBounds(n + i, -Infinity, need > 0 ? need : Infinity);
        model.changeColCost(n + i, need > 0 ? 1 : 0);
      });
      model.run();
      if (model.getModelStatus() !== status.optimal) {
        // The true data is feasible, so anything but an optimum is numerical (GM0014's cost LP,
        // euros up to 10⁷, came out infeasible after presolve): once more without presolve, then
        // this batch proves nothing and its cells go on to the LP proofs.
        model.options.set({ presolve: 'off' });
        model.clearSolver();
        model.run();
        model.options.set({ presolve: 'on' });
        if (model.getModelStatus() !== status.optimal) return null;
      }
      return Float64Array.from(model.getSolution().colValue.subarray(0, n));
    },
    [Symbol.dispose]: () => model[Symbol.dispose](),
  };
}

/**
 * Upward batch witnesses of the count cells `open`, on the counts model with every c eliminated:
 * given y and v, a suppressed c_T can be anything in [max(1, max_j y_j), min(Σ y_T, Σ v_T)], which
 * is not empty exactly when Σ y_T ≥ 1 (y_j ≤ v_j), so that row replaces the c rows (one per
 * suppressed cell and inner cell before), and v_j = y_j + s_j with s_j ≥ 0 replaces v_j ≥ y_j.
 * Left: per published cell Σ (y + s) = V and Σ y ≥ C (y_j ≤ C are bounds), per suppressed cell
 * Σ y ≥ 1, per target t_S ≤ Σ y_S − truth_S. y must be free to fall too: where every client has
 * one voorziening (v = y) a voorziening moves to a primary only from an inner cell that loses its
 * client (a model with y fixed outside the raised cells proved 6 of GM0014's 5,251 primaries). Each
 * optimum is completed by countPoint (every c at min(Σ y, Σ v)) and checked; rounds repeat for the
 * cells left while they prove more.
 */
export function batchCountWitnesses(solver: Highs, check: WitnessChecker, s: CountStructure, open: readonly number[], bounds: Interval[], wide: (h: number, b: Interval) => boolean, need: (h: number, b: Interval) => number): void {
  if (open.length === 0) return;
  const model = new Lp();
  const yCol = new Map<number, number>();
  const sCol = new Map<number, number>();
  const all = new Set([...s.hidden.flatMap((c) => c.inner), ...s.published.flatMap((c) => c.inner)]);
  for (const j of [...all].sort((a, b) => a - b)) {
    const y = s.y(j);
    const v = s.v(j);
    if (y !== undefined) yCol.set(j, model.col(s.lp.lower[y]!, v === undefined ? Math.min(s.lp.upper[y]!, s.vValue(j)) : s.lp.upper[y]!, s.yValue(j)));
    if (v !== undefined) sCol.set(j, model.col(0, Infinity, s.vValue(j) - s.yValue(j)));
  }
  const yOf = (e: Expr, j: number) => e.add(yCol.get(j), s.yValue(j));
  // v_j: y_j + s_j when free, its pinned value when not.
  const vOf = (e: Expr, j: number) => (sCol.has(j) ? yOf(e, j).add(sCol.get(j), 0) : e.add(undefined, s.vValue(j)));
  for (const p of s.published) {
    model.constrain(p.inner.reduce(vOf, new Expr()), p.voorzieningen, p.voorzieningen);
    model.constrain(p.inner.reduce(yOf, new Expr()), p.clienten, Infinity);
  }
  const targets = new Set(open);
  const sums: { cols: number[]; base: number; dir: 1 }[] = [];
  s.hidden.forEach((cell, h) => {
    if (!targets.has(h)) {
      model.constrain(cell.inner.reduce(yOf, new Expr()), 1, Infinity);
      return;
    }
    // Σ y of the target as a column of its own (≥ 1 as every suppressed cell's), so its capped row is t ≤ column − truth.
    const ys = model.col(1, Infinity, check.truth(cell.col));
    model.constrain(cell.inner.reduce(yOf, new Expr()).add(ys, 0, -1), 0, 0);
    sums.push({ cols: [ys], base: check.truth(cell.col), dir: 1 });
  });
  const order = [...open].sort((a, b) => a - b);
  // A tight feasibility tolerance: the point must pass the checker's, which knows no scaling (counts are small integers).
  using batch = cappedBatch(solver, model, sums, 1e-9);
  let left = order.filter((h) => !wide(h, bounds[h]!));
  for (let runs = 0; left.length > 0; ) {
    const still0 = new Set(left);
    const needs = order.map((h) => (still0.has(h) ? need(h, bounds[h]!) : 0));
    const x = batch.run(needs);
    if (!x) return;
    // Counts: a value within rounding of an integer is that integer (the vertices of these rows
    // usually are), so the point passes the checker without the solver's tolerance.
    const snap = (a: number) => (Math.abs(a - Math.round(a)) < 1e-6 ? Math.round(a) : a);
    const yNew = new Map<number, number>();
    const vNew = new Map<number, number>();
    for (const [j, col] of yCol) if (snap(x[col]!) !== s.yValue(j)) yNew.set(j, snap(x[col]!));
    for (const [j, col] of sCol) {
      const v = (yNew.get(j) ?? s.yValue(j)) + snap(x[col]!);
      if (v !== s.vValue(j)) vNew.set(j, v);
    }
    const values = countPoint(check, s, yNew, vNew);
    if (!values) return;
    record(bounds, values);
    const still = left.filter((h) => !wide(h, bounds[h]!));
    if (still.length === left.length || ++runs === MAX_RUNS) return;
    left = still;
  }
}

/**
 * Batch witnesses of the cells at `cols` of `lp` (a cost system: equalities and bounds): capped
 * rounds upward and downward in turn while they prove more. `needUp`/`needDown`: how far above /
 * below its truth cell i must get at the next point.
 */
export function batchWitnesses(solver: Highs, check: WitnessChecker, lp: LinearSystem, cols: readonly number[], bounds: Interval[], wide: (i: number, b: Interval) => boolean, needUp: (i: number, b: Interval) => number, needDown: (i: number, b: Interval) => number): void {
  let left = cols.map((_, i) => i).filter((i) => !wide(i, bounds[i]!));
  if (left.length === 0 || !check.truthHolds) return;
  const truth = cols.map((c) => check.truth(c));
  const targets = [...cols.map((c, i) => ({ cols: [c], base: truth[i]!, dir: 1 as const })), ...cols.map((c, i) => ({ cols: [c], base: truth[i]!, dir: -1 as const }))];
  using batch = cappedBatch(solver, lp, targets);
  for (let up = true, runs = 0; left.length > 0 && runs < 2 * MAX_RUNS; up = !up, runs++) {
    const open = new Set(left);
    const needs = [...cols.map((_, i) => (up && open.has(i) ? needUp(i, bounds[i]!) : 0)), ...cols.map((_, i) => (!up && open.has(i) ? needDown(i, bounds[i]!) : 0))];
    const x = batch.run(needs);
    if (!x) return;
    const changes = new Map<number, number>();
    for (let c = 0; c < x.length; c++) if (x[c] !== check.truth(c)) changes.set(c, x[c]!);
    if (!check.holds(changes)) return;
    record(bounds, new Map(cols.map((c, i) => [i, x[c]!])));
    left = left.filter((i) => !wide(i, bounds[i]!));
  }
}
