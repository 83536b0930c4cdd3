import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { exportActions, listActions, recordAction } from '../audit/auditLog.ts';
import { writeBenchmarkWorkbook } from '../benchmark/benchmarkWorkbook.ts';
import { writeTableWorkbook } from '../indicators/overzichtWorkbook.ts';
import { grantedPath } from '../import/chosenFiles.ts';
import { parsePeriode } from '../period/periode.ts';
import { computeFeedback, requireCurrentDelivery } from './feedback/writeFeedback.ts';
import { importDeliveries } from './intake/importDeliveries.ts';
import { deliveryStatus, STATUS_COLUMNS, statusCells } from './status/deliveryStatus.ts';
import { writeTableFile } from '../classification/tableFiles.ts';
import { participatingWijken, referenceOverview } from './reference/referenceOverview.ts';
import { readThresholds, setThreshold } from './settings/thresholds.ts';
import { withScopedDuckDb } from './store/scopedDuckDb.ts';

const gemeente = z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.');
const periode = z.string().min(4).max(10);
const jobId = z.string().min(1).max(100);

const cell = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
/** A table as the screens show it (OverzichtTabel); its column names key its rows. */
const tabel = z
  .object({
    titel: z.string().min(1).max(300),
    kolommen: z.array(z.object({ naam: z.string().regex(/^\w{1,60}$/), titel: z.string().min(1).max(200), soort: z.enum(['tekst', 'aantal', 'getal', 'euro', 'procent']) }).strict()).min(1).max(60),
    rijen: z.array(z.record(z.string().max(60), cell)).max(200_000),
  })
  .strict();
const OVERVIEW_BANNER = 'Werkoverzicht van de analist-editie: geen cijfers over cliënten.';

// analist-editie: schermen (Leveringen, Referentiedata, Instellingen)
export const centralScreenHandlers = [
  // The ids were handed out by import.dropFiles for files the host checked; the page never names a path.
  defineHandler('central.importDropped', z.object({ jobId, bestandIds: z.array(z.string().min(1).max(100)).min(1).max(50) }).strict(), async ({ bestandIds }, { central, signal, progress }) =>
    importDeliveries(await central(), bestandIds.map(grantedPath), { signal, progress }),
  ),

  defineHandler('central.feedbackFindings', z.object({ gemeente, periode, jobId: jobId.optional() }).strict(), async ({ gemeente, periode }, { central, progress }) => {
    const store = await central();
    requireCurrentDelivery(store.db, gemeente, parsePeriode(periode).code);
    progress({ phase: 'terugkoppeling berekenen', done: 0, total: 1 });
    const { bevindingen } = await withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) => computeFeedback(store, connection, { gemeente, periode }));
    progress({ phase: 'klaar', done: 1, total: 1 });
    return bevindingen;
  }),

  defineHandler('central.auditLog', z.object({ limit: z.number().int().min(1).max(5000) }).strict(), async ({ limit }, { central }) => listActions((await central()).db, limit)),

  defineHandler('central.auditExport', noArgs, async (_args, { central, dialogs }) => {
    const store = await central();
    const file = await dialogs.save({ title: 'Logboek van de analist-editie opslaan', defaultName: 'wijkmonitor-analist-logboek.csv', filters: [{ name: 'CSV (puntkomma)', extensions: ['csv'] }] });
    if (file === null) return { saved: false as const };
    const rows = exportActions(store.db, file);
    recordAction(store.db, 'logboek geëxporteerd', { regels: rows });
    return { saved: true as const, path: file };
  }),

  defineHandler('central.statusExport', noArgs, async (_args, { central, dialogs }) => {
    const store = await central();
    const file = await dialogs.save({ title: 'Overzicht van de leveringen opslaan', defaultName: 'leveringen.xlsx', filters: [{ name: 'Excel-werkmap of CSV', extensions: ['xlsx', 'csv'] }] });
    if (file === null) return { saved: false as const };
    const rows = deliveryStatus(store.db).map((row) => ({ ...Object.fromEntries(Object.entries(statusCells(row)).map(([k, v]) => [k, String(v)])), bestand: row.bestand, reden: row.reden ?? '' }));
    await writeTableFile(file, [...STATUS_COLUMNS, 'bestand', 'reden'], rows);
    return { saved: true as const, path: file };
  }),

  defineHandler('central.referenceOverview', noArgs, async (_args, { central }) => {
    const store = await central();
    const deelnemers = await withScopedDuckDb(store.dataDir, { memoryLimit: '512MB' }, (connection) => participatingWijken(store, connection));
    return referenceOverview(store, deelnemers);
  }),

  defineHandler('central.thresholds', noArgs, async (_args, { central }) => readThresholds((await central()).db)),

  defineHandler(
    'central.setThreshold',
    z.object({ code: z.string().min(1).max(120), waarde: z.number({ message: 'Vul een getal in.' }).finite('Vul een getal in.').nullable() }).strict(),
    async ({ code, waarde }, { central }) => setThreshold((await central()).db, code, waarde),
  ),

  // The page sends the table it shows: what the analyst sees is what the file holds, marked as the view it came from.
  defineHandler('central.tableExport', z.object({ naam: z.string().regex(/^[\w-]{1,80}$/, 'Een bestandsnaam van letters, cijfers en streepjes.'), weergave: z.enum(['intern', 'gepubliceerd', 'overzicht']), tabel }).strict(), async ({ naam, weergave, tabel }, { dialogs }) => {
    const intern = weergave === 'intern';
    const file = await dialogs.save({ title: `${tabel.titel} opslaan${intern && !tabel.titel.includes('(intern)') ? ' (intern)' : ''}`, defaultName: `${naam}${intern ? '-intern' : ''}.xlsx`, filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }] });
    if (file === null) return { saved: false as const };
    if (weergave === 'overzicht') await writeTableWorkbook(file, tabel, { sheet: 'Overzicht', banner: OVERVIEW_BANNER, bannerColor: 'FF37474F', titel: tabel.titel, textWidth: 32 });
    else await writeBenchmarkWorkbook(file, tabel, intern);
    return { saved: true as const, path: file };
  }),
];
