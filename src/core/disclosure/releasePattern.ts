import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import { readStoredJson } from '../files/storedJson.ts';
import type { Release } from './releaseModel.ts';
import type { Soort, Suppression } from './suppressRelease.ts';

/*
 * The suppression pattern of a published release, stored in the central store beside the
 * catalogue (`publicaties/<periode>.onderdrukking.json`), so the next release of the same period
 * can keep it: a cell suppressed before whose values have not changed stays suppressed (else a
 * re-release would publish what the first one hid, and the two together reveal it), and a cell
 * that was secondary but changed is taken last as a candidate. Per suppressed cell its status and
 * the values it had; no client data, only the cell's counts, as in audit.csv.
 */

const SOORTEN = ['primair', 'secundair'] as const satisfies readonly Soort[];
const PatternCell = z.object({ soort: z.enum(SOORTEN), clienten: z.number(), voorzieningen: z.number(), kosten: z.number().nullable() }).strict();
const ReleasePattern = z.object({ formaat: z.literal('wijkmonitor-onderdrukking'), versie: z.literal(1), periode: z.string(), cellen: z.record(z.string(), PatternCell) }).strict();
export type PatternCell = z.infer<typeof PatternCell>;
export type ReleasePattern = z.infer<typeof ReleasePattern>;

export function patternFile(dataDir: string, periode: string): string {
  return path.join(dataDir, 'publicaties', `${periode}.onderdrukking.json`);
}

/** The previous release's pattern of the period, or null when it was never published. */
export function readPattern(dataDir: string, periode: string): ReleasePattern | null {
  const file = patternFile(dataDir, periode);
  const pattern = readStoredJson(file, ReleasePattern);
  if (pattern === null) return null;
  if (pattern === false || pattern.periode !== periode) {
    throw new UserError('PATROON_ONLEESBAAR', `Het onderdrukkingspatroon van de vorige publicatie over ${periode} (${path.basename(file)}) is onleesbaar; zonder dat patroon kan een nieuwe publicatie cellen onthullen die de vorige verborg. Zet het bestand terug uit een reservekopie.`, { file: path.basename(file) });
  }
  return pattern;
}

export function patternOf(periode: string, release: Release, suppression: Suppression): ReleasePattern {
  const cellen: Record<string, PatternCell> = {};
  for (const [g, soort] of suppression.soort) {
    const { clienten, voorzieningen, kosten } = release.groups[g]!.values;
    for (const key of release.groups[g]!.keys) cellen[key] = { soort, clienten, voorzieningen, kosten };
  }
  const sorted = Object.fromEntries(Object.entries(cellen).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { formaat: 'wijkmonitor-onderdrukking', versie: 1, periode, cellen: sorted };
}

export function writePattern(dataDir: string, pattern: ReleasePattern): void {
  const file = patternFile(dataDir, pattern.periode);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(pattern, null, 1)}\n`);
}

/**
 * What the previous pattern means for this release's groups: `keep`, suppressed before with the
 * same values now (any of the group's cells); `last`, secondary before but changed since.
 */
export function carriedForward(release: Release, previous: ReleasePattern | null): { keep: Set<number>; last: Set<number> } {
  const keep = new Set<number>();
  const last = new Set<number>();
  if (!previous) return { keep, last };
  release.groups.forEach((group, g) => {
    for (const key of group.keys) {
      const before = previous.cellen[key];
      if (!before) continue;
      const now = group.values;
      if (before.clienten === now.clienten && before.voorzieningen === now.voorzieningen && before.kosten === now.kosten) keep.add(g);
      else if (before.soort === 'secundair') last.add(g);
    }
  });
  for (const g of keep) last.delete(g);
  return { keep, last };
}
