import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import yazl from 'yazl';
import { claimTemp, releaseTemp } from '../files/tempFiles.ts';
import { writeError } from '../files/writeErrors.ts';
import { csvChunk, UTF8_BOM } from './csvChunk.ts';

export type FileSummary = { rijen: number; sha256: string };

/** One CSV file inside the delivery, written row by row with its checksum kept alongside. */
export type CsvEntry = {
  write(rows: readonly (readonly (string | number)[])[]): Promise<void>;
  /** `rows` rows already serialised by `csvChunk`, for a caller that scans the text first. */
  writeText(text: string, rows: number): Promise<void>;
  end(): Promise<FileSummary>;
};

/**
 * Writes the delivery `.zip` under a temporary name beside the target and renames it only when
 * complete; `abort` (or any failure) removes the temporary file, so a refused or cancelled
 * delivery leaves nothing behind. Entries get a fixed timestamp so the bytes depend on content only.
 */
export class DeliveryZip {
  readonly #zip = new yazl.ZipFile();
  readonly #target: string;
  readonly #temp: string;
  readonly #finished: Promise<void>;
  readonly #mtime: Date;
  readonly #out: ReturnType<typeof createWriteStream>;

  constructor(target: string, mtime: Date) {
    this.#target = target;
    this.#temp = claimTemp(target);
    this.#mtime = mtime;
    // flush: fsync before close, so a full disk that shows only then still fails the delivery.
    const out = createWriteStream(this.#temp, { flags: 'wx', flush: true });
    this.#out = out;
    this.#zip.outputStream.pipe(out);
    this.#finished = new Promise((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', (error) => reject(writeError(target, error)));
      this.#zip.outputStream.on('error', reject);
    });
    // Failures surface through `finish`/`abort`; an unobserved rejection must not crash the worker.
    this.#finished.catch(() => {});
  }

  csv(name: string, header: readonly string[]): CsvEntry {
    const stream = new PassThrough();
    const hash = createHash('sha256');
    let rows = 0;
    this.#zip.addReadStream(stream, name, { mtime: this.#mtime, compress: true });
    const push = async (text: string) => {
      // Encode once: the same bytes go to the checksum and into the zip.
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      // When the file cannot be written (disk full) the zip stops reading this entry, so 'drain'
      // never comes: without the race the delivery would wait forever (and Node exit with 13).
      if (!stream.write(bytes)) await Promise.race([once(stream, 'drain'), this.#finished.then(() => Promise.reject(new Error('zip output closed early')))]);
    };
    const ready = push(UTF8_BOM + csvChunk([header]));
    return {
      async write(chunk) {
        await ready;
        rows += chunk.length;
        await push(csvChunk(chunk));
      },
      async writeText(text, count) {
        await ready;
        rows += count;
        await push(text);
      },
      async end() {
        await ready;
        stream.end();
        return { rijen: rows, sha256: hash.digest('hex') };
      },
    };
  }

  json(name: string, value: unknown): void {
    this.#zip.addBuffer(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), name, { mtime: this.#mtime, compress: true });
  }

  /**
   * `place` lets the caller put the file in place inside its own transaction (the delivery
   * history), so the file and its record appear together or not at all.
   */
  async finish(place: (rename: () => void) => void = (rename) => rename()): Promise<void> {
    this.#zip.end();
    try {
      await this.#finished;
      place(() => renameSync(this.#temp, this.#target));
    } catch (error) {
      rmSync(this.#temp, { force: true });
      throw writeError(this.#target, error);
    } finally {
      releaseTemp(this.#temp);
    }
  }

  async abort(): Promise<void> {
    const output = this.#zip.outputStream as Readable;
    output.unpipe();
    output.destroy();
    this.#out.destroy();
    await this.#finished.catch(() => {});
    rmSync(this.#temp, { force: true });
    releaseTemp(this.#temp);
  }
}
