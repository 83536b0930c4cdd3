import { z } from 'zod';
import type { WijkKaart, WijkVorm } from '../../shared/api.ts';
import { defineHandler } from '../api/registry.ts';
import { requireIntern } from '../central/export/exportFigures.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { UserError } from '../errors.ts';
import { parsePeriode } from '../period/periode.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { benchmarkView, cachedPeriodFigures, periodFigures } from './benchmarkView.ts';
import { writeBenchmarkWorkbook } from './benchmarkWorkbook.ts';
import { groupsView } from './groupsView.ts';
import { interruptOnAbort } from '../central/store/interruptOnAbort.ts';
import { GROUP_RANGE, referenceGroupsJob } from './referenceGroups.ts';
import { storeReferenceGroups } from './storeReferenceGroups.ts';
import { publishedTrend, trendFigures } from './trends.ts';
import { waterbedFlows } from './waterbedFlows.ts';

const yearMessage = 'Het jaar moet tussen 1990 en 2100 liggen.';
const jaar = z.number().int().min(1990, yearMessage).max(2100, yearMessage).optional();
const groupMessage = `Het aantal referentiegroepen moet tussen ${GROUP_RANGE.min} en ${GROUP_RANGE.max} liggen.`;
const periode = z.string().min(4).max(10);
const jobId = z.string().min(1).max(100).optional();
const dimensie = z.string().max(200).regex(/^(?:|(?:pijler|leefdomein|voorziening)=[^|]+)$/, 'Kies het totaal of één uitsplitsing naar pijler, leefdomein of voorziening.');
const gemeente = z.string().regex(/^GM\d{4}$/, 'Gebruik een gemeentecode als GM0392.');
const pijlerVolgorde = () => loadReferenceTables().pijlers.map((p) => p.code);

async function figuresOf(store: CentralStore, args: { periode: string; intern: boolean }, ctx: { progress: (e: { phase: string; done: number; total: number | null }) => void; signal: AbortSignal }) {
  return cachedPeriodFigures(store, args, () =>
    withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) =>
      interruptOnAbort(connection, ctx.signal, () =>
        periodFigures(store, connection, {
          ...args,
          pijlerVolgorde: pijlerVolgorde(),
          signal: ctx.signal,
          onQuery: (done, total) => ctx.progress({ phase: args.intern ? 'cijfers berekenen (intern)' : 'cijfers berekenen en onderdrukken', done, total }),
        }),
      ),
    ),
  );
}

const FLOWS_CANCELLED = new UserError('GEANNULEERD', 'Het tellen van de verschuivingen is geannuleerd.');

/** The stored map of a year (the latest when not given), from a table with code, naam, jaar and geometrie. */
export function storedMap(db: Db, table: 'geo_gebied' | 'wijkkaart', year?: number): WijkKaart {
  const latest = year ?? (db.prepare(`SELECT max(jaar) FROM ${table}`).pluck().get() as number | null);
  if (latest === null || latest === undefined) return { jaar: null, gebieden: [] };
  const rows = db.prepare(`SELECT code, naam, geometrie FROM ${table} WHERE jaar = ? ORDER BY code`).all(latest) as { code: string; naam: string | null; geometrie: string }[];
  return { jaar: rows.length === 0 ? null : latest, gebieden: rows.map((r): WijkVorm => ({ code: r.code, naam: r.naam, geometrie: JSON.parse(r.geometrie) as WijkVorm['geometrie'] })) };
}

/** What the analyst's Referentiegroepen and Benchmark screens ask of the core. */
export const benchmarkScreenHandlers = [
  defineHandler(
    'central.benchmark',
    z.object({ periode, intern: z.boolean(), dimensie, gemeente: gemeente.optional(), jobId }).strict(),
    async ({ periode, intern, dimensie, gemeente }, ctx) => {
      const store = await ctx.central();
      const figures = await figuresOf(store, { periode, intern }, ctx);
      return benchmarkView(store.db, figures, { periode, intern, dimensie, ...(gemeente === undefined ? {} : { gemeente }) });
    },
  ),
  defineHandler('central.benchmarkExport', z.object({ periode, intern: z.boolean(), dimensie, gemeente }).strict(), async ({ periode, intern, dimensie, gemeente }, ctx) => {
    const store = await ctx.central();
    const figures = await figuresOf(store, { periode, intern }, ctx);
    const tabel = benchmarkView(store.db, figures, { periode, intern, dimensie, gemeente }).tabel!;
    const code = parsePeriode(periode).code;
    const split = dimensie === '' ? 'totaal' : dimensie.replace(/[^\w-]+/g, '-');
    const file = await ctx.dialogs.save({
      title: intern ? 'Benchmark opslaan (intern)' : 'Benchmark opslaan',
      defaultName: `benchmark_${gemeente}_${code}_${split}${intern ? '-intern' : ''}.xlsx`,
      filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }],
    });
    if (file === null) return { saved: false as const };
    await writeBenchmarkWorkbook(file, tabel, intern);
    return { saved: true as const, path: file };
  }),
  defineHandler(
    'central.groupsView',
    z.object({ jaar, groepen: z.number().int().min(GROUP_RANGE.min, groupMessage).max(GROUP_RANGE.max, groupMessage).optional(), jobId }).strict(),
    async ({ jaar: year, groepen }, ctx) => {
      const store = await ctx.central();
      const groups = await referenceGroupsJob(store.db, { ...(year === undefined ? {} : { jaar: year }), ...(groepen === undefined ? {} : { groepen }) }, {
        signal: ctx.signal,
        onStep: (step) => ctx.progress({ phase: `referentiegroepen berekenen: ${step.phase}`, done: step.done, total: step.total }),
      });
      ctx.progress({ phase: 'referentiegroepen opslaan', done: 1, total: 1 });
      storeReferenceGroups(store.db, groups);
      ctx.progress({ phase: 'klaar', done: 1, total: 1 });
      return groupsView(groups);
    },
  ),
  defineHandler('central.trendView', z.object({ ijk: periode, periode, intern: z.boolean(), jobId }).strict(), async ({ ijk, periode, intern }, ctx) => {
    const store = await ctx.central();
    ctx.progress({ phase: 'trend berekenen', done: 0, total: 1 });
    // Published: the two stored publications compared, nothing computed from unsuppressed figures.
    const onFigures = (code: string, done: number, total: number) => ctx.progress({ phase: `cijfers van ${code} berekenen (intern)`, done, total });
    const result = intern ? { ...(await trendFigures(store, { ijk, periode, pijlerVolgorde: pijlerVolgorde(), signal: ctx.signal, onFigures })), onderdrukt: [] } : publishedTrend(store.dataDir, { ijk, periode });
    ctx.progress({ phase: 'klaar', done: 1, total: 1 });
    return { ijk: parsePeriode(ijk).code, periode: parsePeriode(periode).code, rijen: result.rows, onderdrukt: result.onderdrukt, gemeenten: result.gemeenten, sleutelBreuk: result.sleutelBreuk, alle: result.alle };
  }),
  defineHandler('central.flowView', z.object({ van: periode, naar: periode, dimensie: z.enum(['pijler', 'voorziening', 'leefdomein']), intern: z.boolean(), jobId }).strict(), async ({ van, naar, dimensie, intern }, ctx) => {
    requireIntern(intern);
    const store = await ctx.central();
    ctx.progress({ phase: 'verschuivingen per cliënt tellen', done: 0, total: 1 });
    const result = await withScopedDuckDb(store.dataDir, {}, (connection) => interruptOnAbort(connection, ctx.signal, () => waterbedFlows(store, connection, { van, naar, dimensie }), () => FLOWS_CANCELLED));
    if (ctx.signal.aborted) throw FLOWS_CANCELLED;
    ctx.progress({ phase: 'klaar', done: 1, total: 1 });
    return { van: parsePeriode(van).code, naar: parsePeriode(naar).code, dimensie, rijen: result.rows, gemeenten: result.gemeenten, sleutelBreuk: result.sleutelBreuk };
  }),
  defineHandler('central.map', z.object({ jaar }).strict(), async ({ jaar: year }, ctx) => storedMap((await ctx.central()).db, 'geo_gebied', year)),
];
