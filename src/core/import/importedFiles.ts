import type { ImportedFile } from '../../shared/api.ts';
import { recordAction } from '../audit/auditLog.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';

type BatchListRow = { id: number; periode: string; bestand: string; profiel: string; ingelezen: string; rijen_gelezen: number; rijen_ingelezen: number; rijen_uitgesloten: number };

/** The exports read into the store, newest period first and within a period in the order they were read. */
export function listImportedFiles(db: Db): ImportedFile[] {
  const rows = db
    .prepare("SELECT id, periode, bestand, profiel, ingelezen, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten FROM import_batch WHERE status = 'klaar' ORDER BY periode DESC, id")
    .all() as BatchListRow[];
  return rows.map((r) => ({
    id: r.id,
    periode: r.periode,
    bestand: r.bestand,
    profiel: profileName(r.profiel),
    ingelezen: r.ingelezen,
    rijenGelezen: r.rijen_gelezen,
    rijenIngelezen: r.rijen_ingelezen,
    rijenUitgesloten: r.rijen_uitgesloten,
  }));
}

function profileName(stored: string): string {
  try {
    const naam = (JSON.parse(stored) as { naam?: unknown }).naam;
    return typeof naam === 'string' ? naam : '';
  } catch {
    return '';
  }
}

/**
 * Removes one import with its records and findings (the foreign keys cascade) and logs it, in one
 * transaction: afterwards the store is as if the file was never read, so it can be read again.
 */
export function removeImportedFile(db: Db, id: number, at = new Date()): ImportedFile {
  const remove = db.transaction(() => {
    const file = listImportedFiles(db).find((f) => f.id === id);
    if (!file) throw new UserError('IMPORT_ONBEKEND', 'Dit ingelezen bestand bestaat niet (meer). Vernieuw de lijst en probeer het opnieuw.');
    db.prepare('DELETE FROM import_batch WHERE id = ?').run(id);
    recordAction(db, 'export verwijderd', { bestand: file.bestand, periode: file.periode, rijen: file.rijenIngelezen }, at);
    return file;
  });
  return remove.immediate();
}
