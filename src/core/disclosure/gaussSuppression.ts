/*
 * Secondary suppression by Gaussian elimination (the method of Statistics Norway's SSBtools
 * GaussSuppression). Every cell is a row over the inner cells (its 0/1 indicator vector, or the
 * sum of earlier-decided cells for ALLE). Candidates are taken in a fixed order; a candidate is
 * published unless publishing it would put some suppressed cell in the span of the published
 * rows, in which case it becomes secondary.
 *
 * The published span is kept as a basis of rows, each with a pivot column that every later basis
 * row has eliminated. A vector reduced against the basis in insertion order is zero exactly when
 * it is in the span, and two reduced vectors differ by a span element only when they are equal,
 * so "suppressed cell s enters the span when candidate c is published" is "the reduced s is a
 * multiple of the reduced c": one lookup by a normalised signature instead of a rank test per
 * suppressed cell. Arithmetic is fraction-free on BigInt rows divided by their content, so the
 * outcome never depends on rounding.
 */

export type GaussCell =
  /** Sorted, distinct inner-cell indices. */
  | { inner: readonly number[] }
  /** Cells decided earlier in the order whose inner sets are disjoint and together form this one. */
  | { parts: readonly number[] };

type Row = Map<number, bigint>;

export type GaussResult = {
  /** Cells that became secondary, in the order they were decided. */
  secondary: number[];
  published: Set<number>;
};

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Divided by the content and with a positive entry at its smallest column, so multiples coincide. */
function normalise(row: Row): void {
  let g = 0n;
  let first = -1;
  for (const [col, value] of row) {
    g = gcd(g, value);
    if (first < 0 || col < first) first = col;
  }
  if (g === 0n) return;
  const sign = row.get(first)! < 0n ? -1n : 1n;
  const d = g * sign;
  if (d === 1n) return;
  for (const [col, value] of row) row.set(col, value / d);
}

function signature(row: Row): string {
  return [...row.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, v]) => `${c}:${v}`)
    .join(',');
}

class Basis {
  /** pivot column → basis row and its insertion rank. */
  private readonly rows = new Map<number, { row: Row; rank: number }>();
  private count = 0;

  /** The vector with every pivot eliminated, in insertion order of the basis rows. */
  reduce(vector: Row): Row {
    const v = new Map(vector);
    // Pending pivots in v, smallest rank first; a small binary heap keeps the order exact.
    const heap: { rank: number; col: number }[] = [];
    const push = (col: number) => {
      const b = this.rows.get(col);
      if (!b) return;
      heap.push({ rank: b.rank, col });
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]!.rank <= heap[i]!.rank) break;
        [heap[p], heap[i]] = [heap[i]!, heap[p]!];
        i = p;
      }
    };
    const pop = () => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l]!.rank < heap[m]!.rank) m = l;
          if (r < heap.length && heap[r]!.rank < heap[m]!.rank) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      }
      return top;
    };
    for (const col of v.keys()) push(col);
    while (heap.length > 0) {
      const { col } = pop();
      const a = v.get(col);
      if (a === undefined) continue;
      const { row } = this.rows.get(col)!;
      const p = row.get(col)!;
      // v ← (p·v − a·row)/…: the pivot goes, later pivots may appear (earlier ones cannot). Rows
      // are almost always ±1 at their pivot, so v is rescaled only when p does not divide a.
      let f = a / p;
      if (f * p !== a) {
        for (const [c, value] of v) v.set(c, value * p);
        f = a;
      }
      for (const [c, value] of row) {
        const next = (v.get(c) ?? 0n) - f * value;
        if (next === 0n) v.delete(c);
        else {
          if (!v.has(c)) push(c);
          v.set(c, next);
        }
      }
      v.delete(col);
    }
    normalise(v);
    return v;
  }

  add(row: Row, pivot: number): void {
    this.rows.set(pivot, { row, rank: this.count++ });
  }
}

/**
 * The secondary cells for the given primaries. `order` lists every cell that is not primary, in
 * candidate order; a cell with `parts` must come after all its parts.
 */
export function gaussSuppression(cells: readonly GaussCell[], primary: readonly number[], order: readonly number[]): GaussResult {
  const basis = new Basis();
  const published = new Set<number>();
  const suppressed = new Set<number>(primary);
  /** Suppressed cell → its vector reduced against the current basis. */
  const reduced = new Map<number, Row>();
  const bySignature = new Map<string, Set<number>>();
  const signatureOf = new Map<number, string>();
  /** Column → suppressed cells whose reduced vector uses it. */
  const byColumn = new Map<number, Set<number>>();
  const secondary: number[] = [];

  const vectorOf = (index: number, whole = false): Row => {
    const cell = cells[index]!;
    if ('inner' in cell) return new Map(cell.inner.map((j) => [j, 1n]));
    // Published parts lie in the span and reduce to zero, so only the others are summed. A
    // primary sum (`whole`) comes before any part is decided and is taken whole.
    const v: Row = new Map();
    for (const part of cell.parts) {
      if (published.has(part)) continue;
      if (!whole && !suppressed.has(part)) throw new Error(`Cel ${index} komt in de volgorde vóór haar deel ${part}.`);
      const inner = cells[part]!;
      if (!('inner' in inner)) throw new Error(`Cel ${part} is zelf een som; delen moeten binnencellen hebben.`);
      for (const j of inner.inner) v.set(j, (v.get(j) ?? 0n) + 1n);
    }
    return v;
  };

  const track = (s: number, row: Row) => {
    reduced.set(s, row);
    const sig = signature(row);
    signatureOf.set(s, sig);
    let set = bySignature.get(sig);
    if (!set) bySignature.set(sig, (set = new Set()));
    set.add(s);
    for (const col of row.keys()) {
      let c = byColumn.get(col);
      if (!c) byColumn.set(col, (c = new Set()));
      c.add(s);
    }
  };
  const untrack = (s: number) => {
    const row = reduced.get(s)!;
    const sig = signatureOf.get(s)!;
    bySignature.get(sig)!.delete(s);
    if (bySignature.get(sig)!.size === 0) bySignature.delete(sig);
    for (const col of row.keys()) byColumn.get(col)?.delete(s);
    reduced.delete(s);
  };

  for (const p of primary) {
    const v = vectorOf(p, true);
    normalise(v);
    track(p, v);
  }

  for (const c of order) {
    if (suppressed.has(c) || published.has(c)) throw new Error(`Cel ${c} staat twee keer in de volgorde of is primair.`);
    const v = basis.reduce(vectorOf(c));
    if (v.size === 0) {
      // Already determined by what is published: hiding it would protect nothing.
      published.add(c);
      continue;
    }
    if (bySignature.has(signature(v))) {
      suppressed.add(c);
      secondary.push(c);
      track(c, v);
      continue;
    }
    // The pivot where the fewest suppressed vectors have an entry keeps their updates (and fill-in) small.
    let pivot = -1;
    let users = Infinity;
    for (const col of v.keys()) {
      const n = byColumn.get(col)?.size ?? 0;
      if (n < users || (n === users && col > pivot)) {
        pivot = col;
        users = n;
      }
    }
    basis.add(v, pivot);
    published.add(c);
    const affected = [...(byColumn.get(pivot) ?? [])].sort((a, b) => a - b);
    for (const s of affected) {
      const r = reduced.get(s)!;
      const a = r.get(pivot)!;
      const p = v.get(pivot)!;
      const next: Row = new Map();
      for (const [col, value] of r) next.set(col, value * p);
      for (const [col, value] of v) {
        const x = (next.get(col) ?? 0n) - a * value;
        if (x === 0n) next.delete(col);
        else next.set(col, x);
      }
      normalise(next);
      untrack(s);
      if (next.size === 0) throw new Error(`Interne fout: onderdrukte cel ${s} werd berekenbaar.`);
      track(s, next);
    }
  }
  return { secondary, published };
}
