import { z } from 'zod';
import { defineHandler } from '../../api/registry.ts';
import { importReferenceFiles } from './importReference.ts';

/** The analyst edition's reference data: CBS, postcodes, aggregated sources, maps. */
export const referenceHandlers = [
  defineHandler(
    'central.reference',
    z
      .object({
        bestanden: z.array(z.string().min(1).max(4096)).min(1, 'Geef minstens één bestand op.').max(1000),
        jaar: z.number().int().min(1990, 'Het jaar moet tussen 1990 en 2100 liggen.').max(2100, 'Het jaar moet tussen 1990 en 2100 liggen.').optional(),
        jobId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    async ({ bestanden, jaar }, ctx) => {
      const store = await ctx.central();
      return importReferenceFiles(store.db, bestanden, { jaar, signal: ctx.signal, onProgress: (event) => ctx.progress(event) });
    },
  ),
];
