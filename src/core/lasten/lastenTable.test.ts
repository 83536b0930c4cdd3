import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../testing/tempDir.ts';
import { readLastenFile, writeLastenFile } from './lastenTable.ts';

describe('the lasten table as a file', () => {
  const rows = [
    { periode: '2026Q3', productcode: 'SUB1', aanbieder: '', kosten: 12_500 },
    { periode: '2026Q3', productcode: 'SUB2', aanbieder: '12345678', kosten: 800.25 },
  ];

  test.each(['lasten.csv', 'lasten.xlsx'])('a round trip through %s', async (name) => {
    const file = path.join(tempDir(), name);
    await writeLastenFile(file, rows);
    expect(await readLastenFile(file)).toEqual(rows);
  });

  test('the first sheet of a workbook made in Excel: numbers as numbers, a period in words', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lasten 2026');
    sheet.addRows([
      ['Periode', 'Productcode', 'Aanbieder', 'Kosten'],
      ['3e kwartaal 2026', 'SUB1', null, 12500],
      ['2026Q3', 'SUB2', 12345678, 800.25],
    ]);
    workbook.addWorksheet('Toelichting').addRow(['niet gelezen']);
    const file = path.join(tempDir(), 'lasten-excel.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await readLastenFile(file)).toEqual(rows);
  });

  test('a wrong workbook cell is named by file, row and column', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Blad1').addRows([
      ['periode', 'productcode', 'aanbieder', 'kosten'],
      ['2026Q3', 'SUB1', null, 'veel'],
    ]);
    const file = path.join(tempDir(), 'fout.xlsx');
    await workbook.xlsx.writeFile(file);
    await expect(readLastenFile(file)).rejects.toThrow("Lasten fout.xlsx: rij 2, kolom kosten: 'veel' is geen bedrag van 0 of meer.");
  });
});
