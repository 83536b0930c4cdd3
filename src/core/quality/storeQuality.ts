import { createAreaLookup } from '../classification/areaTable.ts';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import type { ColumnMapping } from '../import/mapping/fields.ts';
import { storedRecords, type BatchRow } from '../import/storedBatches.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import type { Finding } from './finding.ts';
import { createQualityReport, type QualityReport } from './qualityReport.ts';

type StoredFinding = Omit<Finding, 'uitgesloten'> & { uitgesloten: number };

const inList = (batches: readonly BatchRow[]) => batches.map(() => '?').join(', ') || 'NULL';

/** A quality report over imported batches, with their import-time findings already counted. */
export function storeQualityWithFindings(db: Db, batches: readonly BatchRow[], ref: ReferenceTables): QualityReport {
  const mapping: ColumnMapping = Object.assign({}, ...batches.map((b) => (JSON.parse(b.profiel) as { kolommen: ColumnMapping }).kolommen));
  const quality = createQualityReport(mapping, ref);
  quality.addRowsRead(batches.reduce((sum, b) => sum + b.rijen_gelezen, 0));
  const rows = db
    .prepare(
      `SELECT b.bestand, f.bron_rij AS rij, f.gegeven, f.kolom, f.controle, f.uitgesloten
       FROM bevinding f JOIN import_batch b ON b.id = f.batch_id WHERE f.batch_id IN (${inList(batches)})`,
    )
    .all(...batches.map((b) => b.id)) as StoredFinding[];
  quality.addFindings(rows.map((f) => ({ ...f, uitgesloten: f.uitgesloten === 1 })));
  return quality;
}

/** The full report for the Kwaliteit screen: findings plus fill rates under the current tables. */
export async function storeQualityReport(db: Db, batches: readonly BatchRow[], ref: ReferenceTables) {
  const quality = storeQualityWithFindings(db, batches, ref);
  const products = new Map(listProducts(db).map((p) => [p.productcode, p]));
  const area = createAreaLookup(listAreas(db));
  for await (const records of storedRecords(db, batches.map((b) => b.id))) {
    for (const record of records) quality.addRecord(record, products.get(record.productcode), area(record.pc4, record.pc6) !== null);
  }
  return { rows: quality.rows(), summary: quality.summary() };
}

/** The findings behind one line of the report, by file and row (never the value itself). */
export function storeFindings(db: Db, batches: readonly BatchRow[], gegeven: string, controle: string, limit: number): Finding[] {
  const rows = db
    .prepare(
      `SELECT b.bestand, f.bron_rij AS rij, f.gegeven, f.kolom, f.controle, f.uitgesloten
       FROM bevinding f JOIN import_batch b ON b.id = f.batch_id
       WHERE f.batch_id IN (${inList(batches)}) AND f.gegeven = ? AND f.controle = ? ORDER BY b.id, f.bron_rij LIMIT ?`,
    )
    .all(...batches.map((b) => b.id), gegeven, controle, limit) as StoredFinding[];
  return rows.map((f) => ({ ...f, uitgesloten: f.uitgesloten === 1 }));
}
