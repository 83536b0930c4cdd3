import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { UserError } from '../errors.ts';
import { STORED_COLUMNS, type StoredRecord } from '../import/storedRecord.ts';
import type { ColumnMapping } from '../import/mapping/fields.ts';
import { periodeWithin, parsePeriode, type Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import { createQualityReport } from '../quality/qualityReport.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { createPrivacyScan } from './privacyScan.ts';
import { writeDelivery, type DeliveryResult } from './writeDelivery.ts';

type BatchRow = { id: number; periode: string; bestand: string; profiel: string; rijen_gelezen: number };

/**
 * The batches a delivery for `periode` is built from: per imported period inside it, the latest
 * import (a re-import of a corrected export replaces the earlier one).
 */
function batchesFor(db: Db, periode: Periode): BatchRow[] {
  const rows = db
    .prepare("SELECT id, periode, bestand, profiel, rijen_gelezen FROM import_batch WHERE status = 'klaar' ORDER BY id")
    .all() as BatchRow[];
  const latest = new Map<string, BatchRow>();
  for (const row of rows) if (periodeWithin(parsePeriode(row.periode), periode)) latest.set(row.periode, row);
  return [...latest.values()];
}

const RECORD_CHUNK = 5000;
const KEY = 'client, productcode, begindatum, aanbieder';

/**
 * Stored records of the chosen batches. Within one import every row stays a row; across the
 * quarters of a longer period the same voorziening (client, product, begindatum, aanbieder) is
 * one record whose costs are the sum of its quarters and whose other fields are the latest.
 * The result is put in a temporary table and paged by rowid, so memory stays bounded and the
 * connection is free between pages for other calls.
 */
async function* storedRecords(db: Db, batchIds: readonly number[]): AsyncGenerator<StoredRecord[]> {
  const columns = STORED_COLUMNS.filter((c) => c !== 'kosten').join(', ');
  db.exec('DROP TABLE IF EXISTS temp.levering_records');
  db.prepare(
    `CREATE TEMP TABLE levering_records AS
     WITH numbered AS (
       SELECT v.*, ROW_NUMBER() OVER (PARTITION BY batch_id, ${KEY} ORDER BY id) AS n
       FROM voorziening v WHERE batch_id IN (${batchIds.map(() => '?').join(', ') || 'NULL'})
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

export type StoreDeliveryInput = {
  periode: Periode;
  pseudonymiser: Pseudonymiser;
  gemeente: { code: string; naam: string };
  out: string;
  appVersion: string;
  now: Date;
  ref: ReferenceTables;
  signal?: AbortSignal;
  onProgress?: (delivered: number) => void;
};

/** The app's delivery: from what was imported into the store, with the store's classification. */
export async function deliverFromStore(db: Db, input: StoreDeliveryInput): Promise<DeliveryResult> {
  const batches = batchesFor(db, input.periode);
  if (batches.length === 0) {
    throw new UserError('GEEN_IMPORT', `Er is nog niets ingelezen voor periode ${input.periode.code}. Lees eerst de export(s) van die periode in.`);
  }
  const mapping: ColumnMapping = Object.assign({}, ...batches.map((b) => (JSON.parse(b.profiel) as { kolommen: ColumnMapping }).kolommen));
  const quality = createQualityReport(mapping, input.ref);
  quality.addRowsRead(batches.reduce((sum, b) => sum + b.rijen_gelezen, 0));
  const findings = db.prepare(
    `SELECT b.bestand, f.bron_rij AS rij, f.gegeven, f.kolom, f.controle, f.uitgesloten
     FROM bevinding f JOIN import_batch b ON b.id = f.batch_id WHERE f.batch_id IN (${batches.map(() => '?').join(', ')})`,
  );
  type StoredFinding = Omit<Finding, 'uitgesloten'> & { uitgesloten: number };
  const rows = findings.all(...batches.map((b) => b.id)) as StoredFinding[];
  quality.addFindings(rows.map((f) => ({ ...f, uitgesloten: f.uitgesloten === 1 })));
  return writeDelivery({
    out: input.out,
    gemeente: input.gemeente,
    periode: input.periode,
    fingerprint: input.pseudonymiser.fingerprint,
    appVersion: input.appVersion,
    now: input.now,
    products: listProducts(db),
    areas: listAreas(db),
    records: storedRecords(db, batches.map((b) => b.id)),
    quality,
    privacyScan: createPrivacyScan(),
    signal: input.signal,
    onProgress: input.onProgress,
  });
}
