import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors.ts';
import { withAtomicFile, writeFileAtomic } from '../../files/atomicWrite.ts';
import { readStoredJson } from '../../files/storedJson.ts';
import { parsePeriode } from '../../period/periode.ts';
import type { GemeenteRecords } from '../records/currentRecords.ts';

/*
 * Every publication of a period kept in the central store beside its suppression pattern
 * (`publicaties/<periode>.cijfers.csv` and `<periode>.publicatie.json`), the latest one of a
 * period replacing the one before. A later pack compares its period with an ijkperiode from what
 * was published for that period: figures of an earlier period are never computed again without
 * disclosure control, and a comparison never mixes two releases' suppression patterns. The
 * JSON names per gemeente the deliveries and their pseudonymisation keys, as the catalogue had
 * them when the release was made (a later delivery of that period does not change what was
 * published). It is written after the CSV: a publication without its JSON does not exist.
 */

const Meta = z
  .object({
    formaat: z.literal('wijkmonitor-publicatie'),
    versie: z.literal(1),
    periode: z.string(),
    aangemaakt: z.string(),
    gemeenten: z.array(z.object({ gemeente: z.string(), leveringen: z.array(z.number()), sleutels: z.array(z.string()) }).strict()),
  })
  .strict();
export type PublicationMeta = z.infer<typeof Meta>;
export type StoredPublication = PublicationMeta & { /** The suppressed long CSV, as `central export` wrote it. */ cijfers: string };

const dirOf = (dataDir: string) => path.join(dataDir, 'publicaties');
const metaFile = (dataDir: string, periode: string) => path.join(dirOf(dataDir), `${periode}.publicatie.json`);
const figuresFile = (dataDir: string, periode: string) => path.join(dirOf(dataDir), `${periode}.cijfers.csv`);

/** Keeps a copy of a just written suppressed release and what it was made of. */
export async function storePublication(dataDir: string, options: { periode: string; cijfers: string; gemeenten: readonly GemeenteRecords[]; now?: Date }): Promise<void> {
  const periode = parsePeriode(options.periode).code;
  mkdirSync(dirOf(dataDir), { recursive: true, mode: 0o700 });
  await withAtomicFile(figuresFile(dataDir, periode), async (temp) => copyFileSync(options.cijfers, temp));
  const meta: PublicationMeta = {
    formaat: 'wijkmonitor-publicatie',
    versie: 1,
    periode,
    aangemaakt: (options.now ?? new Date()).toISOString(),
    gemeenten: options.gemeenten.map((g) => ({ gemeente: g.gemeente, leveringen: g.delen.map((d) => d.leveringId), sleutels: [...new Set(g.delen.map((d) => d.sleutel))].sort() })),
  };
  writeFileAtomic(metaFile(dataDir, periode), `${JSON.stringify(meta, null, 2)}\n`);
}

/** The stored publication of a period, or null when the period was never published. */
export function readPublication(dataDir: string, periode: string): StoredPublication | null {
  const code = parsePeriode(periode).code;
  const file = metaFile(dataDir, code);
  const meta = readStoredJson(file, Meta);
  if (meta === null) return null;
  if (meta === false || meta.periode !== code) {
    throw new UserError('PUBLICATIE_ONLEESBAAR', `De opgeslagen publicatie over ${code} (${path.basename(file)}) is onleesbaar. Publiceer ${code} opnieuw of zet het bestand terug uit een reservekopie.`, { file: path.basename(file) });
  }
  return { ...meta, cijfers: figuresFile(dataDir, code) };
}

/** The periods with a stored publication, earliest first. */
export function publishedPeriods(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dirOf(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const periods = names.flatMap((n) => {
    const m = /^(.+)\.publicatie\.json$/.exec(n);
    if (!m) return [];
    try {
      return [parsePeriode(m[1]!)];
    } catch {
      return [];
    }
  });
  return periods.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : a.code.length - b.code.length)).map((p) => p.code);
}
