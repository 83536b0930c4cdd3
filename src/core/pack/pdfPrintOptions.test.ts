import { describe, expect, test } from 'vitest';
import { packReportHtml, reportFooter } from './packReportHtml.ts';
import { chromiumPdfOptions, electronPdfOptions, REPORT_MARGINS_MM } from './pdfPrintOptions.ts';

/*
 * The app prints the report with Electron's printToPDF, which cannot run here; what it is given
 * is this pure function's result, checked against the headless Chromium options the CLI and the
 * pack tests print (and pdftoppm renders) with.
 */

const footer = reportFooter('definitief', '30 november 2026');

describe('pdf print options', () => {
  test('Electron printToPDF: A4, background, our footer and an empty header, margins in inches', () => {
    expect(electronPdfOptions(footer)).toEqual({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margins: { top: 0.7087, bottom: 0.7874, left: 0.5906, right: 0.5906 },
    });
  });

  test('headless Chromium: the same page, header, footer and margins, in millimetres', () => {
    const chromium = chromiumPdfOptions(footer);
    const electron = electronPdfOptions(footer);
    expect(chromium).toEqual({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margin: { top: '18mm', bottom: '20mm', left: '15mm', right: '15mm' } });
    expect(chromium.format).toBe(electron.pageSize);
    expect([chromium.headerTemplate, chromium.footerTemplate]).toEqual([electron.headerTemplate, electron.footerTemplate]);
    for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(electron.margins[side] * 25.4).toBeCloseTo(Number.parseFloat(chromium.margin[side]), 2);
  });

  test('the footer carries status, date and page n of m in the template classes both printers fill in', () => {
    expect(footer).toContain('definitief');
    expect(footer).toContain('centrale release van 30 november 2026');
    expect(footer).toMatch(/pagina <span class="pageNumber"><\/span> van <span class="totalPages"><\/span>/);
  });

  test('the report’s own @page rule has the printers’ margins (top right bottom left)', () => {
    const html = packReportHtml({ titel: 'T', inhoud: [], tables: [], charts: [] });
    const { top, right, bottom, left } = REPORT_MARGINS_MM;
    expect(html).toContain(`@page { size: A4; margin: ${top}mm ${right}mm ${bottom}mm ${left}mm; }`);
    expect(html).toContain('@page { size: A4; margin: 18mm 15mm 20mm 15mm; }');
  });
});
