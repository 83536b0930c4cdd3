import { z } from 'zod';
import { defineHandler } from '../api/registry.ts';
import { GROUP_RANGE, referenceGroups } from './referenceGroups.ts';
import { writeReferenceGroups } from './referenceGroupsCsv.ts';
import { storeReferenceGroups } from './storeReferenceGroups.ts';
import { centralTrends } from './trends.ts';
import { waterbedFlows, writeFlowsCsv } from './waterbedFlows.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { requireIntern } from '../central/export/exportFigures.ts';
import { parsePeriode } from '../period/periode.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';

const yearMessage = 'Het jaar moet tussen 1990 en 2100 liggen.';
const groupMessage = `Het aantal referentiegroepen moet tussen ${GROUP_RANGE.min} en ${GROUP_RANGE.max} liggen.`;

/** The analyst edition's benchmark methods. */
export const benchmarkHandlers = [
  defineHandler(
    'central.groups',
    z
      .object({
        jaar: z.number().int().min(1990, yearMessage).max(2100, yearMessage).optional(),
        groepen: z.number().int().min(GROUP_RANGE.min, groupMessage).max(GROUP_RANGE.max, groupMessage).optional(),
      })
      .strict(),
    async ({ jaar, groepen }, ctx) => {
      const store = await ctx.central();
      // Computed first, so a catalogue without CBS data is refused before a dialog asks where to save.
      const groups = referenceGroups(store.db, { ...(jaar === undefined ? {} : { jaar }), ...(groepen === undefined ? {} : { groepen }) });
      const file = await ctx.dialogs.save({
        title: 'Referentiegroepen opslaan',
        defaultName: `referentiegroepen_${groups.jaar}.csv`,
        filters: [{ name: 'CSV-bestand', extensions: ['csv'] }],
      });
      if (file === null) return { saved: false as const };
      const paths = writeReferenceGroups(file, groups);
      storeReferenceGroups(store.db, groups);
      return {
        saved: true as const,
        path: paths.groepen,
        buren: paths.buren,
        kenmerken: paths.kenmerken,
        jaar: groups.jaar,
        groepen: groups.groepen.map((g) => ({ code: g.code, naam: g.naam, klein: g.klein, wijken: g.wijken, inwoners: g.inwoners })),
        wijken: groups.wijken.length,
        aantalGemeenten: new Set(groups.wijken.map((w) => w.gemeente)).size,
        kleineWijk: groups.kleineWijk,
        keuze: groups.keuze.groot,
        keuzeKlein: groups.keuze.klein,
        gebruikteKenmerken: groups.kenmerken.map((f) => f.kenmerk),
        weggelaten: groups.weggelaten,
        zonderInwoners: groups.zonderInwoners,
        geimputeerd: groups.geimputeerd,
      };
    },
  ),
  defineHandler(
    'central.flows',
    z.object({ van: z.string().min(4).max(10), naar: z.string().min(4).max(10), dimensie: z.enum(['pijler', 'voorziening', 'leefdomein']), intern: z.boolean() }).strict(),
    async ({ van, naar, dimensie, intern }, ctx) => {
      // Counts of single clients leave nothing suppressed: like central export, internal only for now.
      requireIntern(intern);
      const store = await ctx.central();
      const result = await withScopedDuckDb(store.dataDir, {}, (connection) => waterbedFlows(store, connection, { van, naar, dimensie }));
      const file = await ctx.dialogs.save({
        title: 'Verschuivingen opslaan',
        defaultName: `verschuivingen_${parsePeriode(van).code}_${parsePeriode(naar).code}-intern.csv`,
        filters: [{ name: 'CSV-bestand', extensions: ['csv'] }],
      });
      if (file === null) return { saved: false as const };
      const rijen = writeFlowsCsv(file, { van, naar, dimensie, rows: result.rows });
      return { saved: true as const, path: file, rijen, gemeenten: result.gemeenten, sleutelBreuk: result.sleutelBreuk };
    },
  ),
  defineHandler(
    'central.trends',
    z.object({ ijk: z.string().min(4).max(10), periode: z.string().min(4).max(10), intern: z.boolean() }).strict(),
    async ({ ijk, periode, intern }, ctx) => {
      requireIntern(intern);
      const store = await ctx.central();
      const file = await ctx.dialogs.save({
        title: 'Trend opslaan',
        defaultName: `trend_${parsePeriode(ijk).code}_${parsePeriode(periode).code}-intern.csv`,
        filters: [{ name: 'CSV-bestand', extensions: ['csv'] }],
      });
      if (file === null) return { saved: false as const };
      const result = await centralTrends(store, { ijk, periode, out: file, pijlerVolgorde: loadReferenceTables().pijlers.map((p) => p.code) });
      return { saved: true as const, path: file, ...result };
    },
  ),
];
