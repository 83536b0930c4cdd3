import { isAscii, isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { fileLabel, readerError } from './readerErrors.ts';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** Bytes looked at for encoding, delimiter and line-ending detection. */
export const SAMPLE_BYTES = 64 * 1024;
/** When the sample is plain ASCII, how far to look on for the first non-ASCII byte. */
const ASCII_SCAN_LIMIT = 32 * 1024 * 1024;
const SCAN_CHUNK = 1024 * 1024;

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The length of `bytes` without an incomplete UTF-8 sequence at the very end, so a sample cut at
 * an arbitrary byte is not mistaken for invalid UTF-8.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + needed > end ? i : end;
  }
  return end;
}

/**
 * Index of the first byte that is not valid UTF-8 (WHATWG rules: no overlong forms, no
 * surrogates), or -1. Continuation bytes at the very start are skipped: the buffer may begin in
 * the middle of a character. Only used to say where a decoding error is.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= needed; k++) {
      const c = bytes[i + k];
      if (c === undefined) return -1; // cut off at the end of the buffer: not known to be wrong
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += needed + 1;
  }
  return -1;
}

/**
 * Index of the first byte pair or triple that is UTF-8 for a Latin-1 letter or common punctuation
 * (`C2|C3 80–BF`, `E2 80–82 80–BF`), or -1. Read as Windows-1252 these are the telltale "Ã©" and
 * "â€™"; Dutch text in Windows-1252 never has "Ã" or "Â" before such a character, so finding one
 * in a file read as Windows-1252 means UTF-8 is mixed in. (A pair cut by a chunk boundary is
 * missed; the next one is found.)
 */
export function firstUtf8Sequence(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0xc2 && b !== 0xc3 && b !== 0xe2) continue;
    const next = bytes[i + 1];
    if (next === undefined) return -1;
    if ((b === 0xc2 || b === 0xc3) && next >= 0x80 && next <= 0xbf) return i;
    if (b === 0xe2 && next >= 0x80 && next <= 0x82) {
      const third = bytes[i + 2];
      if (third !== undefined && third >= 0x80 && third <= 0xbf) return i;
    }
  }
  return -1;
}

export type TextSniff = {
  encoding: TextEncoding;
  /** The file starts with a UTF-8 byte order mark (3 bytes, skipped when reading). */
  bom: boolean;
  /** The first SAMPLE_BYTES of the file (fewer for a small file). */
  sample: Buffer;
  /** The whole file is in the sample. */
  complete: boolean;
  size: number;
};

/**
 * Looks at the start of a text export: refuses what is not a readable text file and chooses the
 * encoding. A UTF-8 byte order mark means UTF-8; otherwise valid UTF-8 means UTF-8 and anything
 * else Windows-1252 (what Excel writes for "CSV (gescheiden door lijstscheidingsteken)" on a Dutch
 * Windows). When the sample is plain ASCII (valid as both) the file is scanned on, up to 32 MB,
 * for the first non-ASCII byte, which then decides.
 */
export async function sniffText(file: string, handle: FileHandle): Promise<TextSniff> {
  const size = (await handle.stat()).size;
  const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  const bytes = sample.subarray(0, bytesRead);
  const complete = bytesRead >= size;
  refuseNonText(file, bytes);
  const bom = startsWithUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.length === 0 || (complete && /^[\s\u0000]*$/.test(body.toString('latin1')))) {
    throw readerError('BESTAND_LEEG', file, `Het bestand ${fileLabel(file)} is leeg.`);
  }
  if (bom) return { encoding: 'utf-8', bom, sample: bytes, complete, size };
  if (!isAscii(body)) {
    const judged = complete ? body : body.subarray(0, completeUtf8Length(body));
    return { encoding: isUtf8(judged) ? 'utf-8' : 'windows-1252', bom, sample: bytes, complete, size };
  }
  const encoding = complete ? 'utf-8' : await judgeFirstNonAscii(handle, bytesRead, size);
  return { encoding, bom, sample: bytes, complete, size };
}

async function judgeFirstNonAscii(handle: FileHandle, from: number, size: number): Promise<TextEncoding> {
  const chunk = Buffer.alloc(SCAN_CHUNK);
  let position = from;
  const limit = Math.min(size, ASCII_SCAN_LIMIT);
  while (position < limit) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(SCAN_CHUNK, size - position), position);
    if (bytesRead === 0) break;
    const bytes = chunk.subarray(0, bytesRead);
    if (!isAscii(bytes)) {
      let start = 0;
      while (bytes[start]! < 0x80) start++;
      const atEnd = position + bytesRead >= size;
      const window = bytes.subarray(start, atEnd ? bytes.length : completeUtf8Length(bytes));
      return isUtf8(window) ? 'utf-8' : 'windows-1252';
    }
    position += bytesRead;
  }
  return 'utf-8';
}

function refuseNonText(file: string, bytes: Buffer): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw readerError(
      'UTF16_NIET_ONDERSTEUND',
      file,
      `Het bestand ${fileLabel(file)} is opgeslagen als UTF-16 ('Unicode-tekst'); dat wordt niet ondersteund. ` +
        `Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als 'CSV (gescheiden door lijstscheidingsteken)'.`,
    );
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw readerError(
      'GEEN_TEKSTBESTAND',
      file,
      `Het bestand ${fileLabel(file)} is geen CSV-bestand maar een Excel-werkmap. Geef het de extensie .xlsx, of sla het in Excel op als CSV.`,
    );
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw readerError(
      'XLS_NIET_ONDERSTEUND',
      file,
      `Het bestand ${fileLabel(file)} is geen CSV-bestand maar een Excel-bestand in het oude formaat (.xls); dat wordt niet ondersteund. Sla het in Excel op als .xlsx of CSV.`,
    );
  }
  // A text export has no NUL byte and hardly any other control character (tab, CR, LF and form
  // feed aside); random or compressed data (a PDF, an image, a zip under another name) has many.
  let zeros = 0;
  let controls = 0;
  for (const byte of bytes) {
    if (byte === 0) zeros++;
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  if (zeros > 0 || controls * 100 > bytes.length) {
    throw readerError(
      'GEEN_TEKSTBESTAND',
      file,
      `Het bestand ${fileLabel(file)} lijkt geen tekstbestand (of is opgeslagen als UTF-16 zonder kenmerk). ` +
        `Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als 'CSV (gescheiden door lijstscheidingsteken)'.`,
    );
  }
}
