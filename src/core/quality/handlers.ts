import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { UserError } from '../errors.ts';
import { batchesFor } from '../import/storedBatches.ts';
import { parsePeriode } from '../period/periode.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { acknowledge, acknowledgement } from './acknowledgement.ts';
import { MAX_LISTED_FINDINGS, writeQualityWorkbook } from './qualityWorkbook.ts';
import { describeQualityRows } from './qualityWords.ts';
import { FINDING_SORT_COLUMNS, storeFindings, storeFindingsPage, storeQualityReport } from './storeQuality.ts';

const ref = loadReferenceTables();
const periode = z.string().min(4).max(10);
/** A grid asks for a block at a time; a bigger page is a mistake, not a need. */
const MAX_FINDINGS_PAGE = 1000;

function batches(db: Db, code: string) {
  const found = batchesFor(db, parsePeriode(code));
  if (found.length === 0) throw new UserError('GEEN_IMPORT', `Er is nog niets ingelezen voor periode ${code}.`);
  return found;
}

export const qualityHandlers = [
  defineHandler('quality.acknowledgement', z.object({ periode }).strict(), ({ periode }, { db }) => acknowledgement(db, parsePeriode(periode))),

  defineHandler('quality.acknowledge', z.object({ periode }).strict(), ({ periode }, { db }) => {
    batches(db, periode);
    const stamp = acknowledge(db, parsePeriode(periode));
    recordAction(db, 'datakwaliteit akkoord', { periode });
    return stamp;
  }),

  defineHandler('import.periods', noArgs, (_args, { db }) =>
    db.prepare("SELECT DISTINCT periode FROM import_batch WHERE status = 'klaar' ORDER BY periode DESC").pluck().all() as string[],
  ),

  defineHandler('quality.report', z.object({ periode }).strict(), async ({ periode }, { db }) => {
    const { rows, summary } = await storeQualityReport(db, batches(db, periode), ref);
    return { regels: describeQualityRows(rows, ref), samenvatting: summary };
  }),

  defineHandler(
    'quality.findings',
    z
      .object({
        periode,
        gegeven: z.string().max(40),
        controle: z.string().max(40),
        offset: z.number().int().min(0).max(100_000_000),
        limit: z.number().int().min(1).max(MAX_FINDINGS_PAGE),
        sort: z
          .array(z.object({ kolom: z.enum(FINDING_SORT_COLUMNS), richting: z.enum(['asc', 'desc']) }).strict())
          .max(FINDING_SORT_COLUMNS.length)
          .optional(),
      })
      .strict(),
    ({ periode, gegeven, controle, offset, limit, sort }, { db }) => storeFindingsPage(db, batches(db, periode), gegeven, controle, { offset, limit, sort: sort ?? [] }),
  ),

  defineHandler('quality.export', z.object({ periode }).strict(), async ({ periode }, { db, dialogs }) => {
    const found = batches(db, periode);
    const file = await dialogs.save({ title: 'Kwaliteitsrapport opslaan', defaultName: `kwaliteit-${periode}.xlsx`, filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }] });
    if (file === null) return { saved: false as const };
    const { rows } = await storeQualityReport(db, found, ref);
    const findings = ref.controles.flatMap((c) => ['rij', ...ref.velden.map((v) => v.veld)].flatMap((g) => storeFindings(db, found, g, c.controle, MAX_LISTED_FINDINGS)));
    await writeQualityWorkbook(file, `Datakwaliteit periode ${periode} (${found.map((b) => b.bestand).join(', ')})`, describeQualityRows(rows, ref), findings);
    recordAction(db, 'kwaliteitsrapport geëxporteerd', { periode });
    return { saved: true as const, path: file };
  }),
];
