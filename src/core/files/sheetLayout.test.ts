import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeTableFile } from '../classification/tableFiles.ts';
import { writeOverzichtWorkbook } from '../indicators/overzichtWorkbook.ts';
import { writeQualityWorkbook } from '../quality/qualityWorkbook.ts';
import { columnLetter, filterRange } from './sheetLayout.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'wm-sheets-'));
async function read(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}
const layout = (ws: ExcelJS.Worksheet) => ({ frozen: ws.views[0]?.state, ySplit: (ws.views[0] as { ySplit?: number }).ySplit, filter: ws.autoFilter });

describe('list sheets: frozen header and a filter', () => {
  test('ranges', () => {
    expect([1, 6, 26, 27, 52].map(columnLetter)).toEqual(['A', 'F', 'Z', 'AA', 'AZ']);
    expect(filterRange(4, 3, 10)).toBe('A4:C10');
    expect(filterRange(1, 2, 0)).toBe('A1:B1');
  });

  test('the quality workbook: both sheets, the filter over the lines only', async () => {
    const file = path.join(dir, 'kwaliteit.xlsx');
    const line = { gegeven: 'bsn', controle: 'ongeldig_uitgesloten', aantal: 2, totaal: 10, percentage: 20, toelichting: 'x', ernst: 'uitgesloten' as const, zin: 'BSN: ongeldig, rij uitgesloten' };
    await writeQualityWorkbook(file, 'Datakwaliteit', [line, { ...line, controle: 'vulgraad', ernst: 'vulgraad', zin: 'BSN: ingevuld (vulgraad)' }], [{ bestand: 'export.csv', rij: 3, gegeven: 'bsn', kolom: 'BSN', controle: 'ongeldig_uitgesloten', uitgesloten: true }]);
    const workbook = await read(file);
    const summary = workbook.getWorksheet('Samenvatting')!;
    expect(layout(summary)).toEqual({ frozen: 'frozen', ySplit: 1, filter: 'A1:H3' });
    expect(summary.getRow(1).values).toEqual([undefined, 'Ernst', 'Bevinding', 'Gegeven', 'Controle', 'Aantal', 'Van', 'Percentage', 'Toelichting']);
    expect(summary.getRow(2).getCell(1).value).toBe('Ernstig');
    expect(summary.getRow(2).getCell(2).value).toBe('BSN: ongeldig, rij uitgesloten');
    expect(layout(workbook.getWorksheet('Bevindingen')!)).toEqual({ frozen: 'frozen', ySplit: 1, filter: 'A1:F2' });
  });

  test('an Overzicht table: frozen below its header on row 4, filter down to the total', async () => {
    const file = path.join(dir, 'overzicht.xlsx');
    await writeOverzichtWorkbook(
      file,
      { titel: 'Wijken', kolommen: [{ naam: 'wijk', titel: 'Wijk', soort: 'tekst' }, { naam: 'clienten', titel: 'Cliënten', soort: 'aantal' }], rijen: [{ wijk: 'WK01', clienten: 3 }, { wijk: 'Totaal', clienten: 3, subtotaal: true }] },
      'Maasvoorde',
    );
    expect(layout((await read(file)).worksheets[0]!)).toEqual({ frozen: 'frozen', ySplit: 4, filter: 'A4:B6' });
  });

  test('a vertaaltabel or gebiedsindeling as Excel', async () => {
    const file = path.join(dir, 'gebieden.xlsx');
    await writeTableFile(file, ['postcode', 'wijk', 'wijknaam', 'gebied'], [{ postcode: '1011', wijk: 'WK01', wijknaam: 'Centrum', gebied: '' }]);
    expect(layout((await read(file)).worksheets[0]!)).toEqual({ frozen: 'frozen', ySplit: 1, filter: 'A1:D2' });
  });
});
