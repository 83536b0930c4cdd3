import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { UserError } from '../errors.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { parsePeriode } from '../period/periode.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { benchmarkView } from './benchmarkView.ts';
import { importBenchmark } from './importBenchmark.ts';
import { PACK_STATUSES, packRelease, packSettings, setPackIjkKeuze, setPackSetting } from './packStatus.ts';

const ref = loadReferenceTables();
const periode = z.string().min(4).max(10);
const gemeente = z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.');
/** null: the default; `geen` or a period code (checked against the release's period in the core). */
const ijkperiode = z.string().min(4).max(10).nullable();

// Per store the workbook each gemeente's last pack of this session went to: "Toon in map" points
// at a file the core wrote, never at a path the page sends.
const writtenPacks = new WeakMap<CentralStore, Map<string, string>>();

// analist-editie: pakketten
export const packHandlers = [
  defineHandler(
    'central.pack',
    z.object({ periode, gemeenten: z.array(gemeente).max(400).optional(), status: z.enum(PACK_STATUSES).optional(), toelichting: z.string().max(20_000).optional(), ijkperiode: ijkperiode.optional(), jobId: z.string().min(1).max(100).optional() }).strict(),
    async ({ periode, gemeenten, status, toelichting, ijkperiode }, { central, dialogs, progress, signal, pdfPrinter }) => {
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
          writePacks(store, connection, { periode: code, out, gemeenten, change: { status, toelichting }, ...(ijkperiode !== undefined ? { ijkperiode } : {}), pijlerVolgorde: ref.pijlers.map((p) => p.code), printer, signal, onProgress: progress }),
        );
        const written = writtenPacks.get(store) ?? new Map<string, string>();
        writtenPacks.set(store, written);
        for (const outcome of result.gemeenten) if (outcome.ok) written.set(outcome.gemeente, outcome.files.xlsx);
        return { saved: true as const, map: out, ...result };
      } finally {
        await printer.close();
      }
    },
  ),
  defineHandler('central.packSettings', z.object({ periode }).strict(), async ({ periode }, { central }) => packSettings((await central()).db, parsePeriode(periode).code)),
  defineHandler('central.packRelease', z.object({ periode }).strict(), async ({ periode }, { central }) => {
    const store = await central();
    return packRelease(store.db, store.dataDir, parsePeriode(periode).code);
  }),
  defineHandler('central.setPackIjkperiode', z.object({ periode, ijkperiode }).strict(), async ({ periode, ijkperiode }, { central }) => {
    const store = await central();
    const code = parsePeriode(periode).code;
    setPackIjkKeuze(store.db, code, ijkperiode);
    return packRelease(store.db, store.dataDir, code);
  }),
  defineHandler('central.setPackSetting', z.object({ gemeente, periode, status: z.enum(PACK_STATUSES), toelichting: z.string().max(20_000) }).strict(), async ({ gemeente, periode, status, toelichting }, { central }) =>
    setPackSetting((await central()).db, gemeente, parsePeriode(periode).code, { status, toelichting }),
  ),
  defineHandler('central.packShowInFolder', z.object({ gemeente }).strict(), async ({ gemeente }, { central, desktop }) => {
    const file = writtenPacks.get(await central())?.get(gemeente);
    if (!file) throw new UserError('PAKKET_ONBEKEND', `Van ${gemeente} is in deze sessie geen pakket gemaakt.`);
    if (!(statSync(file, { throwIfNoEntry: false })?.isFile() ?? false)) throw new UserError('PAKKET_NIET_GEVONDEN', `${path.basename(file)} staat niet meer in ${path.dirname(file)}. Het bestand is verplaatst, hernoemd of verwijderd.`);
    if (!desktop) throw new UserError('GEEN_VENSTER', 'Een map openen kan alleen in het venster van Wijkmonitor.');
    await desktop.showInFolder(file);
  }),
  // gemeente-editie: benchmark. The path comes from the open dialog, never from the page.
  defineHandler('benchmark.import', noArgs, async (_args, { db, dialogs }) => {
    const [file] = await dialogs.open({ title: 'Benchmarkbestand kiezen', multiple: false, filters: [{ name: 'Benchmarkbestand (zip)', extensions: ['zip'] }] });
    if (file === undefined) return { imported: false as const };
    return importBenchmark(db, file);
  }),
  defineHandler('benchmark.view', z.object({ periode: periode.optional() }).strict(), ({ periode }, { db }) => benchmarkView(db, ref, periode)),
];
