import ExcelJS from 'exceljs';
import type { OverzichtTabel, TabelKolom } from '../../shared/api.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../files/sheetLayout.ts';

const FORMATS: Record<TabelKolom['soort'], string | undefined> = { tekst: undefined, aantal: '#,##0', getal: '#,##0.0', euro: '€ #,##0.00', procent: '0.0%' };

/**
 * A benchmark table as a workbook. Its first line says which view it is: the internal one is
 * marked INTERN (also in its sheet's name), the published one names its disclosure control;
 * a suppressed cell holds the word, never a number.
 */
export async function writeBenchmarkWorkbook(file: string, table: OverzichtTabel, intern: boolean): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Wijkmonitor';
    const sheet = workbook.addWorksheet(intern ? 'Intern' : 'Benchmark');
    const banner = intern
      ? 'INTERN — niet onderdrukte cijfers van alle actuele leveringen, alleen voor de analist. Niet publiceren.'
      : 'Zoals gepubliceerd: gemeenten met akkoord, kleine aantallen onderdrukt (onthullingscontrole).';
    sheet.addRow([banner]).font = { bold: true, color: { argb: intern ? 'FFB00020' : 'FF1B5E20' } };
    sheet.addRow([table.titel]).font = { bold: true };
    sheet.addRow([]);
    const header = sheet.addRow(table.kolommen.map((k) => k.titel));
    header.font = { bold: true };
    table.kolommen.forEach((k, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = k.soort === 'tekst' ? 32 : 16;
      const format = FORMATS[k.soort];
      if (format) column.numFmt = format;
    });
    for (const row of table.rijen) {
      const added = sheet.addRow(table.kolommen.map((k) => row[k.naam] ?? null));
      if (row.subtotaal) added.font = { bold: true };
    }
    sheet.views = frozenHeader(header.number);
    sheet.autoFilter = filterRange(header.number, table.kolommen.length, sheet.rowCount);
    await workbook.xlsx.writeFile(temp);
  });
}
