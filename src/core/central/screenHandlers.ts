import { z } from 'zod';
import type { CentralThreshold } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { exportActions, listActions, recordAction } from '../audit/auditLog.ts';
import { SMALL_WIJK } from '../benchmark/referenceGroups.ts';
import { MIN_CLIENTS } from '../disclosure/auditLp.ts';
import { grantedPath } from '../import/chosenFiles.ts';
import { parsePeriode } from '../period/periode.ts';
import { computeFeedback, requireCurrentDelivery } from './feedback/writeFeedback.ts';
import { importDeliveries } from './intake/importDeliveries.ts';
import { deliveryStatus, STATUS_COLUMNS, statusCells } from './status/deliveryStatus.ts';
import { writeTableFile } from '../classification/tableFiles.ts';
import { participatingWijken, referenceOverview } from './reference/referenceOverview.ts';
import { withScopedDuckDb } from './store/scopedDuckDb.ts';

const gemeente = z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.');
const periode = z.string().min(4).max(10);
const jobId = z.string().min(1).max(100);

/**
 * The rules the analyst edition applies, as the code applies them: shown on Instellingen so the
 * analyst can explain them, not settable, because the publication rule is the project's (every
 * count below it is suppressed in anything that leaves the analyst edition).
 */
function thresholds(): CentralThreshold[] {
  return [
    {
      naam: 'Minimum aantal cliënten per gepubliceerde cel',
      waarde: MIN_CLIENTS,
      eenheid: 'cliënten',
      uitleg: `Een aantal onder de ${MIN_CLIENTS} cliënten, en elk cijfer dat op minder dan ${MIN_CLIENTS} cliënten berust (kosten, gemiddelden, percentages), wordt onderdrukt in alles wat de analist-editie verlaat, met secundaire onderdrukking zodat het niet uit totalen is terug te rekenen.`,
    },
    {
      naam: 'Kleine wijk bij het vormen van referentiegroepen',
      waarde: SMALL_WIJK,
      eenheid: 'inwoners',
      uitleg: `Wijken en kernen met minder dan ${SMALL_WIJK.toLocaleString('nl-NL')} inwoners vormen eigen groepen, op hun profiel en hun grootte: hun aandelen berusten op weinig mensen (en CBS rondt af op 5), zodat ze anders over de andere groepen verspreid raken.`,
    },
  ];
}

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

  defineHandler('central.thresholds', noArgs, () => thresholds()),
];
