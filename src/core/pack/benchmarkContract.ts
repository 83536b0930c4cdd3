import { z } from 'zod';
import { GROUP_COLUMNS } from '../benchmark/referenceGroupsCsv.ts';
import { PACK_STATUSES } from './packStatus.ts';
import { RELEASE_COLUMNS } from './releaseRows.ts';

/*
 * The benchmark file, contract `wijkmonitor-benchmark` v1 (DESIGN.md): what the analyst sends each
 * gemeente with its pack and the gemeente edition imports. Both sides read the names from here.
 */

export const BENCHMARK_FORMAT = 'wijkmonitor-benchmark';
export const BENCHMARK_VERSION = 1;
export const BENCHMARK_MANIFEST = 'benchmark.json';
export const BENCHMARK_FILES = { 'cijfers.csv': RELEASE_COLUMNS, 'referentiegroepen.csv': GROUP_COLUMNS } as const;
export type BenchmarkFileName = keyof typeof BENCHMARK_FILES;

const summary = z.object({ rijen: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const benchmarkManifest = z
  .object({
    formaat: z.literal(BENCHMARK_FORMAT),
    versie: z.literal(BENCHMARK_VERSION),
    periode: z.string().regex(/^\d{4}(Q[1-4]|H[12])?$/),
    gemeentecode: z.string().regex(/^GM\d{4}$/),
    gemeentenaam: z.string().max(200),
    aangemaakt: z.string().max(40),
    status: z.enum(PACK_STATUSES),
    toelichting: z.string().max(20_000),
    bestanden: z.object({ 'cijfers.csv': summary, 'referentiegroepen.csv': summary }).strict(),
  })
  .strict();
export type BenchmarkManifest = z.infer<typeof benchmarkManifest>;

export const benchmarkFileName = (gemeente: string, periode: string) => `${gemeente}_${periode}_benchmark.zip`;
