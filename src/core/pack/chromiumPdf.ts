import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { UserError } from '../errors.ts';
import { chromiumPdfOptions } from './pdfPrintOptions.ts';
import type { PdfPrinter } from './pdfPrinter.ts';

/** Debian's Chromium (PLATFORM.md); playwright-core drives it and never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One browser for all gemeenten of a pack run; `close` ends it. */
export async function chromiumPdfPrinter(executablePath = CHROMIUM): Promise<PdfPrinter> {
  if (!existsSync(executablePath)) throw new UserError('GEEN_CHROMIUM', `Voor de PDF is Chromium nodig (${executablePath}), maar die is niet geïnstalleerd (Debian: apt-get install chromium).`);
  const browser = await chromium.launch({ executablePath, args: ARGS });
  return {
    async print(html, { footer }) {
      const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        // The report is self-contained; nothing may be fetched while it renders.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf(chromiumPdfOptions(footer));
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}
