/*
 * Printing the report's HTML to PDF, behind one small interface: the CLI and the tests use
 * headless Chromium (chromiumPdf.ts); the Electron shell can supply its own window's
 * `webContents.printToPDF` with the same options (both take the same header/footer templates).
 */
export type PdfPrinter = {
  print(html: string, options: { footer: string }): Promise<Buffer>;
  close(): Promise<void>;
};
