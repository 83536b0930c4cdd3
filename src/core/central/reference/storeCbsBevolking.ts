import type { Db } from '../../store/database.ts';
import type { BevolkingDataSet } from './cbsBevolking.ts';

export type BevolkingMeta = { jaar: number; bestand: string; sha256: string; rijen: number; ingelezen: string };

/** What a 03759ned data set replaced: per earlier file of the year the gemeenten it no longer provides. */
export type BevolkingReplacement = { id: number; vervangt: { bestand: string; ingelezen: string; gemeenten: string[]; verwijderd: boolean }[]; toegevoegd: string[]; eerder: boolean };

/**
 * Registers one year of a 03759ned file and removes, in that year, the rows of the gemeenten it
 * contains; an earlier import left without rows is removed. Runs inside the caller's transaction,
 * so the old rows go only when the new ones are in.
 */
export function replaceBevolkingGemeenten(db: Db, meta: BevolkingMeta, gemeenten: readonly string[]): BevolkingReplacement {
  const earlier = db.prepare('SELECT id, bestand, ingelezen FROM cbs_bevolking_import WHERE jaar = ? ORDER BY id').all(meta.jaar) as { id: number; bestand: string; ingelezen: string }[];
  const inFile = new Set(gemeenten);
  const vervangt: BevolkingReplacement['vervangt'] = [];
  const had = new Set<string>();
  for (const e of earlier) {
    const own = db.prepare('SELECT DISTINCT gemeente FROM cbs_bevolking WHERE import_id = ? ORDER BY gemeente').pluck().all(e.id) as string[];
    own.forEach((g) => had.add(g));
    const replaced = own.filter((g) => inFile.has(g));
    if (replaced.length === 0) continue;
    const remove = db.prepare('DELETE FROM cbs_bevolking WHERE import_id = ? AND gemeente = ?');
    for (const g of replaced) remove.run(e.id, g);
    const verwijderd = replaced.length === own.length;
    if (verwijderd) db.prepare('DELETE FROM cbs_bevolking_import WHERE id = ?').run(e.id);
    vervangt.push({ bestand: e.bestand, ingelezen: e.ingelezen, gemeenten: replaced, verwijderd });
  }
  const id = Number(
    db.prepare('INSERT INTO cbs_bevolking_import (jaar, bestand, sha256, rijen, ingelezen) VALUES (?, ?, ?, ?, ?)').run(meta.jaar, meta.bestand, meta.sha256, meta.rijen, meta.ingelezen).lastInsertRowid,
  );
  return { id, vervangt, toegevoegd: gemeenten.filter((g) => !had.has(g)), eerder: earlier.length > 0 };
}

/** Runs inside the caller's transaction. */
export function storeCbsBevolking(db: Db, importId: number, set: BevolkingDataSet): void {
  const insert = db.prepare('INSERT INTO cbs_bevolking (import_id, jaar, gemeente, geslacht, van, tot, aantal) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const c of set.cells) insert.run(importId, set.jaar, c.gemeente, c.geslacht, c.van, c.tot, c.aantal);
}
