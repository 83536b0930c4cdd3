import ExcelJS from 'exceljs';
import { withAtomicFile } from '../../files/atomicWrite.ts';
import { filterRange, frozenHeader } from '../../files/sheetLayout.ts';
import type { QualityLine } from '../intake/deliveryToParquet.ts';
import type { FeedbackFigures, FigureRow, Level } from './feedbackFigures.ts';
import type { Finding } from './feedbackFindings.ts';

/** On every sheet: this report is the one place where small numbers are shown as they are. */
export const NOT_SUPPRESSED =
  'Kleine aantallen zijn in dit rapport NIET onderdrukt: het gaat alleen terug naar de gemeente die deze gegevens leverde. Niet verder verspreiden.';

export type FeedbackReport = {
  titel: string;
  toelichting: [string, string | number][];
  bevindingen: Finding[];
  figures: FeedbackFigures;
  vorigePeriode: string;
  cbs: string;
  kwaliteitRegels: QualityLine[];
  samenvatting: Record<string, number>;
};

const LEVEL_SHEETS: Record<Level, { naam: string; sleutel: string; label: string; referentie: string }> = {
  pijler: { naam: 'Pijlers', sleutel: 'Pijler', label: 'Pijler', referentie: 'andere gemeenten (zelfde pijler)' },
  product: { naam: 'Producten', sleutel: 'Productcode', label: 'Product', referentie: 'andere gemeenten (zelfde voorzieningsoort)' },
  wijk: { naam: 'Wijken', sleutel: 'Wijk', label: 'Wijk', referentie: 'andere gemeenten (alle voorzieningen)' },
};

function sheet(workbook: ExcelJS.Workbook, name: string, titel: string): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  ws.addRow([titel]).font = { bold: true, size: 13 };
  ws.addRow([NOT_SUPPRESSED]).font = { bold: true, color: { argb: 'FFB00020' } };
  ws.addRow([]);
  return ws;
}

/** Writes a list's header, frozen; the returned function puts the filter on the rows written since. */
function header(ws: ExcelJS.Worksheet, columns: { titel: string; breedte: number; formaat?: string }[]): () => void {
  const row = ws.addRow(columns.map((c) => c.titel));
  row.font = { bold: true };
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, c.breedte);
    if (c.formaat) column.numFmt = c.formaat;
  });
  ws.views = frozenHeader(row.number);
  return () => {
    ws.autoFilter = filterRange(row.number, columns.length, ws.rowCount);
  };
}

const cents = (n: number) => Math.round(n * 100) / 100;
const change = (now: number, then: number | undefined) => (then === undefined ? [null, null] : [cents(now - then), then === 0 ? null : (now - then) / then]);

/**
 * The plausibility report for one delivery: what was found, then the figures per pijler, product
 * and wijk against the previous period and the other gemeenten, then the delivery's own quality
 * summary. Written under a temporary name and renamed when complete.
 */
export async function writeFeedbackWorkbook(file: string, report: FeedbackReport): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wijkmonitor';

  const intro = sheet(workbook, 'Toelichting', report.titel);
  for (const [label, value] of report.toelichting) intro.addRow([label, value]);
  intro.getColumn(1).width = 34;
  intro.getColumn(2).width = 100;

  const findings = sheet(workbook, 'Bevindingen', `${report.titel}: bevindingen`);
  const findingsDone = header(findings, [
    { titel: 'Ernst', breedte: 14 },
    { titel: 'Onderwerp', breedte: 36 },
    { titel: 'Bevinding', breedte: 120 },
  ]);
  if (report.bevindingen.length === 0) findings.addRow(['', '', 'Geen bevindingen: de levering is volledig en plausibel volgens de drempels.']);
  for (const f of report.bevindingen) findings.addRow([f.ernst, f.onderwerp, f.bevinding]);
  findingsDone();

  for (const level of ['pijler', 'product', 'wijk'] as const) {
    const meta = LEVEL_SHEETS[level];
    const ws = sheet(workbook, meta.naam, `${report.titel}: per ${level}`);
    const extra = level === 'product' ? [{ titel: 'Pijler', breedte: 8 }, { titel: 'Voorzieningsoort', breedte: 16 }] : [];
    const levelDone = header(ws, [
      { titel: meta.sleutel, breedte: 14 },
      ...(level === 'product' ? [{ titel: meta.label, breedte: 32 }] : []),
      ...extra,
      { titel: 'Cliënten', breedte: 10, formaat: '#,##0' },
      { titel: 'Voorzieningen', breedte: 13, formaat: '#,##0' },
      { titel: 'Kosten (€)', breedte: 14, formaat: '#,##0.00' },
      { titel: `Cliënten ${report.vorigePeriode}`, breedte: 14, formaat: '#,##0' },
      { titel: 'Verschil cliënten', breedte: 12, formaat: '+#,##0;-#,##0;0' },
      { titel: 'Verschil cliënten %', breedte: 12, formaat: '+0.0%;-0.0%;0.0%' },
      { titel: `Voorzieningen ${report.vorigePeriode}`, breedte: 14, formaat: '#,##0' },
      { titel: 'Verschil voorzieningen', breedte: 12, formaat: '+#,##0;-#,##0;0' },
      { titel: 'Verschil voorzieningen %', breedte: 12, formaat: '+0.0%;-0.0%;0.0%' },
      { titel: `Kosten ${report.vorigePeriode} (€)`, breedte: 14, formaat: '#,##0.00' },
      { titel: 'Verschil kosten (€)', breedte: 14, formaat: '+#,##0.00;-#,##0.00;0.00' },
      { titel: 'Verschil kosten %', breedte: 12, formaat: '+0.0%;-0.0%;0.0%' },
      { titel: 'Inwoners', breedte: 10, formaat: '#,##0' },
      { titel: 'Cliënten per 1.000 inwoners', breedte: 14, formaat: '0.0' },
      { titel: `Cliënten per 1.000: ${meta.referentie}`, breedte: 18, formaat: '0.0' },
      { titel: 'Voorzieningen per 1.000 inwoners', breedte: 14, formaat: '0.0' },
      { titel: `Voorzieningen per 1.000: ${meta.referentie}`, breedte: 18, formaat: '0.0' },
      { titel: 'Kosten per inwoner (€)', breedte: 14, formaat: '#,##0.00' },
      { titel: `Kosten per inwoner (€): ${meta.referentie}`, breedte: 18, formaat: '#,##0.00' },
    ]);
    const rows: FigureRow[] = level === 'pijler' ? [...report.figures.niveaus.pijler, report.figures.totaal] : report.figures.niveaus[level];
    for (const r of rows) {
      ws.addRow([
        r.sleutel === 'totaal' ? 'Totaal' : r.sleutel,
        ...(level === 'product' ? [r.label, r.pijler, r.voorziening] : []),
        r.clienten,
        r.voorzieningen,
        cents(r.kosten),
        r.vorig?.clienten ?? null,
        ...change(r.clienten, r.vorig?.clienten),
        r.vorig?.voorzieningen ?? null,
        ...change(r.voorzieningen, r.vorig?.voorzieningen),
        r.vorig ? cents(r.vorig.kosten) : null,
        ...change(r.kosten, r.vorig?.kosten),
        r.inwoners,
        r.perInwoner?.clientenPer1000 ?? null,
        r.referentie?.clientenPer1000 ?? null,
        r.perInwoner?.voorzieningenPer1000 ?? null,
        r.referentie?.voorzieningenPer1000 ?? null,
        r.perInwoner ? cents(r.perInwoner.kostenPerInwoner) : null,
        r.referentie ? cents(r.referentie.kostenPerInwoner) : null,
      ]);
    }
    levelDone();
    ws.addRow([]);
    ws.addRow([report.cbs]);
  }

  const quality = sheet(workbook, 'Kwaliteit', `${report.titel}: datakwaliteit volgens de levering`);
  const qualityDone = header(quality, [
    { titel: 'Gegeven', breedte: 18 },
    { titel: 'Controle', breedte: 22 },
    { titel: 'Aantal', breedte: 12, formaat: '#,##0' },
    { titel: 'Van', breedte: 12, formaat: '#,##0' },
    { titel: 'Percentage', breedte: 12, formaat: '0.0' },
    { titel: 'Toelichting', breedte: 90 },
  ]);
  for (const l of report.kwaliteitRegels) quality.addRow([l.gegeven, l.controle, l.aantal, l.totaal, l.percentage, l.toelichting]);
  qualityDone();
  quality.addRow([]);
  quality.addRow(['Samenvatting uit levering.json']).font = { bold: true };
  for (const [key, value] of Object.entries(report.samenvatting)) quality.addRow([key, '', value]);

  await withAtomicFile(file, (temp) => workbook.xlsx.writeFile(temp));
}
