import type { Db } from '../../store/database.ts';
import type { KwbFile } from './cbsKwb.ts';

/** Writes a read KWB file under its import row; runs inside the caller's transaction. */
export function storeCbsKwb(db: Db, importId: number, kwb: KwbFile): void {
  const jaar = kwb.jaar.jaar;
  const region = db.prepare('INSERT INTO cbs_regio (import_id, jaar, code, soort, naam, gemeente) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of kwb.regions) region.run(importId, jaar, r.code, r.soort, r.naam, r.gemeente);
  const value = db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (?, ?, ?, ?)');
  for (const v of kwb.values) value.run(jaar, v.code, v.kenmerk, v.waarde);
}
