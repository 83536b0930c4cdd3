import ExcelJS from 'exceljs';
import type { OverzichtTabel, TabelKolom } from '../../shared/api.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../files/sheetLayout.ts';

const FORMATS: Record<TabelKolom['soort'], string | undefined> = {
  tekst: undefined,
  aantal: '#,##0',
  getal: '#,##0.0',
  euro: '€ #,##0.00',
  procent: '0.0%',
};

/** What sets one table workbook apart: its sheet, the warning line above it and the title. */
export type TableWorkbookHead = { sheet: string; banner: string; bannerColor: string; titel: string; textWidth: number };

/**
 * A table (the screen's OverzichtTabel) as a one-sheet workbook under a warning line that says
 * what the figures are; number formats are Excel's own, which a Dutch Excel shows as 1.234,56.
 */
export async function writeTableWorkbook(file: string, table: OverzichtTabel, head: TableWorkbookHead): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Wijkmonitor';
    const sheet = workbook.addWorksheet(head.sheet);
    sheet.addRow([head.banner]).font = { bold: true, color: { argb: head.bannerColor } };
    sheet.addRow([head.titel]).font = { bold: true };
    sheet.addRow([]);
    const header = sheet.addRow(table.kolommen.map((k) => k.titel));
    header.font = { bold: true };
    table.kolommen.forEach((k, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = k.soort === 'tekst' ? head.textWidth : 16;
      const format = FORMATS[k.soort];
      if (format) column.numFmt = format;
    });
    for (const row of table.rijen) {
      const added = sheet.addRow(table.kolommen.map((k) => row[k.naam] ?? null));
      if (row.subtotaal) added.font = { bold: true };
    }
    // The warning line and the title stay in view above the header, with the header itself.
    sheet.views = frozenHeader(header.number);
    sheet.autoFilter = filterRange(header.number, table.kolommen.length, sheet.rowCount);
    // Below the rows, so the header keeps its place whatever a table signals.
    if (table.meldingen && table.meldingen.length > 0) {
      sheet.addRow([]);
      sheet.addRow(['Signalen']).font = { bold: true };
      for (const melding of table.meldingen) sheet.addRow([melding]);
    }
    await workbook.xlsx.writeFile(temp);
  });
}

/**
 * An Overzicht table as a workbook. The figures are not suppressed, so the file says so at the
 * top and in its name: it is for the municipality's own use.
 */
export async function writeOverzichtWorkbook(file: string, table: OverzichtTabel, gemeente: string): Promise<void> {
  await writeTableWorkbook(file, table, {
    sheet: 'Intern',
    banner: 'INTERN — niet onderdrukte cijfers, alleen voor gebruik binnen de gemeente. Niet publiceren.',
    bannerColor: 'FFB00020',
    titel: `${gemeente}: ${table.titel}`,
    textWidth: 40,
  });
}
