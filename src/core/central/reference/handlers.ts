import { z } from 'zod';
import type { CentralAreaTable } from '../../../shared/api.ts';
import { defineHandler } from '../../api/registry.ts';
import { AREA_COLUMNS } from '../../classification/areaTable.ts';
import { writeTableFile } from '../../classification/tableFiles.ts';
import type { Db } from '../../store/database.ts';
import { importReferenceFiles } from './importReference.ts';
import { pc6AreaTable } from './pc6AreaTable.ts';

const yearMessage = 'Het jaar moet tussen 1990 en 2100 liggen.';
const jaar = z.number().int().min(1990, yearMessage).max(2100, yearMessage).optional();
const gemeente = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^GM\d{4}$/, 'Geef een CBS-gemeentecode op, bijvoorbeeld GM0392.');
const areaArgs = z.object({ gemeente, jaar }).strict();

function areaTable(db: Db, code: string, year: number | undefined): CentralAreaTable {
  const table = pc6AreaTable(db, code, year);
  return { gemeente: code, jaar: table.jaar, gebieden: table.rows, dubbelzinnig: table.dubbelzinnig, zonderNaam: table.zonderNaam };
}

/** The analyst edition's reference data: CBS, postcodes, aggregated sources, maps. */
export const referenceHandlers = [
  defineHandler(
    'central.reference',
    z
      .object({
        jaar,
        jobId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    // Paths come from the open dialog (on the command line: its arguments), never from the page.
    async ({ jaar: year }, ctx) => {
      const bestanden = await ctx.dialogs.open({
        title: 'Referentiegegevens kiezen',
        multiple: true,
        filters: [{ name: 'CBS-bestanden, geaggregeerde cijfers, kaarten', extensions: ['csv', 'txt', 'geojson', 'json'] }],
      });
      if (bestanden.length === 0) return [];
      const store = await ctx.central();
      return importReferenceFiles(store.db, bestanden, { jaar: year, signal: ctx.signal, onProgress: (event) => ctx.progress(event) });
    },
  ),
  defineHandler('central.areas', areaArgs, async ({ gemeente: code, jaar: year }, ctx) => areaTable((await ctx.central()).db, code, year)),
  defineHandler('central.areasExport', areaArgs, async ({ gemeente: code, jaar: year }, ctx) => {
    // Built first, so a gemeente without postcodes is refused before a dialog asks where to save.
    const table = pc6AreaTable((await ctx.central()).db, code, year);
    const file = await ctx.dialogs.save({
      title: 'Gebiedstabel voor de gemeente opslaan',
      defaultName: `gebieden_${code}_${table.jaar}.csv`,
      filters: [{ name: 'Gebiedstabel (CSV of Excel)', extensions: ['csv', 'xlsx'] }],
    });
    if (file === null) return { saved: false as const };
    await writeTableFile(file, AREA_COLUMNS, table.rows);
    return { saved: true as const, path: file };
  }),
];
