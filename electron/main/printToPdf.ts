import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../../src/core/pack/pdfPrinter.ts';

/*
 * The packs' report printed by Electron's own Chromium (webContents.printToPDF), the app's
 * counterpart of the CLI's headless Chromium (src/core/pack/chromiumPdf.ts): the same HTML, the
 * same footer template. The report is self-contained (images inline, no script), so the
 * hidden window gets neither script nor network.
 */
export const electronPdfPrinter: Pick<PdfPrinter, 'print'> = {
  async print(html, { footer }) {
    const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false, webviewTag: false } });
    try {
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      // Margins in inches, as printToPDF takes them: 18 mm top, 20 mm bottom, 15 mm sides (the CLI's).
      return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margins: { top: 0.71, bottom: 0.79, left: 0.59, right: 0.59 } });
    } finally {
      window.destroy();
    }
  },
};
