import type { Db } from '../../store/database.ts';

export type Populations = { jaar: number; inwoners: Map<string, number> } | null;

/**
 * Inhabitants per region code from the CBS Kerncijfers loaded by `central reference`: the latest
 * year up to the period's year (a period is compared with the population of its own time), else
 * the earliest later one. Null when no CBS figures are loaded at all.
 */
export function loadPopulations(db: Db, year: number): Populations {
  const years = db.prepare("SELECT DISTINCT jaar FROM cbs_kenmerk WHERE kenmerk = 'inwoners' ORDER BY jaar").pluck().all() as number[];
  if (years.length === 0) return null;
  const jaar = years.filter((y) => y <= year).at(-1) ?? years[0]!;
  const rows = db.prepare("SELECT code, waarde FROM cbs_kenmerk WHERE kenmerk = 'inwoners' AND jaar = ?").raw().all(jaar) as [string, number][];
  return { jaar, inwoners: new Map(rows) };
}
