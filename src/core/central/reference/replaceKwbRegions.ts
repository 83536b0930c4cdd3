import type { Db } from '../../store/database.ts';
import type { KwbFile } from './cbsKwb.ts';
import type { ReferenceImportMeta } from './referenceImportRow.ts';

/** An earlier Kerncijfers file of the same year that loses regions to the new one. */
export type KwbReplaced = { bestand: string; ingelezen: string; gemeenten: string[]; land: boolean; verwijderd: boolean };

/** `toegevoegd`: gemeenten the year had from no earlier file; `eerder`: whether the year had files before. */
export type KwbReplacement = { id: number; vervangt: KwbReplaced[]; toegevoegd: string[]; eerder: boolean };

/** The gemeenten a file holds regions of (its gemeente, wijk and buurt rows), and whether it has a Nederland row. */
export function kwbCoverage(kwb: KwbFile): { gemeenten: string[]; land: boolean } {
  const gemeenten = [...new Set(kwb.regions.flatMap((r) => (r.gemeente === null ? [] : [r.gemeente])))].sort();
  return { gemeenten, land: kwb.regions.some((r) => r.soort === 'land') };
}

/**
 * Registers a Kerncijfers file of a year and removes, for that year, the regions of the gemeenten
 * it contains (and the Nederland row when it has one) from the files imported before; their other
 * gemeenten stay, under their own import row. An earlier file left without regions is removed.
 * Must run inside the caller's transaction, so old figures only go when the new ones are in.
 */
export function replaceKwbRegions(db: Db, meta: ReferenceImportMeta & { jaar: number }, coverage: { gemeenten: readonly string[]; land: boolean }): KwbReplacement {
  const previous = db
    .prepare("SELECT id, bestand, ingelezen FROM referentie_import WHERE soort = 'cbs_kwb' AND jaar = ? ORDER BY id")
    .all(meta.jaar) as { id: number; bestand: string; ingelezen: string }[];
  const wanted = new Set(coverage.gemeenten);
  const heldBy = db.prepare('SELECT DISTINCT gemeente FROM cbs_regio WHERE import_id = ? AND gemeente IS NOT NULL').pluck();
  const landOf = db.prepare("SELECT 1 FROM cbs_regio WHERE import_id = ? AND soort = 'land' LIMIT 1").pluck();
  const removeGemeente = db.prepare('DELETE FROM cbs_regio WHERE import_id = ? AND gemeente = ?');
  const removeLand = db.prepare("DELETE FROM cbs_regio WHERE import_id = ? AND soort = 'land'");
  const remaining = db.prepare('SELECT 1 FROM cbs_regio WHERE import_id = ? LIMIT 1').pluck();
  const removeImport = db.prepare('DELETE FROM referentie_import WHERE id = ?');

  // Registered before the earlier rows go, so its id is never one just freed: caches keyed on the latest import id see the change.
  const id = db
    .prepare('INSERT INTO referentie_import (soort, jaar, bron, periode, bestand, sha256, rijen, ingelezen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(meta.soort, meta.jaar, meta.bron, meta.periode, meta.bestand, meta.sha256, meta.rijen, meta.ingelezen).lastInsertRowid as number;

  const vervangt: KwbReplaced[] = [];
  const present = new Set<string>();
  for (const p of previous) {
    const held = heldBy.all(p.id) as string[];
    for (const g of held) present.add(g);
    const gemeenten = held.filter((g) => wanted.has(g)).sort();
    const land = coverage.land && landOf.get(p.id) !== undefined;
    if (gemeenten.length === 0 && !land) continue;
    // The wijk and buurt rows carry their gemeente too, so this takes the whole gemeente; cbs_kenmerk follows by cascade.
    for (const g of gemeenten) removeGemeente.run(p.id, g);
    if (land) removeLand.run(p.id);
    const verwijderd = remaining.get(p.id) === undefined;
    if (verwijderd) removeImport.run(p.id);
    vervangt.push({ bestand: p.bestand, ingelezen: p.ingelezen, gemeenten, land, verwijderd });
  }
  return { id, vervangt, toegevoegd: coverage.gemeenten.filter((g) => !present.has(g)), eerder: previous.length > 0 };
}
