import type { Db } from '../../store/database.ts';
import type { CbsJaren } from '../../../shared/cbsJaren.ts';
import { gemeenteOf } from './regionCode.ts';

/*
 * A CBS Kerncijfers file replaces only the gemeenten it holds (replaceKwbRegions.ts), so one year
 * can be loaded for some gemeenten only. Every output that divides by inhabitants therefore picks
 * the year per gemeente: the loaded year with inhabitants of that gemeente (or its wijken) closest to the period
 * (the later one on a tie), and its wijken take the same year, so a gemeente and its wijken are
 * always one population.
 */

/** Per gemeente code (GM…) its chosen CBS year; a gemeente without CBS inhabitants is absent. */
export type CbsYearPerGemeente = ReadonlyMap<string, number>;

export function closestYear(years: readonly number[], periodYear: number): number | null {
  return [...years].sort((a, b) => Math.abs(a - periodYear) - Math.abs(b - periodYear) || b - a)[0] ?? null;
}

export function cbsYearPerGemeente(db: Db, periode: string): CbsYearPerGemeente {
  const periodYear = Number(periode.slice(0, 4));
  // A year counts for a gemeente when it has inhabitants of the gemeente or of one of its wijken.
  const rows = db.prepare("SELECT DISTINCT substr(code, 3, 4) AS nummer, jaar FROM cbs_kenmerk WHERE kenmerk = 'inwoners' AND (code LIKE 'GM%' OR code LIKE 'WK%') ORDER BY nummer, jaar").all() as { nummer: string; jaar: number }[];
  const years = new Map<string, number[]>();
  for (const { nummer, jaar } of rows) years.set(`GM${nummer}`, [...(years.get(`GM${nummer}`) ?? []), jaar]);
  return new Map([...years].map(([code, ys]) => [code, closestYear(ys, periodYear)!]));
}

/** The year of a region (gemeente, wijk or buurt): its gemeente's. */
export function yearOfRegion(years: CbsYearPerGemeente, code: string): number | null {
  const gemeente = gemeenteOf(code);
  return gemeente === null ? null : (years.get(gemeente) ?? null);
}

/** The years `gemeenten` used, each gemeente under its year; gemeenten without CBS inhabitants are left out. */
export function cbsJarenOf(years: CbsYearPerGemeente, gemeenten: readonly string[]): CbsJaren {
  const byYear = new Map<number, string[]>();
  for (const gemeente of [...gemeenten].sort()) {
    const jaar = years.get(gemeente);
    if (jaar !== undefined) byYear.set(jaar, [...(byYear.get(jaar) ?? []), gemeente]);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([jaar, g]) => ({ jaar, gemeenten: g }));
}
