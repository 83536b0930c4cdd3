import ExcelJS from 'exceljs';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../files/sheetLayout.ts';
import type { PackChart } from './packCharts.ts';
import { SUPPRESSED_MARK, SUPPRESSED_NOTE, type Cell, type PackTable, type Unit } from './packTables.ts';

/*
 * The Excel pack: a contents sheet, one sheet per table, the charts as images. Number formats are
 * Excel's own codes, which Excel shows in the user's locale (1.234,5 in nl-NL).
 */

const FORMATS: Record<Unit, string | undefined> = { tekst: undefined, aantal: '#,##0', euro: '€ #,##0.00', getal: '#,##0.00', ratio: '0.0' };
const HEADER_ROW = 3;
const MAX_WIDTH = 60;

const shown = (c: Cell): string | number | null => (c !== null && typeof c === 'object' ? SUPPRESSED_MARK : c);

function widthOf(value: string | number | null, unit: Unit): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value.toLocaleString('nl-NL', { maximumFractionDigits: unit === 'aantal' ? 0 : 2 }).length + (unit === 'euro' ? 3 : 1);
  return value.length;
}

function tableSheet(workbook: ExcelJS.Workbook, table: PackTable, charts: readonly PackChart[]): void {
  const ws = workbook.addWorksheet(table.sheet, { views: frozenHeader(HEADER_ROW) });
  ws.addRow([table.titel]).font = { bold: true, size: 13 };
  ws.addRow([table.uitleg]);
  const header = ws.addRow(table.kolommen.map((k) => k.kop));
  header.font = { bold: true };
  const widths = table.kolommen.map((k) => k.kop.length);
  let suppressed = false;
  for (const row of table.rijen) {
    const values = row.map(shown);
    const added = ws.addRow(values);
    values.forEach((v, i) => {
      const unit = table.kolommen[i]!.soort;
      widths[i] = Math.max(widths[i]!, widthOf(v, unit));
      const cell = added.getCell(i + 1);
      if (v === SUPPRESSED_MARK) {
        suppressed = true;
        cell.alignment = { horizontal: 'right' };
      } else if (typeof v === 'number' && FORMATS[unit]) cell.numFmt = FORMATS[unit]!;
    });
  }
  ws.autoFilter = filterRange(HEADER_ROW, table.kolommen.length, ws.rowCount);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(MAX_WIDTH, w + 2)));
  ws.addRow([]);
  if (suppressed) ws.addRow([SUPPRESSED_NOTE]).font = { italic: true };
  for (const chart of charts) {
    const image = workbook.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' });
    const top = ws.rowCount + 1;
    ws.addImage(image, { tl: { col: 0, row: top }, ext: { width: 720, height: 336 } });
    for (let i = 0; i < 19; i++) ws.addRow([]);
  }
}

export async function writePackWorkbook(file: string, options: { titel: string; inhoud: [string, string][]; tables: readonly PackTable[]; charts: readonly PackChart[] }): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wijkmonitor';
  const contents = workbook.addWorksheet('Inhoud');
  contents.addRow([options.titel]).font = { bold: true, size: 14 };
  contents.addRow([]);
  for (const [k, v] of options.inhoud) {
    const row = contents.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  contents.getColumn(1).width = 22;
  contents.getColumn(2).width = 100;
  for (const table of options.tables) tableSheet(workbook, table, options.charts.filter((c) => c.sheet === table.sheet));
  await withAtomicFile(file, async (temp) => {
    await workbook.xlsx.writeFile(temp);
  });
}
