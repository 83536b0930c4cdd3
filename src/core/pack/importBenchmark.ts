import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import type { BenchmarkImportResult } from '../../shared/api.ts';
import { UserError } from '../errors.ts';
import { recordAction } from '../audit/auditLog.ts';
import { getSettings } from '../settings/settings.ts';
import type { Db } from '../store/database.ts';
import { BENCHMARK_FILES, BENCHMARK_FORMAT, BENCHMARK_MANIFEST, BENCHMARK_VERSION, benchmarkManifest, type BenchmarkFileName } from './benchmarkContract.ts';
import { parseReleaseCsv } from './releaseRows.ts';

/*
 * `benchmark import` (gemeente edition): the file must be a wijkmonitor-benchmark v1 zip for
 * this gemeente, every file's sha256 and row count as its manifest says, the figures in the
 * release's own columns; then it is stored in one transaction, replacing an earlier file of the
 * same period. Anything else is refused with a Dutch message and nothing stored.
 */

/** A benchmark file is a few MB; anything far beyond is not one (and is not read into memory). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (e, z) => (e ? reject(e) : resolve(z!)))).catch(() => {
    throw new UserError('BENCHMARK_GEEN_ZIP', `${path.basename(file)} is geen leesbaar zip-bestand; kies het benchmarkbestand (…_benchmark.zip) dat u van de analist kreeg.`, { file: path.basename(file) });
  });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) return reject(new UserError('BENCHMARK_TE_GROOT', `${path.basename(file)}: ${entry.fileName.slice(0, 60)} is te groot voor een benchmarkbestand.`, { file: path.basename(file) }));
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        try {
          const chunks: Buffer[] = [];
          for await (const chunk of stream as Readable) chunks.push(chunk as Buffer);
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return out;
}

function refuse(file: string, message: string, column?: string): never {
  throw new UserError('BENCHMARK_ONGELDIG', `${path.basename(file)}: ${message}`, { file: path.basename(file), ...(column ? { column } : {}) });
}

export async function importBenchmark(db: Db, file: string, now = new Date()): Promise<Extract<BenchmarkImportResult, { imported: true }>> {
  const name = path.basename(file);
  const entries = await readEntries(file);
  const raw = entries.get(BENCHMARK_MANIFEST);
  if (!raw) refuse(file, `${BENCHMARK_MANIFEST} ontbreekt; dit is geen benchmarkbestand.`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    refuse(file, `${BENCHMARK_MANIFEST} is geen geldige JSON.`);
  }
  const head = json as Record<string, unknown>;
  if (head?.formaat !== BENCHMARK_FORMAT) refuse(file, `formaat is "${String(head?.formaat).slice(0, 40)}", verwacht ${BENCHMARK_FORMAT}.`, 'formaat');
  if (head.versie !== BENCHMARK_VERSION) refuse(file, `versie ${String(head.versie).slice(0, 10)} kan deze Wijkmonitor niet lezen (alleen versie ${BENCHMARK_VERSION}); werk de app bij.`, 'versie');
  const parsed = benchmarkManifest.safeParse(json);
  if (!parsed.success) refuse(file, `${BENCHMARK_MANIFEST}, veld ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`, parsed.error.issues[0]!.path.join('.'));
  const manifest = parsed.data;
  const own = getSettings(db).gemeenteCode;
  if (!own) throw new UserError('GEEN_GEMEENTE', 'Stel eerst onder Instellingen in welke gemeente dit is; dan kan het benchmarkbestand worden gecontroleerd.');
  if (manifest.gemeentecode !== own) refuse(file, `dit benchmarkbestand is voor ${manifest.gemeentecode}, niet voor deze gemeente (${own}).`, 'gemeentecode');
  const texts = {} as Record<BenchmarkFileName, string>;
  for (const [entry, columns] of Object.entries(BENCHMARK_FILES) as [BenchmarkFileName, readonly string[]][]) {
    const bytes = entries.get(entry);
    if (!bytes) refuse(file, `${entry} ontbreekt.`);
    const expected = manifest.bestanden[entry];
    if (createHash('sha256').update(bytes).digest('hex') !== expected.sha256) refuse(file, `de controlesom (sha256) van ${entry} klopt niet: het bestand is beschadigd of gewijzigd.`, entry);
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const header = text.slice(0, text.search(/\r?\n/)).split(';');
    if (header.join(';') !== columns.join(';')) refuse(file, `${entry} heeft niet de kolommen ${columns.join(';')}.`, entry);
    const lines = Papa.parse(text, { delimiter: ';', skipEmptyLines: true }).data.length - 1;
    if (lines !== expected.rijen) refuse(file, `${entry} heeft ${lines} rijen, het manifest zegt ${expected.rijen}.`, entry);
    texts[entry] = text;
  }
  const cijfers = parseReleaseCsv(texts['cijfers.csv'], `${name} › cijfers.csv`);
  cijfers.forEach((r, i) => {
    if (r.periode !== manifest.periode) throw new UserError('BENCHMARK_ONGELDIG', `${name} › cijfers.csv, rij ${i + 2}, kolom periode: ${r.periode.slice(0, 10)} hoort niet bij periode ${manifest.periode}.`, { file: name, row: i + 2, column: 'periode' });
    if (r.gemeente !== own && r.gemeente !== 'ALLE' && r.gemeente !== '') throw new UserError('BENCHMARK_ONGELDIG', `${name} › cijfers.csv, rij ${i + 2}, kolom gemeente: cijfers van een andere gemeente (${r.gemeente.slice(0, 10)}) horen niet in dit bestand.`, { file: name, row: i + 2, column: 'gemeente' });
  });
  const wijken = Papa.parse<Record<string, string>>(texts['referentiegroepen.csv'], { header: true, delimiter: ';', skipEmptyLines: true }).data.filter((r) => r.gemeente === own);
  const ingelezen = now.toISOString();
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  db.transaction(() => {
    db.prepare('DELETE FROM benchmark WHERE periode = ?').run(manifest.periode);
    db.prepare('INSERT INTO benchmark (periode, gemeente, gemeentenaam, aangemaakt, status, toelichting, sha256, ingelezen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      manifest.periode, manifest.gemeentecode, manifest.gemeentenaam, manifest.aangemaakt, manifest.status, manifest.toelichting, sha256, ingelezen,
    );
    const cijfer = db.prepare('INSERT INTO benchmark_cijfer (periode, gemeente, wijk, indicator, dimensie, waarde, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of cijfers) cijfer.run(manifest.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.waarde, r.status);
    const wijk = db.prepare('INSERT INTO benchmark_wijk (periode, wijk, gemeente, wijknaam, inwoners, groep, groepnaam, afstand) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const num = (t: string | undefined) => (t === undefined || t === '' || !Number.isFinite(Number(t)) ? null : Number(t));
    for (const w of wijken) wijk.run(manifest.periode, w.wijk ?? '', own, w.wijknaam ?? '', num(w.inwoners), w.referentiegroep ?? '', w.groepnaam ?? '', num(w.afstand));
    recordAction(db, 'benchmark ingelezen', { periode: manifest.periode, status: manifest.status });
  })();
  return { imported: true, periode: manifest.periode, gemeente: manifest.gemeentecode, aangemaakt: manifest.aangemaakt, status: manifest.status, toelichting: manifest.toelichting, ingelezen, rijen: cijfers.length, wijken: wijken.length };
}
