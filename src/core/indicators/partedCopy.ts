import { closeSync, openSync, rmSync } from 'node:fs';
import { writeAllSync } from '../files/writeErrors.ts';

/**
 * Bytes after which a part of the copy is closed, at the next line end. Verify reads a
 * million-record delivery (140 MB) in about as long as DuckDB stages it, so DuckDB stages one
 * part while verify reads the next. Not smaller: DuckDB's read_csv of parts of 6–12 MiB cost
 * about 2.5 times the CPU per byte of one read of the whole file (5.2 against 2.0 s for the
 * 140 MB, four runs each); at 32 MiB (five parts) 2.2–2.7 against 1.8–2.1 s.
 */
export const PART_BYTES = 32 * 2 ** 20;

const LF = 10;

/**
 * The copy of `voorzieningen.csv` written in parts, each cut after a line end and handed to
 * `stage` as soon as it is complete, one at a time and in order, then removed. A part that fails
 * to stage stops the rest from being staged (they are not written either); `settle` waits for
 * the staging and says how it went.
 */
export function partedCopy(base: string, stage: (file: string) => Promise<void>, partBytes = PART_BYTES) {
  let index = 0;
  let fd: number | null = null;
  let file = '';
  let size = 0;
  let failure: { error: unknown } | null = null;
  let staging: Promise<void> = Promise.resolve();
  const written: string[] = [];

  const open = () => {
    file = `${base}.${index++}`;
    written.push(file);
    fd = openSync(file, 'wx', 0o600);
    size = 0;
  };
  const close = () => {
    if (fd === null) return;
    closeSync(fd);
    fd = null;
    const part = file;
    if (size === 0) return void rmSync(part, { force: true });
    staging = staging.then(async () => {
      if (failure !== null) return;
      try {
        await stage(part);
      } catch (error) {
        failure = { error };
      } finally {
        rmSync(part, { force: true });
      }
    });
  };
  const write = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (fd === null) open();
    writeAllSync(fd!, bytes);
    size += bytes.length;
  };

  return {
    /** The next bytes of the file; a write error (a full disk) is thrown as itself. */
    write(chunk: Buffer): void {
      if (failure !== null) return;
      const cut = size + chunk.length >= partBytes ? chunk.lastIndexOf(LF) : -1;
      if (cut === -1) return write(chunk);
      write(chunk.subarray(0, cut + 1));
      close();
      write(chunk.subarray(cut + 1));
    },
    /** Closes the last part (`complete`: the file was read to its end, so it is staged too) and waits for every staging. */
    async settle(complete: boolean): Promise<{ error: unknown } | null> {
      if (complete) close();
      else if (fd !== null) {
        closeSync(fd);
        fd = null;
      }
      await staging;
      for (const part of written) rmSync(part, { force: true });
      return failure;
    },
  };
}
