import ExcelJS from 'exceljs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { detectSettings, readRows } from '../import/readers/index.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { createPrivacyScan, scanTable } from '../delivery/privacyScan.ts';
import { withAtomicFile, writeFileAtomic } from '../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../files/sheetLayout.ts';
import { AREA_COLUMNS, validateAreaRows, type AreaRow } from './areaTable.ts';
import { normaliseLabel } from './normaliseLabel.ts';
import { PRODUCT_COLUMNS, validateProductRows, type ProductRow, type TableLine } from './productTable.ts';

/**
 * Reads an interchange table (CSV with `;` or `,`, UTF-8 or Windows-1252, or the first sheet of
 * an .xlsx) into lines keyed by the expected column names. Headers are compared loosely
 * (`Productcode` = `productcode`); a missing required column is named in the error.
 */
export async function readTableFile(file: string, columns: readonly string[], required: readonly string[]): Promise<TableLine[]> {
  const label = path.basename(file);
  const { settings } = await detectSettings(file);
  const reader = readRows(file, settings);
  const headers = await reader.headers;
  const index = new Map<string, number>();
  headers.forEach((header, i) => {
    const name = normaliseLabel(header).replace(/ /g, '_');
    if (columns.includes(name) && !index.has(name)) index.set(name, i);
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    await reader.close();
    throw new UserError('KOLOMMEN_ONTBREKEN', `${label}: kolom ${missing.join(', ')} ontbreekt (verwacht: ${columns.join(';')}).`, { file: label });
  }
  const lines: TableLine[] = [];
  for await (const batch of reader.batches) {
    for (const { row, cells } of batch) {
      const values: Record<string, string> = {};
      for (const [name, i] of index) {
        const cell = cells[i];
        values[name] = cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      }
      lines.push({ row, values });
    }
  }
  return lines;
}

export async function readProductFile(file: string, ref: ReferenceTables): Promise<ProductRow[]> {
  const lines = await readTableFile(file, PRODUCT_COLUMNS, ['productcode', 'pijler', 'voorziening', 'leefdomein']);
  return validateProductRows(lines, path.basename(file), ref);
}

export async function readAreaFile(file: string): Promise<AreaRow[]> {
  const lines = await readTableFile(file, AREA_COLUMNS, ['postcode', 'wijk']);
  // Without rows every client's wijk would silently become "onbekend".
  if (lines.length === 0) {
    throw new UserError(
      'GEBIEDSTABEL_LEEG',
      `De gebiedsindeling '${path.basename(file)}' bevat geen rijen, alleen een kopregel: dan ligt elke cliënt in wijk "onbekend". ` +
        'Vul de tabel aan (per regel een postcode en een wijk) en probeer het opnieuw.',
      { file: path.basename(file) },
    );
  }
  return validateAreaRows(lines, path.basename(file));
}

/**
 * Writes a table as `;` CSV (UTF-8 with BOM) or, for `.xlsx`, as one sheet of text cells — after
 * the privacy scan of every cell (with the BSNs of the exports it was made from, where known):
 * a table is often mailed around, so it is refused like a delivery.
 */
export async function writeTableFile(file: string, columns: readonly string[], rows: readonly Record<string, string>[], inputBsns?: ReadonlySet<number>): Promise<void> {
  const values = rows.map((r) => columns.map((c) => r[c] ?? ''));
  scanTable(createPrivacyScan(inputBsns, 'Tabel niet geschreven'), path.basename(file), columns, values);
  if (path.extname(file).toLowerCase() !== '.xlsx') {
    writeFileAtomic(file, UTF8_BOM + csvChunk([columns, ...values]));
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(path.basename(file, '.xlsx').slice(0, 31) || 'Tabel', { views: frozenHeader(1) });
  sheet.addRow([...columns]).font = { bold: true };
  // Text cells: codes such as 01A01 or postcode 1011 must not become numbers in Excel.
  for (const row of values) sheet.addRow(row).eachCell((cell) => (cell.numFmt = '@'));
  sheet.columns.forEach((column) => (column.width = 18));
  sheet.autoFilter = filterRange(1, columns.length, values.length + 1);
  await withAtomicFile(file, (temp) => workbook.xlsx.writeFile(temp));
}
