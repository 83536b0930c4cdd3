import { readdir, readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { UserError } from '../../errors.ts';

/** One message file as read: its name as the user finds it (`archief.zip/2025/JW301_1.xml`) and its bytes. */
export type BerichtBestand = { bestand: string; data: Buffer };

/**
 * A message is a few kilobytes; a declaration of a large provider a few megabytes. The schema
 * validator holds a whole document, so a larger entry is refused rather than read into memory
 * (and a zip bomb is stopped by yauzl checking the declared sizes).
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const MAX_RATIO = 200;

/** Whether a path given as input is message traffic rather than a client-system export: `.xml`, a folder or a zip. */
export function isBerichtenSource(file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xml' || ext === '.zip') return true;
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every `.xml` message in the sources, one at a time in a stable order (folders sorted by name),
 * so a folder or zip of a year's berichtenverkeer never sits in memory at once.
 */
export async function* berichtBestanden(sources: readonly string[], signal?: AbortSignal): AsyncGenerator<BerichtBestand> {
  for (const source of sources) {
    signal?.throwIfAborted();
    const naam = path.basename(source);
    let info;
    try {
      info = await stat(source);
    } catch {
      throw new UserError('BESTAND_ONTBREEKT', `Bestand ${naam} bestaat niet.`, { file: naam });
    }
    if (info.isDirectory()) yield* folder(source, naam, signal);
    else if (path.extname(source).toLowerCase() === '.zip') yield* zipEntries(source, naam, signal);
    else yield { bestand: naam, data: await readLimited(source, naam, info.size) };
  }
}

async function* folder(dir: string, shown: string, signal?: AbortSignal): AsyncGenerator<BerichtBestand> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    signal?.throwIfAborted();
    const full = path.join(dir, entry.name);
    const name = `${shown}/${entry.name}`;
    if (entry.isDirectory()) yield* folder(full, name, signal);
    else if (entry.isFile() && path.extname(entry.name).toLowerCase() === '.xml') {
      yield { bestand: name, data: await readLimited(full, name, (await stat(full)).size) };
    } else if (entry.isFile() && path.extname(entry.name).toLowerCase() === '.zip') yield* zipEntries(full, name, signal);
  }
}

async function readLimited(file: string, shown: string, size: number): Promise<Buffer> {
  if (size > MAX_MESSAGE_BYTES) throw tooBig(shown);
  return readFile(file);
}

function tooBig(shown: string): UserError {
  return new UserError('BERICHT_TE_GROOT', `${shown} is groter dan ${MAX_MESSAGE_BYTES / 1024 / 1024} MB; zo groot is geen iWmo- of iJw-bericht. Het is niet gelezen.`, { file: shown });
}

async function* zipEntries(file: string, shown: string, signal?: AbortSignal): AsyncGenerator<BerichtBestand> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, z) => (error ? reject(error) : resolve(z!))),
    );
  } catch {
    throw new UserError('GEEN_ZIP', `${shown} is geen leesbaar zip-bestand.`, { file: shown });
  }
  try {
    const seen = new Set<string>();
    for (;;) {
      signal?.throwIfAborted();
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry) => { cleanup(); resolve(e); };
        const onEnd = () => { cleanup(); resolve(null); };
        const onError = (e: Error) => { cleanup(); reject(e); };
        const cleanup = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
      }).catch(() => {
        throw new UserError('GEEN_ZIP', `${shown} is beschadigd: de inhoudsopgave van de zip kan niet worden gelezen.`, { file: shown });
      });
      if (entry === null) return;
      const name = `${shown}/${entry.fileName}`;
      if (entry.fileName.endsWith('/') || path.extname(entry.fileName).toLowerCase() !== '.xml') continue;
      // Two entries of one name would let one message hide behind another.
      if (seen.has(entry.fileName)) throw new UserError('DUBBEL_IN_ZIP', `${name} staat twee keer in de zip; de zip is niet gelezen.`, { file: shown });
      seen.add(entry.fileName);
      if (entry.uncompressedSize > MAX_MESSAGE_BYTES) throw tooBig(name);
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * MAX_RATIO) {
        throw new UserError('ZIP_BOM', `${name} is meer dan ${MAX_RATIO} keer gecomprimeerd; zo ziet een bericht er niet uit (mogelijk een zip-bom). Het is niet gelezen.`, { file: shown });
      }
      const data = await new Promise<Buffer>((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => resolve(Buffer.concat(chunks)));
        });
      }).catch(() => {
        throw new UserError('GEEN_ZIP', `${name} kan niet worden uitgepakt.`, { file: shown });
      });
      yield { bestand: name, data };
    }
  } finally {
    zip.close();
  }
}
