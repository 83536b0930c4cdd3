import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { getSettings } from '../settings/settings.ts';
import { UserError } from '../errors.ts';
import { loadIndicatorDefinitions } from './definitions.ts';
import { DIMENSION_KEYS } from './figures.ts';
import { overzichtCijfers, overzichtPerioden, overzichtTabel } from './overzicht.ts';
import { writeOverzichtWorkbook } from './overzichtWorkbook.ts';

const ref = loadReferenceTables();
const definitions = loadIndicatorDefinitions();
const periode = z.string().min(4).max(10);
const keuze = z
  .object({
    periode,
    tabel: z.enum(['wijken', 'waaier', 'stapeling', 'trend', 'aanbieders', 'informatievragen', 'uitsplitsing', 'programmering', 'toerekening']),
    pijler: z.string().max(20).nullable(),
    niveau: z.enum(['gemeente', 'wijk', 'gebied']).optional(),
    splitsing: z.array(z.enum(DIMENSION_KEYS)).max(2).refine((keys) => new Set(keys).size === keys.length, 'een uitsplitsing komt maar één keer voor').optional(),
  })
  .strict();

export const overzichtHandlers = [
  defineHandler('overzicht.perioden', noArgs, (_args, { db }) => overzichtPerioden(db)),
  defineHandler('overzicht.cijfers', z.object({ periode, vergelijk: periode.nullable() }).strict(), ({ periode, vergelijk }, { db }) => overzichtCijfers(db, ref, periode, vergelijk)),
  defineHandler('overzicht.tabel', keuze, (args, { db }) => overzichtTabel(db, ref, args)),
  defineHandler('overzicht.begrippen', noArgs, () => definitions),

  defineHandler('overzicht.export', keuze, async (args, { db, dialogs }) => {
    const { periode, tabel, pijler } = args;
    const table = await overzichtTabel(db, ref, args);
    const file = await dialogs.save({ title: 'Tabel opslaan (intern)', defaultName: `INTERN-${tabel}-${periode}.xlsx`, filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }] });
    if (file === null) return { saved: false as const };
    const settings = getSettings(db);
    await writeOverzichtWorkbook(file, table, `${settings.gemeenteNaam ?? ''} ${settings.gemeenteCode ?? ''}`.trim());
    recordAction(db, 'overzicht geëxporteerd', { periode, tabel, pijler });
    return { saved: true as const, path: file };
  }),

  defineHandler('overzicht.png', z.object({ naam: z.string().min(1).max(60).regex(/^[\w-]+$/), png: z.string().max(20_000_000) }).strict(), async ({ naam, png }, { db, dialogs }) => {
    const bytes = Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64');
    // Only an image leaves this way: the bytes must be a PNG, whatever the page sent.
    if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new UserError('ONGELDIGE_INVOER', 'De grafiek kon niet als afbeelding worden gemaakt.');
    const file = await dialogs.save({ title: 'Grafiek opslaan (intern)', defaultName: `INTERN-${naam}.png`, filters: [{ name: 'PNG-afbeelding', extensions: ['png'] }] });
    if (file === null) return { saved: false as const };
    await withAtomicFile(file, async (temp) => writeFileSync(temp, bytes));
    recordAction(db, 'grafiek opgeslagen', { naam });
    return { saved: true as const, path: file };
  }),
];
