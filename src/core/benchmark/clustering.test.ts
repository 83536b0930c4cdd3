import { describe, expect, it } from 'vitest';
import { chooseClusters } from './chooseClusters.ts';
import { kMeans } from './kMeans.ts';
import { meanSilhouette } from './silhouette.ts';
import { cutTree, wardClustering } from './wardClustering.ts';

describe('Ward clustering', () => {
  it('merges a tiny set in the order and at the heights worked out by hand', () => {
    // Points on a line at 0, 1, 5, 6, 20. Ward cost of merging clusters A, B with centroids a, b:
    // √(2·nA·nB/(nA+nB))·|a−b| on the ward.D2 scale. {0,1}: √(2·½)·1 = 1; {5,6}: 1;
    // {0,1}+{5,6}: √(2·2·2/4)·5 = √2·5 = 7.0711; then with 20 (n 4 vs 1, centroid 3): √(2·4/5)·17 = 21.5035.
    const merges = wardClustering([[0], [1], [5], [6], [20]]);
    expect(merges.map((m) => [m.a, m.b, m.size])).toEqual([
      [0, 1, 2],
      [2, 3, 2],
      [5, 6, 4],
      [4, 7, 5],
    ]);
    expect(merges.map((m) => Number(m.height.toFixed(4)))).toEqual([1, 1, 7.0711, 21.5035]);
  });

  it('agrees with the textbook O(n³) Ward loop on random points', () => {
    // A small seeded generator: the check is the algorithm, not the data.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const points = Array.from({ length: 40 }, () => [random() * 10, random() * 10, random() * 10]);
    const heights = wardClustering(points).map((m) => m.height);
    // Textbook: repeatedly merge the pair with the smallest Ward cost computed from centroids.
    let clusters = points.map((p) => ({ centroid: [...p], size: 1 }));
    const naive: number[] = [];
    while (clusters.length > 1) {
      let best = { i: 0, j: 1, cost: Infinity };
      for (let i = 0; i < clusters.length; i++)
        for (let j = i + 1; j < clusters.length; j++) {
          const a = clusters[i]!;
          const b = clusters[j]!;
          const d2 = a.centroid.reduce((s, v, f) => s + (v - b.centroid[f]!) ** 2, 0);
          const cost = Math.sqrt((2 * a.size * b.size * d2) / (a.size + b.size));
          if (cost < best.cost) best = { i, j, cost };
        }
      const a = clusters[best.i]!;
      const b = clusters[best.j]!;
      const merged = { centroid: a.centroid.map((v, f) => (v * a.size + b.centroid[f]! * b.size) / (a.size + b.size)), size: a.size + b.size };
      clusters = clusters.filter((_, x) => x !== best.i && x !== best.j).concat([merged]);
      naive.push(best.cost);
    }
    heights.forEach((h, m) => expect(h).toBeCloseTo(naive[m]!, 9));
  });

  it('cuts the tree into the well-separated groups', () => {
    const points = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10], [0, 20], [1, 20]];
    const merges = wardClustering(points);
    expect(cutTree(merges, points.length, 3)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(cutTree(merges, points.length, 1)).toEqual(new Array(8).fill(0));
    expect(cutTree(merges, points.length, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('k-means from given centres', () => {
  it('moves a misplaced point to its nearest centre and recomputes the means', () => {
    const points = [[0], [1], [2], [10], [11]];
    // Start with 2 wrongly in the second cluster: centres 0.5 and (2+10+11)/3.
    const result = kMeans(points, [[0.5], [23 / 3]]);
    expect(result.labels).toEqual([0, 0, 0, 1, 1]);
    expect(result.centres).toEqual([[1], [10.5]]);
    expect(result.converged).toBe(true);
  });
});

describe('silhouette', () => {
  it('matches a case computed by hand', () => {
    // Points 0, 1 | 4. Point 0: a = 1, b = 4 → 0.75; point 1: a = 1, b = 3 → 2/3; point 4 alone → 0.
    expect(meanSilhouette([[0], [1], [4]], [0, 0, 1])).toBeCloseTo((0.75 + 2 / 3 + 0) / 3, 12);
    // Four points, two pairs: 0,2 | 10,12. Point 0: a 2, b 11 → 9/11; 2: a 2, b 9 → 7/9; symmetric.
    expect(meanSilhouette([[0], [2], [10], [12]], [0, 0, 1, 1])).toBeCloseTo((9 / 11 + 7 / 9) * 2 / 4, 12);
  });
});

describe('choosing the number of groups', () => {
  const blobs = (centres: number[][]) => centres.flatMap(([x, y]) => [[x!, y!], [x! + 0.3, y!], [x!, y! + 0.3], [x! - 0.2, y! - 0.2]]);
  const four = blobs([[0, 0], [10, 0], [0, 10], [10, 10]]);

  it('finds four well-separated groups by the silhouette, and takes a fixed count when given', () => {
    const choice = chooseClusters(four, { min: 2, max: 6 });
    expect(choice.k).toBe(4);
    expect(choice.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    expect(new Set(choice.labels.slice(0, 4)).size).toBe(1);
    expect(new Set([0, 4, 8, 12].map((i) => choice.labels[i])).size).toBe(4);
    const fixed = chooseClusters(four, { min: 2, max: 6, k: 2 });
    expect(fixed.k).toBe(2);
    expect(fixed.gekozen).toBe('opgegeven');
    expect(new Set(fixed.labels).size).toBe(2);
  });

  it('gives the same answer on every run', () => {
    const a = chooseClusters(four, { min: 2, max: 6 });
    const b = chooseClusters(four.map((p) => [...p]), { min: 2, max: 6 });
    expect(b).toEqual(a);
  });
});
