/**
 * Lloyd's k-means from given starting centres (here: the centres of a Ward cut, so the result is
 * as repeatable as the tree). A point goes to its nearest centre, the lower cluster number on a
 * tie; a cluster that loses all its points keeps its last centre rather than vanishing, so the
 * number of groups asked for is what comes out or the caller sees an empty one.
 */
export type KMeansResult = { labels: number[]; centres: number[][]; iterations: number; converged: boolean };

export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let f = 0; f < a.length; f++) {
    const diff = a[f]! - b[f]!;
    s += diff * diff;
  }
  return s;
}

export function clusterCentres(points: readonly (readonly number[])[], labels: readonly number[], k: number): number[][] {
  const dims = points[0]?.length ?? 0;
  const sums = Array.from({ length: k }, () => new Array<number>(dims).fill(0));
  const counts = new Array<number>(k).fill(0);
  points.forEach((p, i) => {
    const c = labels[i]!;
    counts[c]!++;
    for (let f = 0; f < dims; f++) sums[c]![f]! += p[f]!;
  });
  return sums.map((s, c) => s.map((v) => (counts[c]! > 0 ? v / counts[c]! : Number.NaN)));
}

export function kMeans(points: readonly (readonly number[])[], start: readonly (readonly number[])[], maxIterations = 100): KMeansResult {
  let centres = start.map((c) => [...c]);
  let labels = new Array<number>(points.length).fill(-1);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let changed = false;
    const next = points.map((p, i) => {
      let best = 0;
      let bestD = Infinity;
      centres.forEach((c, ci) => {
        const dc = squaredDistance(p, c);
        if (dc < bestD) {
          best = ci;
          bestD = dc;
        }
      });
      if (best !== labels[i]) changed = true;
      return best;
    });
    labels = next;
    if (!changed) return { labels, centres, iterations: iteration, converged: true };
    const means = clusterCentres(points, labels, centres.length);
    centres = means.map((m, c) => (m.some(Number.isNaN) ? centres[c]! : m));
  }
  return { labels, centres, iterations: maxIterations, converged: false };
}
