import type { LinearSystem } from './boundPropagation.ts';

/*
 * Restricted models for proving widths on a system too large to solve whole. Every column outside
 * a neighbourhood of the cells being proven is fixed at its true value (the release's own data,
 * which satisfies every constraint), so each feasible point of the restricted model, completed with
 * those values, is a feasible point of the full system: the span of values a cell reaches there is
 * inside the attacker's interval, and a cell proven wide enough there is proven for the release.
 * The converse does not hold (the restriction can only narrow), so a cell not proven this way is
 * not known to fail; the audit then treats it as failing, which costs suppression, never safety.
 *
 * The neighbourhood of a suppressed cell (nearHidden) is the inner cells of the suppressed cells
 * nearest it; the search over the system's own rows (neighbourhood) serves cells that span
 * gemeenten.
 */

export type TrueSystem = LinearSystem & { readonly truth: readonly number[] };

/** Per column the rows it occurs in (CSC of the system's CSR). */
export type ColumnRows = { readonly starts: Int32Array; readonly rows: Int32Array };

export function columnRows(lp: LinearSystem): ColumnRows {
  const numCols = lp.lower.length;
  const numRows = lp.rowLower.length;
  const counts = new Int32Array(numCols + 1);
  for (let e = 0; e < lp.indices.length; e++) counts[lp.indices[e]! + 1]!++;
  for (let c = 0; c < numCols; c++) counts[c + 1]! += counts[c]!;
  const starts = Int32Array.from(counts);
  const fill = Int32Array.from(counts);
  const rows = new Int32Array(lp.indices.length);
  for (let r = 0; r < numRows; r++) for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) rows[fill[lp.indices[e]!]!++] = r;
  return { starts, rows };
}

/** A binary min-heap of numeric keys; keys encode (distance, column) so ties break by column. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const m = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l;
        if (a[m]! >= last) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Up to `cap` columns nearest to `seeds`, sorted. A row longer than `cap` is not followed (it
 * would fill the neighbourhood with one parent); it still constrains the restricted model.
 */
export function neighbourhood(lp: LinearSystem, byColumn: ColumnRows, seeds: readonly number[], cap: number): number[] {
  const numCols = lp.lower.length;
  const taken = new Set<number>();
  const followed = new Set<number>();
  const heap = new MinHeap();
  for (const s of seeds) heap.push(s);
  while (heap.size > 0 && taken.size < cap) {
    const key = heap.pop();
    const col = key % numCols;
    if (taken.has(col)) continue;
    taken.add(col);
    const distance = (key - col) / numCols;
    for (let e = byColumn.starts[col]!; e < byColumn.starts[col + 1]!; e++) {
      const r = byColumn.rows[e]!;
      if (followed.has(r)) continue;
      followed.add(r);
      const length = lp.starts[r + 1]! - lp.starts[r]!;
      if (length > cap) continue;
      for (let f = lp.starts[r]!; f < lp.starts[r + 1]!; f++) {
        const other = lp.indices[f]!;
        if (!taken.has(other)) heap.push((distance + length) * numCols + other);
      }
    }
  }
  return [...taken].sort((a, b) => a - b);
}

/**
 * The system over `cols` alone, every other column at its true value: the rows touching `cols`
 * with the fixed part as a constant, a row left with one column as a bound on it. `null` when
 * the true values leave it infeasible (data whose figures do not add up exactly): nothing proven.
 */
export function restrict(lp: TrueSystem, byColumn: ColumnRows, cols: readonly number[]): TrueSystem | null {
  const index = new Map(cols.map((c, i) => [c, i]));
  const lower = cols.map((c) => lp.lower[c]!);
  const upper = cols.map((c) => lp.upper[c]!);
  const truth = cols.map((c) => lp.truth[c]!);
  const rowSet = new Set<number>();
  for (const c of cols) for (let e = byColumn.starts[c]!; e < byColumn.starts[c + 1]!; e++) rowSet.add(byColumn.rows[e]!);
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const coefs: number[] = [];
  for (const r of [...rowSet].sort((a, b) => a - b)) {
    let constant = 0;
    const from = indices.length;
    for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) {
      const i = index.get(lp.indices[e]!);
      if (i === undefined) constant += lp.coefs[e]! * lp.truth[lp.indices[e]!]!;
      else {
        indices.push(i);
        coefs.push(lp.coefs[e]!);
      }
    }
    const lo = lp.rowLower[r]! - constant;
    const hi = lp.rowUpper[r]! - constant;
    if (indices.length - from === 1) {
      const i = indices.pop()!;
      const a = coefs.pop()!;
      const [l, u] = a > 0 ? [lo / a, hi / a] : [hi / a, lo / a];
      lower[i] = Math.max(lower[i]!, l);
      upper[i] = Math.min(upper[i]!, u);
      continue;
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  }
  // The true point must lie in the restricted model (up to the solver's tolerance), else a found
  // point need not be one of the full system.
  const tolerance = (x: number) => 1e-7 * Math.max(1, Math.abs(x));
  for (let i = 0; i < cols.length; i++) if (truth[i]! < lower[i]! - tolerance(lower[i]!) || truth[i]! > upper[i]! + tolerance(upper[i]!)) return null;
  for (let r = 0; r < rowLower.length; r++) {
    let activity = 0;
    for (let e = starts[r]!; e < starts[r + 1]!; e++) activity += coefs[e]! * truth[indices[e]!]!;
    if (activity < rowLower[r]! - tolerance(rowLower[r]!) || activity > rowUpper[r]! + tolerance(rowUpper[r]!)) return null;
  }
  return { lower, upper, truth, rowLower, rowUpper, starts, indices, coefs };
}

/** Whether the true values satisfy the whole system (up to the solver's tolerance): the premise of every restricted proof. */
export function truthFeasible(lp: TrueSystem): boolean {
  const tolerance = (x: number) => 1e-7 * Math.max(1, Math.abs(x));
  for (let c = 0; c < lp.lower.length; c++) if (lp.truth[c]! < lp.lower[c]! - tolerance(lp.lower[c]!) || lp.truth[c]! > lp.upper[c]! + tolerance(lp.upper[c]!)) return false;
  for (let r = 0; r < lp.rowLower.length; r++) {
    let activity = 0;
    for (let e = lp.starts[r]!; e < lp.starts[r + 1]!; e++) activity += lp.coefs[e]! * lp.truth[lp.indices[e]!]!;
    if (activity < lp.rowLower[r]! - tolerance(lp.rowLower[r]!) || activity > lp.rowUpper[r]! + tolerance(lp.rowUpper[r]!)) return false;
  }
  return true;
}

/**
 * The inner cells of the suppressed cells nearest suppressed cell `seed`. What moves a suppressed
 * cell while every published sum stays put is an exchange around a cycle of suppressed cells that
 * share published parents (a wijk × product cell and its neighbour in the same wijk, the same two
 * products in another wijk, …). So the search runs over suppressed cells, best first: another
 * suppressed cell holding one of the inner cells is one step, one reached through a published
 * parent costs the parent's size, so the small parents come first and the gemeente's total last.
 * `hiddenOf`: per inner cell the suppressed cells holding it; `parentsOf`: its published parents.
 * Cells and parents larger than `cap` are not followed. At most about `cap` inner cells.
 */
export function nearHidden(seed: number, innerOf: (g: number) => readonly number[], parentsOf: ReadonlyMap<number, readonly (readonly number[])[]>, hiddenOf: ReadonlyMap<number, readonly number[]>, cap: number): number[] {
  const taken = new Set<number>();
  const cells = new Set<number>();
  const followed = new Set<readonly number[]>();
  const heap = new MinHeap();
  // Keys (distance, group) in one number; group indices stay below 2^24 here.
  const SCALE = 2 ** 24;
  heap.push(seed);
  while (heap.size > 0 && cells.size < cap) {
    const key = heap.pop();
    const g = key % SCALE;
    if (taken.has(g)) continue;
    taken.add(g);
    const own = innerOf(g);
    if (g !== seed && own.length > cap) continue;
    const distance = (key - g) / SCALE;
    for (const j of own) cells.add(j);
    for (const j of own) {
      for (const h of hiddenOf.get(j) ?? []) if (!taken.has(h)) heap.push((distance + 1) * SCALE + h);
      for (const parent of parentsOf.get(j) ?? []) {
        if (parent.length > cap || followed.has(parent)) continue;
        followed.add(parent);
        for (const other of parent) for (const h of hiddenOf.get(other) ?? []) if (!taken.has(h)) heap.push((distance + parent.length) * SCALE + h);
      }
    }
  }
  return [...cells].sort((a, b) => a - b);
}
