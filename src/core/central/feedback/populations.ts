import type { Db } from '../../store/database.ts';
import { cbsYearPerGemeente, yearOfRegion, type CbsYearPerGemeente } from '../reference/cbsYearPerGemeente.ts';

export type Populations = { years: CbsYearPerGemeente; inwoners: Map<string, number> } | null;

/**
 * Inhabitants per region code from the CBS Kerncijfers loaded by `central reference`, each
 * gemeente and its wijken from that gemeente's own year (the loaded year closest to the period,
 * reference/cbsYearPerGemeente.ts, as the central export chooses it): a Kerncijfers file loaded
 * for some gemeenten only leaves the others their own year. The other gemeenten's reference is
 * the sum of their inhabitants, each of its own year. Null when no CBS figures are loaded at all.
 */
export function loadPopulations(db: Db, periode: string): Populations {
  const years = cbsYearPerGemeente(db, periode);
  if (years.size === 0) return null;
  const rows = db.prepare("SELECT jaar, code, waarde FROM cbs_kenmerk WHERE kenmerk = 'inwoners' AND (code LIKE 'GM%' OR code LIKE 'WK%')").all() as { jaar: number; code: string; waarde: number }[];
  return { years, inwoners: new Map(rows.filter((r) => r.jaar === yearOfRegion(years, r.code)).map((r) => [r.code, r.waarde])) };
}
