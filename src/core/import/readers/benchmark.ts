/**
 * Measures the readers (not part of the test suite):
 *   node src/core/import/readers/benchmark.ts [csvRows=1000000] [xlsxRows=20000]
 * Writes synthetic exports to the OS temp folder, reads them with readRows and prints rows/s,
 * the peak heap growth and the peak resident set size.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readRows } from './index.ts';
import type { ReaderSettings } from './types.ts';

const csvRows = Number(process.argv[2] ?? 1_000_000);
const xlsxRows = Number(process.argv[3] ?? 20_000);
const dir = mkdtempSync(path.join(tmpdir(), 'wm-bench-'));

const HEADER = [
  'BSN', 'Achternaam', 'Voorletters', 'Straat', 'Huisnummer', 'Postcode', 'Woonplaats', 'Geboortedatum', 'Geslacht', 'Productcode',
  'Product', 'Startdatum', 'Einddatum', 'Eenheid', 'Volume', 'Bedrag', 'Aanbieder', 'Wijk', 'Beschikkingsnummer', 'Opmerking',
];

function fields(i: number): (string | number)[] {
  return [
    `${999000000 + i}`, `Achternaam${i % 9973}`, 'J.P.', `Straatweg${i % 301}`, `${1 + (i % 180)}`, `${1000 + (i % 8999)}AB`, `Plaats${i % 41}`,
    `${1 + (i % 28)}-${1 + (i % 12)}-19${40 + (i % 60)}`, i % 2 ? 'M' : 'V', `0${i % 9}A0${i % 7}`, `Product ${i % 57}`, '01-07-2026', i % 3 ? '' : '30-09-2026',
    'uur', `${i % 40}`, `${i % 1000},${i % 100}`, `Aanbieder ${i % 211}`, `WK0${i % 89}`, `B${2026000000 + i}`, i % 10 ? '' : 'nb',
  ];
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('Overzicht voorzieningen 2026 Q3\r\n\r\n' + HEADER.join(';') + '\r\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    buffer += fields(i).join(';') + '\r\n';
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise<void>((resolve) => out.end(resolve));
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Export');
  sheet.addRow(['Overzicht voorzieningen 2026 Q3']).commit();
  sheet.addRow([]).commit();
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const values = fields(i);
    values[0] = 999000000 + i;
    const row = sheet.addRow(values);
    row.getCell(12).value = new Date(Date.UTC(2026, 6, 1));
    row.getCell(12).numFmt = 'dd-mm-yyyy';
    row.commit();
  }
  await sheet.commit();
  await workbook.commit();
}

async function measure(label: string, file: string, settings: ReaderSettings): Promise<void> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let rssPeak = process.memoryUsage().rss;
  let count = 0;
  const started = performance.now();
  const reader = readRows(file, settings);
  for await (const batch of reader.batches) {
    count += batch.length;
    const memory = process.memoryUsage();
    heapPeak = Math.max(heapPeak, memory.heapUsed);
    rssPeak = Math.max(rssPeak, memory.rss);
  }
  const seconds = (performance.now() - started) / 1000;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  console.log(
    `${label}: ${count} rows, ${mb(statSync(file).size)} file, ${seconds.toFixed(2)} s, ${Math.round(count / seconds).toLocaleString('en')} rows/s, ` +
      `heap growth peak ${mb(heapPeak - heapBefore)}, rss peak ${mb(rssPeak)}`,
  );
}

try {
  const csv = path.join(dir, 'export.csv');
  await writeCsv(csv, csvRows);
  await measure(`CSV ${HEADER.length} columns`, csv, { format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 3 });
  const xlsx = path.join(dir, 'export.xlsx');
  await writeXlsx(xlsx, xlsxRows);
  await measure(`XLSX ${HEADER.length} columns`, xlsx, { format: 'xlsx', sheet: 'Export', headerRow: 3 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
