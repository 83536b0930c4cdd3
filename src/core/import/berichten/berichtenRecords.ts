import type { Periode } from '../../period/periode.ts';
import type { Pseudonymiser } from '../../pseudonym/wm1.ts';
import type { Finding } from '../../quality/finding.ts';
import type { StoredRecord } from '../storedRecord.ts';
import { loadBerichtCodes } from './codes.ts';
import { readBerichten, type BerichtMelding, type ReadSummary } from './reader.ts';
import { createReconstructie, type VoorzieningPreview } from './reconstruct.ts';

export type BerichtenImport = {
  records: StoredRecord[];
  preview: VoorzieningPreview[];
  findings: Finding[];
  /** Dutch, one per problem, each naming file and element path (and line); never a value. */
  meldingen: string[];
  summary: ReadSummary;
};

/**
 * Reads message traffic and reconstructs its voorzieningen as the records an export gives, so
 * they go through the same quality report, classification, area table, privacy scan, store and
 * delivery. All messages are read before any record is made: a stop or credit may come first.
 */
export async function importBerichten(input: {
  sources: readonly string[];
  pseudonymiser: Pseudonymiser;
  /** Costs are those of declaration lines in this period; all lines when null (preview). */
  periode: Periode | null;
  resourcesDir?: string;
  onBsn?: (bsn9: string) => void;
  zonderSchema?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
}): Promise<BerichtenImport> {
  const codes = loadBerichtCodes(input.resourcesDir);
  const reconstructie = createReconstructie(codes);
  const meldingen: BerichtMelding[] = [];
  const summary = await readBerichten({
    sources: input.sources,
    pseudonymiser: input.pseudonymiser,
    codes,
    resourcesDir: input.resourcesDir,
    onFeit: (feit) => reconstructie.add(feit),
    onMelding: (m) => meldingen.push(m),
    onBsn: input.onBsn,
    zonderSchema: input.zonderSchema,
    signal: input.signal,
    onProgress: (done) => input.onProgress?.({ phase: 'berichten lezen', done, total: null }),
  });
  const result = reconstructie.finish(input.periode);
  const findings = [
    ...meldingen.map((m): Finding => ({ bestand: m.bestand, rij: m.regel ?? 0, gegeven: 'rij', kolom: m.pad, controle: 'bericht_ongeldig', uitgesloten: true })),
    ...result.findings,
  ];
  return { ...result, findings, meldingen: meldingen.map(formatMelding), summary };
}

export function formatMelding(m: BerichtMelding): string {
  const where = [m.pad ? `element ${m.pad}` : null, m.regel ? `regel ${m.regel}` : null].filter((w) => w !== null).join(', ');
  return `${m.bestand}${where ? ` (${where})` : ''}: ${m.melding}.`;
}

/** The records in batches, as the delivery writer takes an export's. */
export async function* recordBatches(records: readonly StoredRecord[], size = 10_000): AsyncGenerator<StoredRecord[]> {
  for (let at = 0; at < records.length; at += size) yield records.slice(at, at + size);
}
