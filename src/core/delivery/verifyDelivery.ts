import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import Papa from 'papaparse';
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { passesElfproef } from '../pseudonym/bsn.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES, manifestSchema, type DeliveryManifest } from './deliveryManifest.ts';

export type VerifyResult = { ok: boolean; problems: string[]; manifest: DeliveryManifest | null };

/**
 * Checks a delivery as the receiving side would: the manifest, the exact file and column set,
 * every row count and checksum, and the 9-digit rule on every field. Reports, never repairs.
 */
export async function verifyDelivery(file: string): Promise<VerifyResult> {
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
    const entries = await listEntries(zip);
    const names = entries.map((e) => e.fileName).sort();
    const expected = ['levering.json', ...DELIVERY_FILES].sort();
    const extra = names.filter((n) => !expected.includes(n));
    const missing = expected.filter((n) => !names.includes(n));
    if (extra.length > 0) problems.push(`Onverwachte bestanden in de levering: ${extra.join(', ')}.`);
    if (missing.length > 0) problems.push(`Ontbrekende bestanden in de levering: ${missing.join(', ')}.`);

    const byName = new Map(entries.map((e) => [e.fileName, e]));
    let manifest: DeliveryManifest | null = null;
    const manifestEntry = byName.get('levering.json');
    if (manifestEntry) {
      const text = (await readAll(await openEntry(zip, manifestEntry))).toString('utf8');
      const parsed = manifestSchema.safeParse(safeJson(text));
      if (parsed.success) manifest = parsed.data;
      else problems.push(`levering.json voldoet niet aan het formaat (veld ${parsed.error.issues[0]?.path.join('.') || '?'}).`);
    }

    for (const csvName of DELIVERY_FILES) {
      const entry = byName.get(csvName);
      if (!entry) continue;
      const result = await checkCsv(await openEntry(zip, entry), DELIVERY_FILE_COLUMNS[csvName]);
      problems.push(...result.problems.map((p) => `${csvName}: ${p}`));
      if (result.crc !== entry.crc32) problems.push(`${csvName}: beschadigd (de CRC-32 klopt niet met de inhoudsopgave van het zip-bestand).`);
      const declared = manifest?.bestanden[csvName];
      if (declared) {
        if (declared.sha256 !== result.sha256) problems.push(`${csvName}: de controlesom klopt niet met levering.json.`);
        if (declared.rijen !== result.rows) problems.push(`${csvName}: ${result.rows} rijen, levering.json noemt ${declared.rijen}.`);
      }
    }
    return { ok: problems.length === 0, problems, manifest };
  } catch {
    problems.push(`${name} is beschadigd: een bestand erin kan niet worden gelezen.`);
    return { ok: false, problems, manifest: null };
  } finally {
    zip.close();
  }
}

async function checkCsv(stream: Readable, columns: readonly string[]): Promise<{ rows: number; sha256: string; crc: number; problems: string[] }> {
  const hash = createHash('sha256');
  let crc = 0;
  const problems: string[] = [];
  let rows = -1;
  let flagged = 0;
  // Checksum over the raw bytes; the parser gets decoded text (a character may span two chunks).
  const decoded = new PassThrough();
  decoded.setEncoding('utf8');
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    crc = crc32(chunk, crc);
  });
  stream.pipe(decoded);
  await new Promise<void>((resolve, reject) => {
    // A damaged entry fails in the zip stream (bad size, bad deflate data), not in the parser.
    stream.once('error', reject);
    Papa.parse<string[]>(decoded as unknown as File, {
      delimiter: ';',
      skipEmptyLines: true,
      step: (result) => {
        rows++;
        const fields = result.data;
        if (rows === 0) {
          const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
          if (header.join(';') !== columns.join(';')) problems.push(`de kolommen wijken af van levering v1 (verwacht: ${columns.join(';')}).`);
          return;
        }
        if (fields.length !== columns.length) problems.push(`rij ${rows + 1} heeft ${fields.length} velden in plaats van ${columns.length}.`);
        fields.forEach((field, i) => {
          if (field.length === 9 && /^\d{9}$/.test(field) && passesElfproef(field) && flagged++ < 10) {
            problems.push(`rij ${rows + 1}, kolom ${columns[i] ?? i + 1}: een getal van 9 cijfers dat aan de 11-proef voldoet (mogelijk een BSN).`);
          }
        });
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  return { rows: Math.max(rows, 0), sha256: hash.digest('hex'), crc, problems };
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
