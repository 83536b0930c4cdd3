import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { parsePeriode } from '../period/periode.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { benchmarkView } from './benchmarkView.ts';
import { importBenchmark } from './importBenchmark.ts';
import { PACK_STATUSES } from './packStatus.ts';

const ref = loadReferenceTables();
const periode = z.string().min(4).max(10);

// analist-editie: pakketten
export const packHandlers = [
  defineHandler(
    'central.pack',
    z.object({ periode, gemeenten: z.array(z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.')).max(400).optional(), status: z.enum(PACK_STATUSES).optional(), toelichting: z.string().max(20_000).optional(), jobId: z.string().min(1).max(100).optional() }).strict(),
    async ({ periode, gemeenten, status, toelichting }, { central, dialogs, progress, signal, pdfPrinter }) => {
      const code = parsePeriode(periode).code;
      const store = await central();
      // The answer is a folder: every gemeente's files go into it.
      const out = await dialogs.save({ title: 'Map voor de pakketten', defaultName: `pakketten_${code}`, filters: [] });
      if (out === null) return { saved: false as const };
      mkdirSync(out, { recursive: true });
      // Loaded when a pack is made: ECharts, resvg and the browser driver need not slow every start of the core.
      const [{ writePacks }, { chromiumPdfPrinter }] = await Promise.all([import('./writePacks.ts'), import('./chromiumPdf.ts')]);
      const printer = await (pdfPrinter ?? chromiumPdfPrinter)();
      try {
        const result = await withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) =>
          writePacks(store, connection, { periode: code, out, gemeenten, change: { status, toelichting }, pijlerVolgorde: ref.pijlers.map((p) => p.code), printer, signal, onProgress: progress }),
        );
        return { saved: true as const, map: out, ...result };
      } finally {
        await printer.close();
      }
    },
  ),
  // gemeente-editie: benchmark. The path comes from the open dialog, never from the page.
  defineHandler('benchmark.import', noArgs, async (_args, { db, dialogs }) => {
    const [file] = await dialogs.open({ title: 'Benchmarkbestand kiezen', multiple: false, filters: [{ name: 'Benchmarkbestand (zip)', extensions: ['zip'] }] });
    if (file === undefined) return { imported: false as const };
    return importBenchmark(db, file);
  }),
  defineHandler('benchmark.view', z.object({ periode: periode.optional() }).strict(), ({ periode }, { db }) => benchmarkView(db, ref, periode)),
];
