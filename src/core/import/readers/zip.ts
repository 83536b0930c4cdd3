import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/*
 * Just enough of the ZIP format to read parts of an .xlsx in any order: the central directory at
 * the end of the file lists every part with its offset, so one part (the chosen sheet, the shared
 * strings) can be streamed without unpacking the others or spooling them to temporary files.
 * Stored (0) and deflated (8) parts, ZIP64 sizes and offsets. No encryption (an encrypted .xlsx is
 * not a ZIP file at all but an OLE container, refused by the caller).
 */

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
};

export class NotAZipError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The parts of a ZIP file by name. Throws NotAZipError when the file is not a readable ZIP. */
export async function readZipDirectory(handle: FileHandle): Promise<Map<string, ZipEntry>> {
  const size = (await handle.stat()).size;
  if (size < 22) throw new NotAZipError('too small');
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotAZipError('no end of central directory');
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR_SIGNATURE) throw new NotAZipError('no zip64 locator');
    const record = await readAt(handle, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new NotAZipError('bad zip64 record');
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size) throw new NotAZipError('bad directory');
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new NotAZipError('bad directory entry');
    const method = directory.readUInt16LE(at + 10);
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    let extraAt = at + 46 + nameLength;
    const extraEnd = extraAt + extraLength;
    while (extraAt + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extraAt);
      const length = directory.readUInt16LE(extraAt + 2);
      if (id === 0x0001) {
        let field = extraAt + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = Number(directory.readBigUInt64LE(field));
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(directory.readBigUInt64LE(field));
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(directory.readBigUInt64LE(field));
      }
      extraAt += 4 + length;
    }
    entries.set(name, { name, method, compressedSize, size: uncompressedSize, localHeaderOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

export type EntryReadOptions = {
  signal?: AbortSignal | undefined;
  /** Called with the number of compressed bytes just read. */
  onCompressedBytes?: ((bytes: number) => void) | undefined;
};

const READ_CHUNK = 256 * 1024;

/** The decompressed bytes of one part, streamed. */
export async function* entryBytes(handle: FileHandle, entry: ZipEntry, options: EntryReadOptions = {}): AsyncGenerator<Buffer> {
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new NotAZipError('bad local header');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = start + entry.compressedSize;
  async function* compressed(): AsyncGenerator<Buffer> {
    let position = start;
    while (position < end) {
      options.signal?.throwIfAborted();
      const length = Math.min(READ_CHUNK, end - position);
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead === 0) throw new NotAZipError('truncated part');
      position += bytesRead;
      options.onCompressedBytes?.(bytesRead);
      yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
    }
  }
  if (entry.method === 0) {
    yield* compressed();
    return;
  }
  if (entry.method !== 8) throw new NotAZipError(`compression method ${entry.method}`);
  const source = Readable.from(compressed(), { objectMode: false });
  const inflate = createInflateRaw();
  source.on('error', (error) => inflate.destroy(error));
  source.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } finally {
    source.destroy();
    inflate.destroy();
  }
}

/** The text of one part, decoded as UTF-8 across chunk boundaries. */
export async function* entryText(handle: FileHandle, entry: ZipEntry, options: EntryReadOptions = {}): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryBytes(handle, entry, options)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
