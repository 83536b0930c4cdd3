import type { Db } from '../../store/database.ts';
import type { SourceDataSet } from './aggregatedSources.ts';

/** Runs inside the caller's transaction. */
export function storeSourceDataSet(db: Db, importId: number, set: SourceDataSet): void {
  const insert = db.prepare('INSERT INTO bron_cijfer (import_id, periode, gebied, bron, indicator, waarde) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of set.figures) insert.run(importId, f.periode, f.gebied, f.bron, f.indicator, f.waarde);
}
