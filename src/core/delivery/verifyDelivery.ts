import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import Papa from 'papaparse';
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yauzl from 'yauzl';
import { carriesBsn, maskBsnRuns } from '../privacy/bsnRuns.ts';
import type { DeliveryLast } from '../lasten/deliveryLasten.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES, LASTEN_FILE, manifestSchema, type DeliveryManifest } from './deliveryManifest.ts';
import { createPlainCsvScan } from './plainCsvScan.ts';

/**
 * `lasten`: the rows of lasten.csv of a v2 delivery, checked (empty for v1). `undecided`: only
 * with a `plain` reader, when voorzieningen.csv was not plain (plainCsvScan.ts): nothing is
 * known of its rows, and the delivery is to be verified again without `plain`. `unguarded`: only
 * with a `plain` reader, when no field of voorzieningen.csv starts with the formula guard '.
 */
export type VerifyResult = { ok: boolean; problems: string[]; manifest: DeliveryManifest | null; lasten: DeliveryLast[]; undecided?: true; unguarded?: true };

/**
 * lasten.csv's reading (levering v2), loaded only for a delivery that has one: it brings the
 * lasten table's module and with it the spreadsheet readers (ExcelJS), a third of a second of
 * loading that a v1 delivery never needs.
 */
const lastenReading = () => import('../lasten/deliveryLasten.ts');

/**
 * What a reader of a delivery (the indicator engine) does with `voorzieningen.csv` while it is
 * verified, so the file is read once. `rows` gets every parsed row, the header as row 1, only
 * after the zip's structure and `levering.json` passed; an error it throws stops the verification
 * and is thrown by `verifyDelivery` as is.
 */
export type DeliveryRowReader = {
  start(manifest: DeliveryManifest): void;
  row(fields: string[], row: number): void;
  /** The raw bytes of `voorzieningen.csv` as they are read and checksummed: a copy is then exactly what was verified. */
  bytes?(chunk: Buffer): void;
  /**
   * The reader parses the copy itself, refusing a row with another number of fields: verify
   * then parses `voorzieningen.csv` only if it is not plain (plainCsvScan.ts), else it counts
   * its rows, checks its header and looks for a possible BSN in its bytes, and `row` is never
   * called. A file that is not plain is reported `undecided`. Parsing a million rows and
   * scanning each of their 25 million fields was most of verify's time.
   */
  plain?: true;
};

/**
 * Bounds checked before a byte of a CSV is parsed (a zip can declare a 4 GB line in 4 MB). No
 * line of a delivery comes near 64 KiB (25 short fields); a real delivery compresses 3–6× (the
 * pseudonyms are random hex), so more than 50× is a bomb or a file made to look like a delivery.
 */
export const MAX_LINE_BYTES = 64 * 1024;
const MAX_RATIO = 50;
const MAX_ENTRIES = 100;

/**
 * Checks a delivery (levering v1, or v2 with lasten.csv) as the receiving side would: the manifest, the exact file and column set
 * (each name once), sizes against the declared row counts, every row count and checksum, and the
 * privacy scan on every field of every file. Reports, never repairs.
 */
export async function verifyDelivery(file: string, reader?: DeliveryRowReader): Promise<VerifyResult> {
  const checked = await verifyFiles(file, reader);
  return { ...checked, lasten: checked.lasten ?? [] };
}

async function verifyFiles(file: string, reader?: DeliveryRowReader): Promise<Omit<VerifyResult, 'lasten'> & { lasten?: DeliveryLast[] }> {
  let undecided = false;
  let unguarded = false;
  const name = path.basename(file);
  const problems: string[] = [];
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, z) => (error ? reject(error) : resolve(z!))),
    );
  } catch {
    return { ok: false, problems: [`${name} is geen leesbaar zip-bestand.`], manifest: null };
  }
  try {
    // The central directory says how many entries follow; a delivery has five, so a long list is not read.
    if (zip.entryCount > MAX_ENTRIES) {
      return { ok: false, problems: [`${name} bevat ${zip.entryCount} bestanden; een levering bevat er ${DELIVERY_FILES.length + 1}. Het is niet gelezen.`], manifest: null };
    }
    const entries = await listEntries(zip);
    const names = entries.map((e) => e.fileName).sort();
    // lasten.csv is v2's optional file: expected when it is there (the manifest must then be v2).
    const files: string[] = [...DELIVERY_FILES, ...(names.includes(LASTEN_FILE) ? [LASTEN_FILE] : [])];
    const lastenModule = names.includes(LASTEN_FILE) ? await lastenReading() : null;
    // Every file the delivery can hold with its columns: v1's four and v2's optional lasten.csv.
    const fileColumns: Record<string, readonly string[]> = { ...DELIVERY_FILE_COLUMNS, ...(lastenModule ? { [LASTEN_FILE]: lastenModule.LASTEN_DELIVERY_COLUMNS } : {}) };
    const expected = ['levering.json', ...files].sort();
    const extra = [...new Set(names.filter((n) => !expected.includes(n)))];
    const missing = expected.filter((n) => !names.includes(n));
    // Tools disagree on which of two same-named entries they extract: unzip takes the first.
    const doubled = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (extra.length > 0) problems.push(`Onverwachte bestanden in de levering: ${extra.map(printable).join(', ')}.`);
    if (missing.length > 0) problems.push(`Ontbrekende bestanden in de levering: ${missing.join(', ')}.`);
    if (doubled.length > 0) problems.push(`Bestanden die meer dan eens in de levering staan: ${doubled.map(printable).join(', ')}.`);

    const byName = new Map(entries.map((e) => [e.fileName, e]));
    let manifest: DeliveryManifest | null = null;
    const manifestEntry = byName.get('levering.json');
    if (manifestEntry && doubled.length === 0) {
      if (manifestEntry.uncompressedSize > MAX_LINE_BYTES) problems.push('levering.json is groter dan een leveringsbeschrijving kan zijn.');
      else {
        const text = (await readAll(await openEntry(zip, manifestEntry))).toString('utf8');
        const parsed = manifestSchema.safeParse(safeJson(text));
        if (parsed.success) {
          manifest = parsed.data;
          for (const field of ['gemeentecode', 'gemeentenaam', 'periode', 'periode_begin', 'periode_eind', 'aangemaakt', 'app_versie', 'sleutel'] as const) {
            if (carriesBsn(manifest[field])) problems.push(`levering.json, veld ${field}: een getal dat een BSN kan zijn.`);
          }
        } else problems.push(`levering.json voldoet niet aan het formaat (veld ${parsed.error.issues[0]?.path.join('.') || '?'}).`);
      }
    }
    if (manifest && manifest.versie === 1 && files.includes(LASTEN_FILE)) problems.push(`${LASTEN_FILE} staat in de levering, maar levering.json is versie 1 en noemt het niet.`);
    if (manifest && manifest.versie === 2 && !files.includes(LASTEN_FILE)) problems.push(`Ontbrekend bestand in de levering: ${LASTEN_FILE} (levering.json is versie 2).`);
    const oversized = new Set<string>();
    const declaredOf = (csvName: string) => (manifest?.bestanden as Record<string, { rijen: number; sha256: string } | undefined> | undefined)?.[csvName];
    for (const csvName of files) {
      const entry = byName.get(csvName);
      const declared = declaredOf(csvName);
      // Without a valid manifest the compression bound still applies: a bomb needs no manifest.
      const found = entry ? sizeProblems(csvName, entry, declared?.rijen, fileColumns[csvName]!.length) : [];
      if (found.length > 0) oversized.add(csvName);
      problems.push(...found);
    }
    // A reader loads nothing from a delivery that is already refused.
    if (reader && (problems.length > 0 || !manifest)) return { ok: false, problems, manifest };
    if (reader && manifest) reader.start(manifest);

    let lasten: DeliveryLast[] | undefined;
    for (const csvName of files) {
      const entry = byName.get(csvName);
      if (!entry || doubled.includes(csvName) || oversized.has(csvName)) continue;
      const own = csvName === 'voorzieningen.csv' ? reader : undefined;
      // lasten.csv is a few rows: kept to be checked as the app checks its own lasten table.
      const lastenRows: string[][] = [];
      const onRow = csvName === LASTEN_FILE ? (fields: string[]) => void lastenRows.push(fields) : own?.row;
      const plain = own?.plain === true;
      const result = await (plain ? checkPlainCsv : checkCsv)(await openEntry(zip, entry), fileColumns[csvName]!, onRow, own?.bytes?.bind(own));
      if (result.undecided) {
        undecided = true;
        continue;
      }
      if (result.unguarded) unguarded = true;
      if (csvName === LASTEN_FILE && result.complete && result.problems.length === 0) {
        const read = lastenModule!.readDeliveryLasten(lastenRows, manifest?.periode ?? '');
        problems.push(...read.problems.map((p) => `${LASTEN_FILE}: ${p}.`));
        lasten = read.lasten;
      }
      problems.push(...result.problems.map((p) => `${csvName}: ${p}`));
      // A file not read to its end has no checksum or row count to compare.
      if (!result.complete) continue;
      if (result.crc !== entry.crc32) problems.push(`${csvName}: beschadigd (de CRC-32 klopt niet met de inhoudsopgave van het zip-bestand).`);
      const declared = declaredOf(csvName);
      if (declared) {
        if (declared.sha256 !== result.sha256) problems.push(`${csvName}: de controlesom klopt niet met levering.json.`);
        if (declared.rijen !== result.rows) problems.push(`${csvName}: ${result.rows} rijen, dat klopt niet met levering.json (die noemt ${declared.rijen}).`);
      }
    }
    if (undecided) return { ok: false, problems, manifest, undecided: true };
    return { ok: problems.length === 0, problems, manifest, ...(lasten ? { lasten } : {}), ...(unguarded ? { unguarded: true as const } : {}) };
  } catch (error) {
    if (error instanceof ReaderError) throw error.cause;
    problems.push(`${name} is beschadigd: een bestand erin kan niet worden gelezen.`);
    return { ok: false, problems, manifest: null };
  } finally {
    zip.close();
  }
}

/** An entry name as it may be shown: control characters and overlong names would garble the message. */
function printable(entryName: string): string {
  const clean = maskBsnRuns(entryName.replace(/[\u0000-\u001f\u007f]/g, '?'));
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

/** The central directory's sizes (which yauzl holds the data to) against the declared row count. */
function sizeProblems(csvName: string, entry: yauzl.Entry, rijen: number | undefined, columns: number): string[] {
  const problems: string[] = [];
  const size = entry.uncompressedSize;
  // A row is at least its separators and CRLF; and at most one bounded line (header included).
  if (rijen !== undefined && size > (rijen + 1) * MAX_LINE_BYTES) problems.push(`${csvName} is ${size} bytes groot, meer dan de ${rijen} rijen van levering.json kunnen beslaan.`);
  if (rijen !== undefined && rijen > 0 && size < rijen * (columns + 1)) problems.push(`${csvName} is ${size} bytes groot, te klein voor de ${rijen} rijen die levering.json noemt.`);
  if (size > 1024 * 1024 && size > entry.compressedSize * MAX_RATIO) {
    problems.push(`${csvName} is meer dan ${MAX_RATIO} keer gecomprimeerd; zo ziet een echte levering er niet uit (mogelijk een zip-bom). Het is niet gelezen.`);
  }
  return problems;
}

class ReaderError extends Error {}

/** Fails the stream as soon as one physical line exceeds MAX_LINE_BYTES, before the parser buffers it. */
function lineBound(onTooLong: () => void): (chunk: Buffer) => void {
  let run = 0;
  return (chunk) => {
    let at = 0;
    for (;;) {
      const lf = chunk.indexOf(10, at);
      if (lf === -1) {
        run += chunk.length - at;
        break;
      }
      if (run + lf - at > MAX_LINE_BYTES) return onTooLong();
      run = 0;
      at = lf + 1;
    }
    if (run > MAX_LINE_BYTES) onTooLong();
  };
}

type CsvCheck = { rows: number; sha256: string; crc: number; problems: string[]; complete: boolean; undecided?: boolean; unguarded?: boolean };

/**
 * checkCsv for a reader that parses the file itself (DeliveryRowReader.plain): the same
 * checksums and line bound over the bytes, and from them alone the row count, the header and
 * the look for a possible BSN of a plain file. Not plain (or possibly holding a BSN): undecided.
 */
async function checkPlainCsv(stream: Readable, columns: readonly string[], _onRow?: unknown, onBytes?: (chunk: Buffer) => void): Promise<CsvCheck> {
  const scan = createPlainCsvScan();
  const bytes = watchBytes(stream, (chunk) => {
    scan.push(chunk);
    onBytes?.(chunk);
  });
  try {
    await finished(stream);
  } catch (error) {
    if (!bytes.tooLong()) throw error;
  }
  const found = scan.finish();
  const { sha256, crc } = bytes.sums();
  if (bytes.tooLong() || !found.plain || found.header !== columns.join(';')) return { rows: 0, sha256, crc, problems: [], complete: !bytes.tooLong(), undecided: true };
  return { rows: found.rows, sha256, crc, problems: [], complete: true, unguarded: found.unguarded };
}

/**
 * The checksums and the line bound over a CSV entry's raw bytes, as every reading of it needs
 * them: a line over the bound stops the stream, and `tooLong` says that was why.
 */
function watchBytes(stream: Readable, onBytes?: (chunk: Buffer) => void) {
  const hash = createHash('sha256');
  let crc = 0;
  let tooLong = false;
  const bound = lineBound(() => {
    tooLong = true;
    stream.destroy(new Error('line too long'));
  });
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    crc = crc32(chunk, crc);
    bound(chunk);
    onBytes?.(chunk);
  });
  return { tooLong: () => tooLong, sums: () => ({ sha256: hash.digest('hex'), crc }) };
}

async function checkCsv(
  stream: Readable,
  columns: readonly string[],
  onRow?: (fields: string[], row: number) => void,
  onBytes?: (chunk: Buffer) => void,
): Promise<CsvCheck> {
  const problems: string[] = [];
  let rows = -1;
  let flagged = 0;
  // Checksum over the raw bytes; the parser gets decoded text (a character may span two chunks).
  const decoded = new PassThrough();
  decoded.setEncoding('utf8');
  const bytes = watchBytes(stream, onBytes);
  stream.pipe(decoded);
  try {
    await new Promise<void>((resolve, reject) => {
      // A damaged entry fails in the zip stream (bad size, bad deflate data), not in the parser.
      stream.once('error', reject);
      Papa.parse<string[]>(decoded as unknown as File, {
        delimiter: ';',
        skipEmptyLines: true,
        step: (result, parser) => {
          rows++;
          const fields = result.data;
          if (onRow) {
            try {
              onRow(fields, rows + 1);
            } catch (error) {
              // Before abort(): aborting runs complete() at once.
              reject(new ReaderError('reader', { cause: error }));
              parser.abort();
              stream.destroy();
              return;
            }
          }
          if (rows === 0) {
            const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
            if (header.join(';') !== columns.join(';')) problems.push(`de kolommen wijken af van levering v1 (verwacht: ${columns.join(';')}).`);
            return;
          }
          if (fields.length !== columns.length) problems.push(`rij ${rows + 1} heeft ${fields.length} velden in plaats van ${columns.length}.`);
          for (let i = 0; i < fields.length; i++) {
            if (carriesBsn(fields[i]!) && flagged++ < 10) {
              problems.push(`rij ${rows + 1}, kolom ${columns[i] ?? i + 1}: een getal dat een BSN kan zijn (9 cijfers die aan de 11-proef voldoen).`);
            }
          }
        },
        complete: () => resolve(),
        error: (error: Error) => reject(error),
      });
    });
  } catch (error) {
    if (!bytes.tooLong()) throw error;
    problems.push(`een regel is langer dan ${MAX_LINE_BYTES / 1024} KiB; zo ziet een levering er niet uit. Het bestand is niet verder gelezen.`);
  }
  if (flagged > 10) problems.push(`nog ${flagged - 10} velden die een BSN kunnen zijn.`);
  return { rows: Math.max(rows, 0), ...bytes.sums(), problems, complete: !bytes.tooLong() };
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream!))));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
