import { BrowserWindow } from 'electron';
import { electronPdfOptions } from '../../src/core/pack/pdfPrintOptions.ts';
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
      return await window.webContents.printToPDF(electronPdfOptions(footer));
    } finally {
      window.destroy();
    }
  },
};
