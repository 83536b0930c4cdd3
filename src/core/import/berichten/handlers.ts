import path from 'node:path';
import { z } from 'zod';
import type { BerichtenPreview, ImportResult } from '../../../shared/api.ts';
import { defineHandler, noArgs } from '../../api/registry.ts';
import { recordAction } from '../../audit/auditLog.ts';
import { parsePeriode } from '../../period/periode.ts';
import { withStoredKey } from '../../pseudonym/keyVault.ts';
import { createKey, createPseudonymiser } from '../../pseudonym/wm1.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { grantedPath, grantFile } from '../chosenFiles.ts';
import { importBerichten } from './berichtenRecords.ts';
import { importResult } from '../importBatch.ts';
import { importBerichtenBatch } from './storeBerichten.ts';

const PREVIEW_VOORZIENINGEN = 200;
const ref = loadReferenceTables();
const files = z.array(z.string().min(1).max(100)).min(1).max(50);

/** The Importeren screen's calls for message traffic, next to those for exports (issue 18). */
export const berichtenHandlers = [
  defineHandler('import.chooseBerichten', noArgs, async (_args, { dialogs }) => {
    const chosen = await dialogs.open({
      title: 'iWmo-/iJw-berichten kiezen',
      multiple: true,
      filters: [{ name: 'Berichten (XML, zip-archief)', extensions: ['xml', 'zip'] }],
    });
    return chosen.map(grantFile);
  }),

  defineHandler(
    'import.berichtenPreview',
    z.object({ bestandIds: files, periode: z.string().max(10) }).strict(),
    async ({ bestandIds, periode }, { signal }): Promise<BerichtenPreview> => {
      // A throw-away key: the preview shows no client, so no stored key is needed to look.
      const pseudonymiser = createPseudonymiser(createKey());
      const imported = await importBerichten({ sources: bestandIds.map(grantedPath), pseudonymiser, periode: parsePeriode(periode), signal }).finally(() => pseudonymiser.wipe());
      return {
        berichten: imported.summary.perType,
        ongeldig: imported.summary.ongeldig,
        aantal: imported.preview.length,
        voorzieningen: imported.preview.slice(0, PREVIEW_VOORZIENINGEN).map(({ pad: _pad, ...v }) => v),
        meldingen: imported.meldingen,
      };
    },
  ),

  defineHandler(
    'import.berichtenRun',
    z.object({ jobId: z.string().min(1).max(100), bestandIds: files, periode: z.string().max(10) }).strict(),
    async ({ bestandIds, periode }, { db, secrets, signal }): Promise<ImportResult> => {
      const sources = bestandIds.map(grantedPath);
      const pseudonymiser = await withStoredKey(db, secrets, async (key) => createPseudonymiser(key));
      const bestand = sources.map((s) => path.basename(s)).join(', ').slice(0, 200);
      const summary = await importBerichtenBatch(db, { sources, bestand, periode: parsePeriode(periode), pseudonymiser, signal }).finally(() => pseudonymiser.wipe());
      recordAction(db, 'berichten ingelezen', { bestand: summary.bestand, periode: summary.periode, rijen: summary.rijenIngelezen });
      return importResult(summary, ref);
    },
  ),
];
