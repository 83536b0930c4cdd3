/**
 * Mean silhouette width (Rousseeuw 1987) on Euclidean distance: per point s = (b − a) / max(a, b),
 * a its mean distance to the rest of its own cluster, b the lowest mean distance to another
 * cluster; a point alone in its cluster has s = 0 (as R's cluster::silhouette). O(n²) distances,
 * computed on the fly so memory stays O(n·k).
 */
export function meanSilhouette(points: readonly (readonly number[])[], labels: readonly number[]): number {
  const n = points.length;
  const k = Math.max(...labels) + 1;
  if (n < 2 || k < 2) return 0;
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const pi = points[i]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const pj = points[j]!;
      let s = 0;
      for (let f = 0; f < pi.length; f++) {
        const diff = pi[f]! - pj[f]!;
        s += diff * diff;
      }
      sums[labels[j]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (counts[own]! <= 1) continue;
    const a = sums[own]! / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}
