import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DELIVERY_COLUMNS, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import type { DeliveryManifest } from '../delivery/deliveryManifest.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { UserError } from '../errors.ts';
import { openEntryStream, openZipArchive } from '../import/readers/zip.ts';
import { parsePeriode } from '../period/periode.ts';
import type { DuckRecordSet } from './sql/recordTables.ts';

/** Where records go one batch at a time: a record set's open source (sql/recordTables.ts). */
export type RecordSink = { add(records: readonly DeliveryRecord[]): void; finish(): unknown; abort(): void };

/**
 * Reads a delivery (levering v1) into a record set, after the very verification
 * `wijkmonitor verify` does: whatever verify refuses — a duplicate or unexpected entry, a bomb, a
 * checksum or row count that does not match `levering.json`, a field that may be a BSN — is
 * refused here too. Then `voorzieningen.csv` is extracted into the caller's private folder
 * (checked against levering.json once more: the zip may have changed since) and read by DuckDB,
 * every value checked against the contract (delivery/deliveryCsvSql.ts); otherwise nothing of it
 * counts and the error names the file, row and column. The extracted copy is always removed.
 */
export async function loadDelivery(
  set: DuckRecordSet,
  file: string,
  options: { tempDir: string; signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined },
): Promise<{ manifest: DeliveryManifest; rijen: number }> {
  const name = path.basename(file);
  if (!existsSync(file)) throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
  let rows = 0;
  const result = await verifyDelivery(file, {
    start: () => undefined,
    row: (fields, row) => {
      if (row === 1) {
        const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
        if (header.join(';') !== DELIVERY_COLUMNS.join(';')) {
          throw new UserError('LEVERING_KOLOMMEN', `${name}: de kolommen van voorzieningen.csv wijken af van levering v1.`, { file: name, row: 1 });
        }
        return;
      }
      if (fields.length !== DELIVERY_COLUMNS.length) {
        throw new UserError('LEVERING_RIJ', `${name}, voorzieningen.csv rij ${row}: ${fields.length} velden in plaats van ${DELIVERY_COLUMNS.length}.`, { file: name, row });
      }
      rows = row - 1;
      if (rows % 100_000 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(rows);
      }
    },
  });

if (!result.ok || !result.manifest) {
    if (result.problems.length === 1 && result.problems[0]!.endsWith('is geen leesbaar zip-bestand.')) {
      throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
    }
    const shown = result.problems.slice(0, 3).join(' ');
    const more = result.problems.length > 3 ? ` (en nog ${result.problems.length - 3} bevindingen)` : '';
    throw new UserError(
      'LEVERING_AFGEKEURD',
      `${name} is niet ingelezen: de levering is niet in orde. ${shown}${more} Controleer haar met "wijkmonitor verify" of vraag de gemeente om de levering opnieuw te sturen.`,
      { file: name },
    );
  }
  const manifest = result.manifest;
  options.signal?.throwIfAborted();
  const csv = path.join(options.tempDir, `${randomUUID()}.csv`);
  try {
    const sha256 = await extractVoorzieningen(file, csv, options.signal);
    if (sha256 !== manifest.bestanden['voorzieningen.csv'].sha256) {
      throw new UserError('LEVERING_AFGEKEURD', `${name}: voorzieningen.csv is gewijzigd sinds de controle (de controlesom klopt niet met levering.json).`, { file: name });
    }
    const source = { gemeente: manifest.gemeentecode, gemeentenaam: manifest.gemeentenaam, periode: parsePeriode(manifest.periode), omschrijving: name };
    const { rijen } = await set.loadCsv(source, csv, name);
    options.onProgress?.(rijen);
    return { manifest, rijen };
  } finally {
    rmSync(csv, { force: true });
  }
}

/** Streams `voorzieningen.csv` out of the zip into `target`, returning its SHA-256. */
async function extractVoorzieningen(zipFile: string, target: string, signal: AbortSignal | undefined): Promise<string> {
  const archive = await openZipArchive(zipFile);
  try {
    const entry = archive.entries.get('voorzieningen.csv');
    if (!entry) throw new UserError('LEVERING_AFGEKEURD', `${path.basename(zipFile)} is gewijzigd sinds de controle: voorzieningen.csv ontbreekt.`, { file: path.basename(zipFile) });
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(await openEntryStream(archive, entry), tap, createWriteStream(target, { flags: 'wx', mode: 0o600 }), ...(signal ? [{ signal }] : []));
    return hash.digest('hex');
  } finally {
    await archive.close();
  }
}
