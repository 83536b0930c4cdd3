/**
 * Ward's minimum-variance hierarchical clustering on Euclidean points, by the nearest-neighbour
 * chain algorithm: O(n²) time and one condensed distance matrix, where the textbook loop is O(n³)
 * (npm's ml-hclust `agnes` is that loop and rebuilds an n × n matrix per merge, which does not
 * finish for the ~3,400 wijken of the country). Ward is reducible, so the chain finds the same
 * merges as the textbook loop.
 *
 * Distances are kept squared, so the Lance–Williams update is exact:
 *   d²(i∪j, k) = ((nᵢ+nₖ) d²(i,k) + (nⱼ+nₖ) d²(j,k) − nₖ d²(i,j)) / (nᵢ+nⱼ+nₖ).
 * Heights are reported as √d² (the merge cost on the scale of R's hclust(method = "ward.D2")).
 * Ties go to the lower index, so a run is repeatable on the same input order.
 */
export type WardMerge = {
  /** Ids of the merged clusters: 0…n−1 are the points, n+m is the cluster made by merge m. */
  a: number;
  b: number;
  height: number;
  size: number;
};

export function wardClustering(points: readonly (readonly number[])[]): WardMerge[] {
  const n = points.length;
  if (n < 2) return [];
  const at = (i: number, j: number) => (i < j ? j * (j - 1) / 2 + i : i * (i - 1) / 2 + j);
  const d = new Float64Array((n * (n - 1)) / 2);
  for (let j = 1; j < n; j++) {
    const pj = points[j]!;
    for (let i = 0; i < j; i++) {
      const pi = points[i]!;
      let s = 0;
      for (let f = 0; f < pj.length; f++) {
        const diff = pi[f]! - pj[f]!;
        s += diff * diff;
      }
      d[at(i, j)] = s;
    }
  }
  // Slot i holds the cluster that currently lives at point index i (the lower of the two merged).
  const size = new Float64Array(n).fill(1);
  const id = Array.from({ length: n }, (_, i) => i);
  const active = new Uint8Array(n).fill(1);
  const raw: { i: number; j: number; d2: number }[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) {
      let first = 0;
      while (!active[first]) first++;
      chain.push(first);
    }
    const top = chain[chain.length - 1]!;
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // The nearest neighbour of top; prefer prev on a tie so the chain always ends.
    let best = -1;
    let bestD = Infinity;
    if (prev >= 0) {
      best = prev;
      bestD = d[at(top, prev)]!;
    }
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === top) continue;
      const dk = d[at(top, k)]!;
      if (dk < bestD || (dk === bestD && k < best && best !== prev)) {
        best = k;
        bestD = dk;
      }
    }
    if (best === prev) {
      chain.pop();
      chain.pop();
      const i = Math.min(top, prev);
      const j = Math.max(top, prev);
      const ni = size[i]!;
      const nj = size[j]!;
      for (let k = 0; k < n; k++) {
        if (!active[k] || k === i || k === j) continue;
        const nk = size[k]!;
        d[at(i, k)] = ((ni + nk) * d[at(i, k)]! + (nj + nk) * d[at(j, k)]! - nk * bestD) / (ni + nj + nk);
      }
      active[j] = 0;
      size[i] = ni + nj;
      raw.push({ i, j, d2: bestD });
      remaining--;
    } else {
      chain.push(best);
    }
  }
  // The chain finds merges out of height order; replay them sorted (stable) to number the clusters.
  const order = raw.map((m, index) => ({ ...m, index })).sort((x, y) => x.d2 - y.d2 || x.index - y.index);
  const merges: WardMerge[] = [];
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const clusterSize = new Float64Array(n).fill(1);
  for (const m of order) {
    const ri = find(m.i);
    const rj = find(m.j);
    const a = id[ri]!;
    const b = id[rj]!;
    const s = clusterSize[ri]! + clusterSize[rj]!;
    merges.push({ a: Math.min(a, b), b: Math.max(a, b), height: Math.sqrt(Math.max(0, m.d2)), size: s });
    parent[rj] = ri;
    clusterSize[ri] = s;
    id[ri] = n + merges.length - 1;
  }
  return merges;
}

/**
 * Labels 0…k−1 per point from cutting the tree into k clusters: undo the last k−1 merges.
 * Clusters are numbered by their lowest point index, so the numbering does not depend on heights.
 */
export function cutTree(merges: readonly WardMerge[], n: number, k: number): number[] {
  if (k < 1 || k > n) throw new RangeError(`cannot cut ${n} points into ${k} clusters`);
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const root = new Map<number, number>();
  for (let i = 0; i < n; i++) root.set(i, i);
  for (let m = 0; m < n - k; m++) {
    const merge = merges[m]!;
    const ra = find(root.get(merge.a)!);
    const rb = find(root.get(merge.b)!);
    const lo = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = lo;
    root.set(n + m, lo);
  }
  const label = new Map<number, number>();
  return Array.from({ length: n }, (_, i) => {
    const r = find(i);
    if (!label.has(r)) label.set(r, label.size);
    return label.get(r)!;
  });
}
