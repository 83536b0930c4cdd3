import type { FindingSortColumn } from '../../shared/api.ts';
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

export const FINDING_SORT_COLUMNS = ['bestand', 'rij', 'kolom', 'uitgesloten'] as const satisfies readonly FindingSortColumn[];

// Only these expressions ever reach ORDER BY: the page names a column, never SQL.
const SORT_SQL: Record<FindingSortColumn, string> = { bestand: 'b.bestand', rij: 'f.bron_rij', kolom: 'f.kolom', uitgesloten: 'f.uitgesloten' };

export type FindingsPage = {
  offset: number;
  limit: number;
  sort: readonly { kolom: FindingSortColumn; richting: 'asc' | 'desc' }[];
};

/**
 * One page of the findings behind a line of the report, and how many there are in all. The
 * order always ends in the export's own order (batch, row, id), so pages never overlap or skip
 * rows when many share a sorted value; unsorted, that order walks the index without sorting.
 */
export function storeFindingsPage(db: Db, batches: readonly BatchRow[], gegeven: string, controle: string, page: FindingsPage): { rijen: Finding[]; totaal: number } {
  const params = [...batches.map((b) => b.id), gegeven, controle];
  const { count, rows } = findingsPageSql(batches.length, page.sort);
  const totaal = db.prepare(count).pluck().get(...params) as number;
  const found = db.prepare(rows).all(...params, page.limit, page.offset) as StoredFinding[];
  return { rijen: found.map((f) => ({ ...f, uitgesloten: f.uitgesloten === 1 })), totaal };
}

/** The two statements behind a page, apart so a test can ask SQLite how it runs them. */
export function findingsPageSql(batchCount: number, sort: FindingsPage['sort']): { count: string; rows: string } {
  const where = `f.batch_id IN (${Array.from({ length: batchCount }, () => '?').join(', ') || 'NULL'}) AND f.gegeven = ? AND f.controle = ?`;
  const order = [...sort.map((s) => `${SORT_SQL[s.kolom]} ${s.richting === 'desc' ? 'DESC' : 'ASC'}`), 'f.batch_id', 'f.bron_rij', 'f.id'].join(', ');
  return {
    count: `SELECT count(*) FROM bevinding f WHERE ${where}`,
    rows: `SELECT b.bestand, f.bron_rij AS rij, f.gegeven, f.kolom, f.controle, f.uitgesloten
       FROM bevinding f JOIN import_batch b ON b.id = f.batch_id
       WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
  };
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
