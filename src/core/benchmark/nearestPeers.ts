import { squaredDistance } from './kMeans.ts';

/**
 * Per point the `count` nearest points of another gemeente (Euclidean on the z-scores), nearest
 * first, the lower index on a tie. A peer of the own gemeente says little a gemeente does not
 * know already, hence "other gemeenten".
 */
export type Peer = { index: number; afstand: number };

export function nearestPeers(points: readonly (readonly number[])[], gemeenten: readonly string[], count: number): Peer[][] {
  return points.map((p, i) => {
    const best: { index: number; d2: number }[] = [];
    for (let j = 0; j < points.length; j++) {
      if (gemeenten[j] === gemeenten[i]) continue;
      const d2 = squaredDistance(p, points[j]!);
      if (best.length === count && d2 >= best[count - 1]!.d2) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.d2 > d2) at--;
      best.splice(at, 0, { index: j, d2 });
      if (best.length > count) best.pop();
    }
    return best.map((b) => ({ index: b.index, afstand: Math.sqrt(b.d2) }));
  });
}
