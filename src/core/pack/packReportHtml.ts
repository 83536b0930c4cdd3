import type { PackChart } from './packCharts.ts';
import { REPORT_MARGINS_MM } from './pdfPrintOptions.ts';
import { SUPPRESSED_MARK, SUPPRESSED_NOTE, type Cell, type PackTable, type Unit } from './packTables.ts';

/*
 * The PDF report for a wethouder as one HTML document: the same tables as the workbook as
 * readable pages, with the charts. The CLI prints it with headless Chromium, the app with
 * Electron's printToPDF (pdfPrinter.ts); both print this same HTML, and both put the page
 * numbers, date and status in the footer from `reportFooter`. Self-contained: no script, no
 * external resource, images inline.
 */

/** Tables of the workbook the report leaves to Excel (the long list is for BI tools, not for reading). */
const NOT_IN_REPORT = new Set(['Data']);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function formatCell(c: Cell, unit: Unit): string {
  if (c === null) return '';
  if (typeof c === 'object') return SUPPRESSED_MARK;
  if (typeof c === 'string') return c;
  if (unit === 'euro') return c.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });
  if (unit === 'aantal') return c.toLocaleString('nl-NL', { maximumFractionDigits: 0 });
  if (unit === 'ratio') return c.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return c.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
}

function table(t: PackTable): string {
  const head = t.kolommen.map((k) => `<th class="${k.soort}">${escape(k.kop)}</th>`).join('');
  const body = t.rijen.map((r) => `<tr>${r.map((c, i) => `<td class="${t.kolommen[i]!.soort}">${escape(formatCell(c, t.kolommen[i]!.soort))}</td>`).join('')}</tr>`).join('\n');
  const note = t.rijen.some((r) => r.some((c) => c !== null && typeof c === 'object')) ? `<p class="note">${escape(SUPPRESSED_NOTE)}</p>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}


/** The sections of the report after its title page, in order: each starts on a new page. */
export function reportSections(tables: readonly PackTable[]): PackTable[] {
  return tables.filter((t) => !NOT_IN_REPORT.has(t.sheet));
}

export function packReportHtml(options: { titel: string; inhoud: [string, string][]; tables: readonly PackTable[]; charts: readonly PackChart[] }): string {
  const sections = reportSections(options.tables).map((t) => {
    const charts = options.charts
      .filter((c) => c.sheet === t.sheet)
      .map((c) => `<figure><img alt="${escape(c.titel)}" src="data:image/png;base64,${c.png.toString('base64')}"><figcaption>${escape(c.titel)}</figcaption></figure>`)
      .join('');
    return `<section><h2>${escape(t.titel)}</h2><p>${escape(t.uitleg)}</p>${charts}${t.rijen.length === 0 ? '<p class="empty">Geen cijfers in deze release.</p>' : table(t)}</section>`;
  });
  const contents = options.inhoud.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v).replaceAll('\n', '<br>')}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escape(options.titel)}</title>
<style>
@page { size: A4; margin: ${REPORT_MARGINS_MM.top}mm ${REPORT_MARGINS_MM.right}mm ${REPORT_MARGINS_MM.bottom}mm ${REPORT_MARGINS_MM.left}mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt; color: #1a1a1a; }
h1 { font-size: 20pt; margin: 0 0 8mm; } h2 { font-size: 14pt; margin: 0 0 3mm; }
section { break-before: page; }
table { border-collapse: collapse; width: 100%; margin-top: 3mm; }
th, td { border-bottom: 0.5pt solid #bbb; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #e8eef4; } thead { display: table-header-group; } tr { break-inside: avoid; }
td.aantal, td.euro, td.getal, td.ratio, th.aantal, th.euro, th.getal, th.ratio { text-align: right; }
.contents th { width: 42mm; } .note { font-style: italic; font-size: 8.5pt; }
figure { margin: 3mm 0; } figure img { width: 100%; } figcaption { font-size: 8.5pt; color: #555; }
</style></head>
<body>
<h1>${escape(options.titel)}</h1>
<table class="contents"><tbody>
${contents}
</tbody></table>
${sections.join('\n')}
</body></html>
`;
}

/** Footer of every page: status, date of the release, page n of m (Chromium's and printToPDF's template classes). */
export function reportFooter(status: string, datum: string): string {
  return `<div style="font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8px; width: 100%; margin: 0 15mm; display: flex; justify-content: space-between;"><span>Wijkmonitor · ${escape(status)} · centrale release van ${escape(datum)}</span><span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>`;
}
