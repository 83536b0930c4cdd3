import { createAanbiederKeys } from '../delivery/aanbiederKey.ts';
import { STORED_COLUMNS, type StoredRecord } from './storedRecord.ts';
import { parsePeriode, periodeWithin, type Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';

export type BatchRow = { id: number; periode: string; bestand: string; profiel: string; rijen_gelezen: number };

/**
 * The batches a delivery for `periode` is built from: every import of a period inside it, where
 * a later import of a file with the same name for the same period (a corrected export) replaces
 * the earlier one. Different exports of one quarter (a Wmo and a Jeugd system) all count.
 */
export function batchesFor(db: Db, periode: Periode): BatchRow[] {
  const rows = db
    .prepare("SELECT id, periode, bestand, profiel, rijen_gelezen FROM import_batch WHERE status = 'klaar' ORDER BY id")
    .all() as BatchRow[];
  const latest = new Map<string, BatchRow>();
  for (const row of rows) if (periodeWithin(parsePeriode(row.periode), periode)) latest.set(`${row.periode}|${row.bestand}`, row);
  return [...latest.values()];
}

const RECORD_CHUNK = 5000;
// aanbieder_key: the AGB code, or without one the normalised name (delivery/aanbiederKey.ts), so
// two named providers of one client, product and begindatum stay two voorzieningen.
const KEY = 'client, productcode, begindatum, aanbieder_key';

/**
 * Stored records of the chosen batches. Within one import every row stays a row; across the
 * quarters of a longer period the same voorziening (client, product, begindatum, aanbieder) is
 * one record whose costs are the sum of its quarters and whose other fields are the latest.
 * The result is put in a temporary table and paged by rowid, so memory stays bounded and the
 * connection is free between pages for other calls.
 */
export async function* storedRecords(db: Db, batchIds: readonly number[]): AsyncGenerator<StoredRecord[]> {
  const columns = STORED_COLUMNS.filter((c) => c !== 'kosten').join(', ');
  db.exec('DROP TABLE IF EXISTS temp.levering_records');
  const keys = createAanbiederKeys();
  db.function('wm_aanbieder_key', { deterministic: true }, (agb, naam) => keys(agb as string | null, naam as string | null));
  db.prepare(
    `CREATE TEMP TABLE levering_records AS
     WITH keyed AS MATERIALIZED (
       SELECT v.*, wm_aanbieder_key(aanbieder, aanbieder_naam) AS aanbieder_key
       FROM voorziening v WHERE batch_id IN (${batchIds.map(() => '?').join(', ') || 'NULL'})
     ), numbered AS (
       SELECT keyed.*, ROW_NUMBER() OVER (PARTITION BY batch_id, ${KEY} ORDER BY id) AS n FROM keyed
     ), ranked AS (
       SELECT numbered.*,
         MIN(id) OVER (PARTITION BY ${KEY}, n) AS first_id,
         SUM(kosten) OVER (PARTITION BY ${KEY}, n) AS total,
         ROW_NUMBER() OVER (PARTITION BY ${KEY}, n ORDER BY batch_id DESC, id DESC) AS recency
       FROM numbered
     )
     SELECT ${columns}, total AS kosten FROM ranked WHERE recency = 1 ORDER BY first_id`,
  ).run(...batchIds);
  const page = db.prepare(`SELECT rowid AS _rowid, ${STORED_COLUMNS.join(', ')} FROM temp.levering_records WHERE rowid > ? ORDER BY rowid LIMIT ${RECORD_CHUNK}`);
  try {
    let after = 0;
    for (;;) {
      const rows = page.all(after) as (StoredRecord & { _rowid: number })[];
      if (rows.length === 0) return;
      after = rows.at(-1)!._rowid;
      yield rows.map(({ _rowid, ...record }) => record);
    }
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.levering_records');
  }
}

