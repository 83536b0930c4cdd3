import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { claimTemp, releaseTemp, tempNameFor } from './tempFiles.ts';
import { fsyncFileSync, writeAllSync, writeError } from './writeErrors.ts';

/** A temporary name beside the target, so the final rename stays on one file system. */
export function tempPathFor(file: string): string {
  return tempNameFor(file);
}

/**
 * Writes the file under a temporary name and renames it into place, so a reader never sees a
 * half-written file and a failure leaves whatever was there before.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const temp = claimTemp(file);
  try {
    // The mode applies from creation: a private file is never readable by others, not even briefly.
    const fd = openSync(temp, 'wx', options.mode);
    try {
      writeAllSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeError(file, error);
  } finally {
    releaseTemp(temp);
  }
}

/** The same guarantee for writers that produce the file themselves (ExcelJS, zip streams). */
export async function withAtomicFile(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = claimTemp(file);
  try {
    await write(temp);
    // The writer closed the file; what it wrote may still be in the page cache only.
    fsyncFileSync(temp);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeError(file, error);
  } finally {
    releaseTemp(temp);
  }
}
