import ExcelJS from 'exceljs';
import path from 'node:path';
import { createPrivacyScan } from '../delivery/privacyScan.ts';
import type { QualityLine } from '../../shared/api.ts';
import { severityWord } from '../../shared/qualitySeverity.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../files/sheetLayout.ts';
import type { Finding } from './finding.ts';

/** More findings than this are summarised, not listed: the workbook is for people. */
export const MAX_LISTED_FINDINGS = 100_000;

/**
 * The data-quality report as an Excel workbook: a summary sheet (one line per data element and
 * check, percentages in nl-NL format) and the findings with file, row and column, so each can be
 * looked up in the export. No values are listed: they may be personal data.
 */
export async function writeQualityWorkbook(file: string, title: string, rows: readonly QualityLine[], findings: Iterable<Finding>): Promise<number> {
  let listed = 0;
  // File names and column names come from the export; a header row chosen wrongly holds data.
  const scan = createPrivacyScan(undefined, 'Rapport niet geschreven');
  const label = path.basename(file);
  scan.check(title, { file: label, row: 1, column: 'titel' });
  rows.forEach((row, i) => scan.check(row.toelichting, { file: label, row: i + 2, column: 'Toelichting' }));
  await withAtomicFile(file, async (temp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false });
    const summary = workbook.addWorksheet('Samenvatting', { views: frozenHeader(1) });
    summary.columns = [
      { header: 'Ernst', key: 'ernst', width: 14 },
      { header: 'Bevinding', key: 'zin', width: 60 },
      { header: 'Gegeven', key: 'gegeven', width: 18 },
      { header: 'Controle', key: 'controle', width: 22 },
      { header: 'Aantal', key: 'aantal', width: 12, style: { numFmt: '#,##0' } },
      { header: 'Van', key: 'totaal', width: 12, style: { numFmt: '#,##0' } },
      { header: 'Percentage', key: 'percentage', width: 12, style: { numFmt: '0.0%' } },
      { header: 'Toelichting', key: 'toelichting', width: 90 },
    ];
    summary.getRow(1).font = { bold: true };
    for (const row of rows) summary.addRow({ ...row, ernst: severityWord(row.ernst), percentage: row.percentage / 100 }).commit();
    // The filter covers the lines, not the title below them.
    summary.autoFilter = filterRange(1, summary.columns.length, rows.length + 1);
    summary.addRow([]).commit();
    summary.addRow([title]).commit();
    await summary.commit();

    const list = workbook.addWorksheet('Bevindingen', { views: frozenHeader(1) });
    list.columns = [
      { header: 'Bestand', key: 'bestand', width: 28 },
      { header: 'Rij', key: 'rij', width: 8 },
      { header: 'Kolom', key: 'kolom', width: 22 },
      { header: 'Gegeven', key: 'gegeven', width: 18 },
      { header: 'Controle', key: 'controle', width: 22 },
      { header: 'Rij uitgesloten', key: 'uitgesloten', width: 16 },
    ];
    list.getRow(1).font = { bold: true };
    let total = 0;
    for (const finding of findings) {
      total++;
      if (listed >= MAX_LISTED_FINDINGS) continue;
      listed++;
      scan.check(finding.bestand, { file: label, row: listed + 1, column: 'Bestand' });
      if (finding.kolom !== null) scan.check(finding.kolom, { file: label, row: listed + 1, column: 'Kolom' });
      list.addRow({ ...finding, uitgesloten: finding.uitgesloten ? 'ja' : 'nee' }).commit();
    }
    list.autoFilter = filterRange(1, list.columns.length, listed + 1);
    if (total > listed) list.addRow([`… en nog ${total - listed} bevindingen (zie de samenvatting voor de aantallen)`]).commit();
    await list.commit();
    await workbook.commit();
  });
  return listed;
}
