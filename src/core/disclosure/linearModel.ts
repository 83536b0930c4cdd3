/*
 * A linear model built row by row: columns with bounds and their true values (the release's own
 * data), rows lo ≤ Σ a·x ≤ hi in CSR form, the layout HiGHS and boundPropagation take.
 */

/** A linear expression over columns plus a constant (the pinned values it holds). */
export class Expr {
  readonly terms: [number, number][] = [];
  constant = 0;
  /** `col` when the quantity is unknown, else its pinned `value`. */
  add(col: number | undefined, value: number | undefined, coef = 1): this {
    if (col !== undefined) this.terms.push([col, coef]);
    else this.constant += coef * value!;
    return this;
  }
}

export class Lp {
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  /** Per column its true value: the release's own data, a feasible point of every model. */
  readonly truth: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly coefs: number[] = [];

  col(lower: number, upper: number, truth: number): number {
    this.lower.push(lower);
    this.upper.push(upper);
    this.truth.push(truth);
    return this.lower.length - 1;
  }

  /** lower ≤ e ≤ upper. A row of one column is a bound on it; one of none holds for the true data and is dropped. */
  constrain(e: Expr, lower: number, upper: number): void {
    const merged = new Map<number, number>();
    for (const [c, a] of e.terms) merged.set(c, (merged.get(c) ?? 0) + a);
    const entries = [...merged].filter(([, a]) => a !== 0).sort((x, y) => x[0] - y[0]);
    const lo = lower - e.constant;
    const hi = upper - e.constant;
    if (entries.length === 0) return;
    if (entries.length === 1) {
      const [c, a] = entries[0]!;
      const [l, u] = a > 0 ? [lo / a, hi / a] : [hi / a, lo / a];
      this.lower[c] = Math.max(this.lower[c]!, l);
      this.upper[c] = Math.min(this.upper[c]!, u);
      return;
    }
    for (const [c, a] of entries) {
      this.indices.push(c);
      this.coefs.push(a);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lo);
    this.rowUpper.push(hi);
  }

  rowCount(): number {
    return this.rowLower.length;
  }
}
