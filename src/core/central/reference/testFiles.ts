import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../testing/tempDir.ts';

/** The real CBS files in fixtures/cbs/ (byte for byte as CBS wrote them). */
export const CBS_FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/cbs');
export const TYPED_2019_AMSTERDAM = path.join(CBS_FIXTURES, 'kwb2019_84583NED_typeddataset_GM0363.csv');
export const STATLINE_2024_NL = path.join(CBS_FIXTURES, 'kwb2024_85984NED_statline-export_NL.csv');

/** Writes a file into a fresh temp folder and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tempDir('wm-ref-'), name);
  writeFileSync(file, content);
  return file;
}

/** A copy of a file under another name, for what the name alone decides (the year). */
export function copyAs(file: string, name: string): string {
  const copy = path.join(tempDir('wm-ref-'), name);
  copyFileSync(file, copy);
  return copy;
}

/** The error a promise is refused with; fails the test when it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<Error & { code?: string; location?: unknown }> {
  return promise.then(
    () => {
      throw new Error('expected a refusal, but it succeeded');
    },
    (error: unknown) => error as Error & { code?: string; location?: unknown },
  );
}
