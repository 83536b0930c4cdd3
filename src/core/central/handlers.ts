import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { approveDelivery } from './approval/approveDelivery.ts';
import { exportCentralFigures } from './export/exportFigures.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { requireCurrentDelivery, writeFeedback } from './feedback/writeFeedback.ts';
import { parsePeriode } from '../period/periode.ts';
import { importDeliveries } from './intake/importDeliveries.ts';
import { deliveryStatus } from './status/deliveryStatus.ts';
import { withScopedDuckDb } from './store/scopedDuckDb.ts';
import { interruptOnAbort } from './store/interruptOnAbort.ts';

const gemeente = z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.');
const periode = z.string().min(4).max(10);
const jobId = z.string().min(1).max(100);

// analist-editie: ontvangst
export const centralHandlers = [
  // Paths come from the open dialog (on the command line: its arguments), never from the page.
  defineHandler('central.import', z.object({ jobId }).strict(), async (_args, { central, dialogs, signal, progress }) => {
    const files = await dialogs.open({ title: 'Leveringen kiezen', multiple: true, filters: [{ name: 'Leveringen (zip)', extensions: ['zip'] }] });
    if (files.length === 0) return [];
    return importDeliveries(await central(), files, { signal, progress });
  }),

  defineHandler('central.status', noArgs, async (_args, { central }) => deliveryStatus((await central()).db)),

  defineHandler('central.feedback', z.object({ gemeente, periode, jobId: jobId.optional() }).strict(), async ({ gemeente, periode }, { central, dialogs, progress }) => {
    const store = await central();
    // Refuse before the save dialog: nobody should pick a file for a report that cannot be made.
    requireCurrentDelivery(store.db, gemeente, parsePeriode(periode).code);
    const out = await dialogs.save({
      title: 'Terugkoppeling opslaan',
      defaultName: `${gemeente}_${periode}_terugkoppeling.xlsx`,
      filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }],
    });
    if (out === null) return { saved: false as const };
    progress({ phase: 'terugkoppeling berekenen', done: 0, total: 1 });
    const { bevindingen } = await withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) => writeFeedback(store, connection, { gemeente, periode, out }));
    progress({ phase: 'klaar', done: 1, total: 1 });
    const count = (ernst: string) => bevindingen.filter((b) => b.ernst === ernst).length;
    return { saved: true as const, path: out, bevindingen: { fout: count('fout'), waarschuwing: count('waarschuwing'), info: count('info') } };
  }),

  defineHandler('central.export', z.object({ periode, intern: z.boolean(), jobId: jobId.optional() }).strict(), async ({ periode, intern }, { central, dialogs, progress, signal }) => {
    const code = parsePeriode(periode).code;
    const store = await central();
    const out = await dialogs.save({ title: 'Cijfers opslaan', defaultName: `cijfers_${code}${intern ? '-intern' : ''}.csv`, filters: [{ name: 'CSV-bestand', extensions: ['csv'] }] });
    if (out === null) return { saved: false as const };
    // Export works pass by pass (exportFigures.ts); DuckDB spills beyond this rather than
    // taking, with the figures of a pass in JS beside it, more than the machine's share.
    const result = await withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) =>
      interruptOnAbort(connection, signal, () =>
        exportCentralFigures(store, connection, {
          periode: code,
          out,
          intern,
          pijlerVolgorde: loadReferenceTables().pijlers.map((p) => p.code),
          signal,
          onQuery: (done, total) => progress({ phase: 'cijfers berekenen', done, total }),
        }),
      ),
    );
    return { saved: true as const, path: out, ...result };
  }),

  defineHandler('central.approve', z.object({ gemeente, periode, door: z.string().min(1).max(200) }).strict(), async (args, { central }) =>
    approveDelivery((await central()).db, args),
  ),
];
