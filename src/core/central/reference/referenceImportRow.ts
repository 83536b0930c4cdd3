import type { Db } from '../../store/database.ts';

export type ReferenceSoort = 'cbs_kwb' | 'cbs_bevolking' | 'cbs_pc6' | 'bron' | 'geojson';

/** What one reference data set is: importing the same key again replaces it. */
export type ReferenceKey = { soort: ReferenceSoort; jaar: number | null; bron: string; periode: string };

export type ReferenceImportMeta = ReferenceKey & { bestand: string; sha256: string; rijen: number; ingelezen: string };

export type Replaced = { bestand: string; ingelezen: string } | null;

/**
 * Deletes the earlier data set under the same key (its rows go with it: ON DELETE CASCADE) and
 * registers the new one. Must run inside the caller's transaction, so the old data only
 * disappears when the new data is in.
 */
export function replaceReferenceImport(db: Db, meta: ReferenceImportMeta): { id: number; vervangt: Replaced } {
  const previous = db
    .prepare('SELECT id, bestand, ingelezen FROM referentie_import WHERE soort = ? AND COALESCE(jaar, -1) = COALESCE(?, -1) AND bron = ? AND periode = ?')
    .get(meta.soort, meta.jaar, meta.bron, meta.periode) as { id: number; bestand: string; ingelezen: string } | undefined;
  if (previous) db.prepare('DELETE FROM referentie_import WHERE id = ?').run(previous.id);
  const id = db
    .prepare('INSERT INTO referentie_import (soort, jaar, bron, periode, bestand, sha256, rijen, ingelezen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(meta.soort, meta.jaar, meta.bron, meta.periode, meta.bestand, meta.sha256, meta.rijen, meta.ingelezen).lastInsertRowid as number;
  return { id, vervangt: previous ? { bestand: previous.bestand, ingelezen: previous.ingelezen } : null };
}
