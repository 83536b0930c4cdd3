import type { Db } from '../../store/database.ts';

/**
 * The analyst's value of one threshold (catalogue migration 7), or null while it has its
 * default. Kept apart from thresholds.ts so the modules that apply a threshold read it without
 * importing the list of all of them.
 */
export function storedThreshold(db: Db, code: string): number | null {
  const row = db.prepare('SELECT waarde FROM analist_drempel WHERE code = ?').get(code) as { waarde: number } | undefined;
  return row?.waarde ?? null;
}
