import { clusterCentres, kMeans } from './kMeans.ts';
import { runSteps, type Step } from './steps.ts';
import { meanSilhouette } from './silhouette.ts';
import { cutTree, wardClustering } from './wardClustering.ts';

/**
 * Ward's tree cut at k, refined by k-means from the cut's centres, for every k in the range; the
 * k with the highest mean silhouette wins (the smaller k on a tie, as the simpler answer), unless
 * the caller fixes k. Every candidate's silhouette is returned so the choice can be checked.
 */
export type ClusterChoice = { k: number; labels: number[]; centres: number[][]; silhouettes: { k: number; silhouette: number }[]; gekozen: 'silhouette' | 'opgegeven' };

export function chooseClusters(points: readonly (readonly number[])[], options: { min: number; max: number; k?: number }): ClusterChoice {
  return runSteps(clusterSteps(points, options));
}

/** chooseClusters step by step: Ward's tree, then each k; `label` names the wijken being grouped in the steps' phase. */
export function* clusterSteps(points: readonly (readonly number[])[], options: { min: number; max: number; k?: number }, label = 'wijken'): Generator<Step, ClusterChoice> {
  const n = points.length;
  const candidates = options.k === undefined ? Math.min(options.max, n) - Math.min(options.min, options.max, n) + 1 : 1;
  yield { phase: `${label}: boom van Ward`, done: 0, total: candidates + 1 };
  const merges = wardClustering(points);
  const refine = (k: number) => {
    const start = clusterCentres(points, cutTree(merges, n, k), k);
    const result = kMeans(points, start);
    return { labels: result.labels, centres: result.centres };
  };
  if (options.k !== undefined) {
    const k = Math.min(options.k, n);
    const r = refine(k);
    return { k, ...r, silhouettes: [{ k, silhouette: meanSilhouette(points, r.labels) }], gekozen: 'opgegeven' };
  }
  const max = Math.min(options.max, n);
  const min = Math.min(options.min, max);
  let best: ({ k: number; silhouette: number } & ReturnType<typeof refine>) | null = null;
  const silhouettes: { k: number; silhouette: number }[] = [];
  for (let k = min; k <= max; k++) {
    yield { phase: `${label}: ${k} groepen proberen`, done: k - min + 1, total: candidates + 1 };
    const r = refine(k);
    const silhouette = meanSilhouette(points, r.labels);
    silhouettes.push({ k, silhouette });
    if (best === null || silhouette > best.silhouette) best = { k, silhouette, ...r };
  }
  if (best === null) throw new RangeError('no cluster count in range');
  return { k: best.k, labels: best.labels, centres: best.centres, silhouettes, gekozen: 'silhouette' };
}
