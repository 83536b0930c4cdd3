/*
 * The report's print settings, written once for both printers of the same HTML: headless
 * Chromium through playwright (the CLI, the tests; margins as CSS lengths) and Electron's
 * webContents.printToPDF (the app; margins in inches). Pure, so the app's options are checked
 * by a plain-Node test where Electron cannot run.
 */

/** The page margins in millimetres; the report's CSS `@page` rule uses the same. */
export const REPORT_MARGINS_MM = { top: 18, bottom: 20, left: 15, right: 15 } as const;
const MM_PER_INCH = 25.4;

type Side = keyof typeof REPORT_MARGINS_MM;
const sides = Object.keys(REPORT_MARGINS_MM) as Side[];
const perSide = <T>(f: (mm: number) => T) => Object.fromEntries(sides.map((s) => [s, f(REPORT_MARGINS_MM[s])])) as Record<Side, T>;

/** What playwright's `page.pdf` takes (headless Chromium). */
export type ChromiumPdfOptions = { format: 'A4'; printBackground: true; displayHeaderFooter: true; headerTemplate: string; footerTemplate: string; margin: Record<Side, string> };
/** What Electron's `webContents.printToPDF` takes (a subset of Electron's PrintToPDFOptions). */
export type ElectronPdfOptions = { pageSize: 'A4'; printBackground: true; displayHeaderFooter: true; headerTemplate: string; footerTemplate: string; margins: Record<Side, number> };

/** No header: an empty element, because Chromium prints its own default header for an empty template. */
const HEADER = '<span></span>';

export function chromiumPdfOptions(footer: string): ChromiumPdfOptions {
  return { format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: HEADER, footerTemplate: footer, margin: perSide((mm) => `${mm}mm`) };
}

export function electronPdfOptions(footer: string): ElectronPdfOptions {
  return { pageSize: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: HEADER, footerTemplate: footer, margins: perSide((mm) => Math.round((mm / MM_PER_INCH) * 10_000) / 10_000) };
}
