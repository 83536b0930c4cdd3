import type { Db } from '../store/database.ts';
import { closestYear, type CbsYearPerGemeente } from '../central/reference/cbsYearPerGemeente.ts';
import { SEXES, type AgeBand, type MarginBand } from './ageStrata.ts';

/**
 * The IPF seed of a gemeente: its joint age × sex table from CBS 03759ned (catalogue
 * `cbs_bevolking`), summed into the bands of the Kerncijfers margins. The year is the loaded
 * 03759ned year closest to the gemeente's own Kerncijfers year (the later one on a tie), so a
 * gemeente whose 2024 table is loaded keeps it when its Kerncijfers are of 2023; the year is
 * reported, since the seed only carries the association of age and sex, not the numbers.
 */
export type GemeenteSeed = { jaar: number; perKenmerk: Map<string, number[]> };

/** Per gemeente in the output, which seed it had: the 03759ned year, or null for the independence seed. */
export type StartTabel = { gemeente: string; jaar: number | null };

export function loadGemeenteSeeds(db: Db, jaren: CbsYearPerGemeente, bands: readonly MarginBand[]): Map<string, GemeenteSeed> {
  const seeds = new Map<string, GemeenteSeed>();
  const yearsOf = db.prepare('SELECT DISTINCT jaar FROM cbs_bevolking WHERE gemeente = ? ORDER BY jaar').pluck();
  const cellsOf = db.prepare('SELECT geslacht, van, tot, aantal FROM cbs_bevolking WHERE gemeente = ? AND jaar = ? ORDER BY geslacht, van');
  for (const [gemeente, kwbJaar] of jaren) {
    const jaar = closestYear(yearsOf.all(gemeente) as number[], kwbJaar);
    if (jaar === null) continue;
    const perKenmerk = new Map(bands.map((b) => [b.kenmerk, SEXES.map(() => 0)]));
    let fits = true;
    for (const c of cellsOf.all(gemeente, jaar) as { geslacht: string; van: number; tot: number | null; aantal: number }[]) {
      // The import refuses groups across a band boundary; a changed bands resource could still make one.
      const band = bands.find((b) => b.van <= c.van && (b.tot === null || (c.tot !== null && c.tot <= b.tot)));
      const s = SEXES.indexOf(c.geslacht as (typeof SEXES)[number]);
      if (!band || s < 0) {
        fits = false;
        break;
      }
      perKenmerk.get(band.kenmerk)![s]! += c.aantal;
    }
    if (fits) seeds.set(gemeente, { jaar, perKenmerk });
  }
  return seeds;
}

/** The seed in a pijler's bands: each band the share `aandeel` of its kenmerken, as the margins are built. */
export function seedInBands(seed: GemeenteSeed, bands: readonly AgeBand[]): number[][] {
  return bands.map((b) => SEXES.map((_, s) => b.cbs.reduce((sum, k) => sum + b.aandeel * (seed.perKenmerk.get(k)?.[s] ?? 0), 0)));
}
