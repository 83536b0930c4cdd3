import { z } from 'zod';
import { defineHandler } from '../api/registry.ts';
import { GROUP_RANGE, referenceGroups } from './referenceGroups.ts';
import { writeReferenceGroups } from './referenceGroupsCsv.ts';
import { storeReferenceGroups } from './storeReferenceGroups.ts';

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
        keuze: groups.keuze.groot,
        gebruikteKenmerken: groups.kenmerken.map((f) => f.kenmerk),
        weggelaten: groups.weggelaten,
        zonderInwoners: groups.zonderInwoners,
        geimputeerd: groups.geimputeerd,
      };
    },
  ),
];
