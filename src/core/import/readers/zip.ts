import yauzl from 'yauzl';

/*
 * Random access to the parts of an .xlsx (a ZIP file) through yauzl: the central directory lists
 * every part, so one part (the chosen sheet, the shared strings) is streamed without unpacking
 * the others or spooling them to temporary files.
 */

export type ZipEntry = { name: string; compressedSize: number; size: number; entry: yauzl.Entry };

export type ZipArchive = {
  entries: Map<string, ZipEntry>;
  zip: yauzl.ZipFile;
  /** Resolves once the file descriptor is really closed (yauzl waits for open part streams). */
  close(): Promise<void>;
};

export class NotAZipError extends Error {}

/** A part whose compressed data cannot be inflated (or whose size does not match the directory). */
export class CorruptPartError extends Error {
  readonly part: string;
  constructor(part: string, cause: unknown) {
    super(`corrupt zip part ${part}`, { cause });
    this.part = part;
  }
}

/** The parts of a ZIP file by name. Throws NotAZipError when the file is not a readable ZIP. */
export async function openZipArchive(file: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(new NotAZipError(error.message)) : resolve(opened!))),
  );
  const entries = new Map<string, ZipEntry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, { name: entry.fileName, compressedSize: entry.compressedSize, size: entry.uncompressedSize, entry });
        zip.readEntry();
      });
      zip.once('end', resolve);
      zip.once('error', (error: Error) => reject(new NotAZipError(error.message)));
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    entries,
    zip,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        zip.once('close', () => resolve());
        zip.close();
      })),
  };
}

export type EntryReadOptions = {
  signal?: AbortSignal | undefined;
  /** Called with (an estimate of) the number of compressed bytes just consumed. */
  onCompressedBytes?: ((bytes: number) => void) | undefined;
};

/** The raw (decompressed) bytes of one part, for readers that check them (a delivery's checksums). */
export function openEntryStream(archive: ZipArchive, part: ZipEntry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    archive.zip.openReadStream(part.entry, (error, opened) => (error ? reject(new NotAZipError(error.message)) : resolve(opened!))),
  );
}

/** The text of one part, decompressed and decoded as UTF-8 across chunk boundaries. */
export async function* entryText(archive: ZipArchive, part: ZipEntry, options: EntryReadOptions = {}): AsyncGenerator<string> {
  const stream = await openEntryStream(archive, part);
  const ratio = part.size > 0 ? part.compressedSize / part.size : 1;
  const decoder = new TextDecoder('utf-8');
  // yauzl reports decompressed bytes; progress is in compressed bytes, so scale and settle up at the end.
  let consumed = 0;
  let reported = 0;
  const report = (upTo: number) => {
    options.onCompressedBytes?.(upTo - reported);
    reported = upTo;
  };
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        // zlib (Z_DATA_ERROR …) or yauzl's size checks: the part is damaged, say which one
        throw new CorruptPartError(part.name, error);
      }
      if (next.done) break;
      const chunk = next.value;
      options.signal?.throwIfAborted();
      consumed += chunk.length;
      report(Math.min(part.compressedSize, Math.floor(consumed * ratio)));
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield text;
    }
    report(part.compressedSize);
  } finally {
    (stream as unknown as { destroy(): void }).destroy();
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
