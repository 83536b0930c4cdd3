/*
 * Outer bounds on every column of a linear system by constraint propagation (the bound tightening
 * of an LP presolve): each row lo ≤ Σ a·x ≤ hi bounds each of its columns by what the others can
 * at most and at least contribute, repeated while that narrows something. Only constraints of the
 * system are used, so every feasible point lies inside the bounds: the attacker's true interval of
 * a column is inside them too. The audit uses that one way only: a cell whose outer interval is
 * already too narrow certainly fails and needs no LP solve. Each derived bound is loosened by a
 * relative 1e-9 so rounding of fractional (euro) values never makes it tighter than the truth.
 */

/** A system in CSR form: columns with bounds, rows with bounds over `indices`/`coefs` from `starts`. */
export type LinearSystem = {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly rowLower: readonly number[];
  readonly rowUpper: readonly number[];
  readonly starts: readonly number[];
  readonly indices: readonly number[];
  readonly coefs: readonly number[];
};

const SLACK = 1e-9;
/** Passes over all rows; a chain of differences rarely needs more, and the LP covers what is left. */
const MAX_PASSES = 20;

function loosenUp(x: number): number {
  return x + SLACK * Math.max(1, Math.abs(x));
}
function loosenDown(x: number): number {
  return x - SLACK * Math.max(1, Math.abs(x));
}

export function propagateBounds(lp: LinearSystem): { lower: Float64Array; upper: Float64Array } {
  const lower = Float64Array.from(lp.lower);
  const upper = Float64Array.from(lp.upper);
  const numRows = lp.rowLower.length;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (let r = 0; r < numRows; r++) {
      const from = lp.starts[r]!;
      const to = lp.starts[r + 1]!;
      const lo = lp.rowLower[r]!;
      const hi = lp.rowUpper[r]!;
      // The row's least and greatest activity, with infinite contributions counted apart so the
      // activity of "all but one column" stays finite when only that column is unbounded.
      let minFinite = 0;
      let minInf = 0;
      let maxFinite = 0;
      let maxInf = 0;
      for (let e = from; e < to; e++) {
        const a = lp.coefs[e]!;
        const c = lp.indices[e]!;
        const least = a > 0 ? a * lower[c]! : a * upper[c]!;
        const most = a > 0 ? a * upper[c]! : a * lower[c]!;
        if (Number.isFinite(least)) minFinite += least;
        else minInf++;
        if (Number.isFinite(most)) maxFinite += most;
        else maxInf++;
      }
      for (let e = from; e < to; e++) {
        const a = lp.coefs[e]!;
        const c = lp.indices[e]!;
        const least = a > 0 ? a * lower[c]! : a * upper[c]!;
        const most = a > 0 ? a * upper[c]! : a * lower[c]!;
        // What the other columns contribute at least and at most.
        const othersMin = Number.isFinite(least) ? (minInf === 0 ? minFinite - least : -Infinity) : minInf === 1 ? minFinite : -Infinity;
        const othersMax = Number.isFinite(most) ? (maxInf === 0 ? maxFinite - most : Infinity) : maxInf === 1 ? maxFinite : Infinity;
        // a·x ≤ hi − othersMin and a·x ≥ lo − othersMax.
        const top = hi - othersMin;
        const bottom = lo - othersMax;
        let ub = Infinity;
        let lb = -Infinity;
        if (a > 0) {
          if (Number.isFinite(top)) ub = loosenUp(top / a);
          if (Number.isFinite(bottom)) lb = loosenDown(bottom / a);
        } else {
          if (Number.isFinite(top)) lb = loosenDown(top / a);
          if (Number.isFinite(bottom)) ub = loosenUp(bottom / a);
        }
        // Only a real narrowing counts as a change, so the passes end.
        if (ub < upper[c]! - 1e-7 * Math.max(1, Math.abs(ub))) {
          upper[c] = ub;
          changed = true;
        }
        if (lb > lower[c]! + 1e-7 * Math.max(1, Math.abs(lb))) {
          lower[c] = lb;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { lower, upper };
}
