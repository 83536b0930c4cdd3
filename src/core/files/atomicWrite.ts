import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A temporary name beside the target, so the final rename stays on one file system. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes the file under a temporary name and renames it into place, so a reader never sees a
 * half-written file and a failure leaves whatever was there before.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const temp = tempPathFor(file);
  try {
    // The mode applies from creation: a private file is never readable by others, not even briefly.
    writeFileSync(temp, data, { flag: 'wx', mode: options.mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The same guarantee for writers that produce the file themselves (ExcelJS, zip streams). */
export async function withAtomicFile(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(file);
  try {
    await write(temp);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
