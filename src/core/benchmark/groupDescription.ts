import type { BenchmarkFeature } from './benchmarkFeatures.ts';

/**
 * A Dutch description of a group from its centre in z-scores: the kenmerken where the centre lies
 * at least half a standard deviation from the national mean of the wijken, strongest first, at
 * most three ("ouder dan gemiddeld, lage inkomens, stedelijk"). Half a standard deviation is the
 * usual threshold for a difference a reader notices; below it the group is called average, with
 * its strongest leaning (from a quarter of a standard deviation) in brackets so that two average
 * groups can still be told apart.
 */
export const DESCRIPTION_THRESHOLD = 0.5;
export const LEANING_THRESHOLD = 0.25;

export function describeCentre(centre: readonly number[], features: readonly BenchmarkFeature[], max = 3): string {
  const ranked = centre.map((z, f) => ({ z, f })).sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.f - b.f);
  const word = ({ z, f }: { z: number; f: number }) => (z > 0 ? features[f]!.hoog : features[f]!.laag);
  const notable = ranked.filter(({ z }) => Math.abs(z) >= DESCRIPTION_THRESHOLD).slice(0, max);
  if (notable.length > 0) return notable.map(word).join(', ');
  const leaning = ranked[0];
  return leaning !== undefined && Math.abs(leaning.z) >= LEANING_THRESHOLD ? `gemiddeld profiel (licht: ${word(leaning)})` : 'gemiddeld profiel';
}
