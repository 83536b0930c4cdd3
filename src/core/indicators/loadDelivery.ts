import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DELIVERY_COLUMNS, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import type { DeliveryLast } from '../lasten/deliveryLasten.ts';
import type { DeliveryManifest } from '../delivery/deliveryManifest.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { UserError } from '../errors.ts';
import { writeAllSync } from '../files/writeErrors.ts';
import { parsePeriode } from '../period/periode.ts';
import { partedCopy } from './partedCopy.ts';
import type { DuckRecordSet } from './sql/recordTables.ts';

/** Where records go one batch at a time: a record set's open source (sql/recordTables.ts). */
export type RecordSink = { add(records: readonly DeliveryRecord[]): void; finish(): unknown; abort(): void };

/**
 * Reads a delivery (levering v1) into a record set, after the very verification
 * `wijkmonitor verify` does: whatever verify refuses — a duplicate or unexpected entry, a bomb, a
 * checksum or row count that does not match `levering.json`, a field that may be a BSN — is
 * refused here too. The bytes of `voorzieningen.csv` are copied into the caller's private folder
 * as verify reads and checksums them (one read of the zip for a plain file, the copy being what
 * was verified; a second, field by field, on any doubt). DuckDB stages the copy of a plain file
 * part by part as verify goes (partedCopy.ts), so the two run on both cores rather than one
 * after the other; what was staged is used only once verify has passed. Then every value is
 * checked against the contract
 * (delivery/deliveryCsvSql.ts); otherwise nothing of it counts and the error names the file, row
 * and column. The copy is always removed.
 */
export async function loadDelivery(
  set: DuckRecordSet,
  file: string,
  options: { tempDir: string; signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined; partBytes?: number },
): Promise<{ manifest: DeliveryManifest; rijen: number }> {
  const name = path.basename(file);
  if (!existsSync(file)) throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
  const csv = path.join(options.tempDir, `${randomUUID()}.csv`);
  try {
    // First from its bytes alone, as the app writes a delivery (a plain CSV, verifyDelivery's
    // `plain` reader), DuckDB staging the copy part by part while verify still reads the rest;
    // on any doubt or problem once more field by field, which names what is wrong exactly as
    // before: the first reading decides only that all is well. Nothing staged counts before
    // verify has passed: a refused delivery leaves the record set as it was.
    const staged = set.stagedCsv();
    const parts = partedCopy(csv, (part) => staged.part(part), options.partBytes);
    let fromBytes: Verified | null;
    try {
      fromBytes = await verified(file, name, (chunk) => parts.write(chunk), options, true);
    } catch (error) {
      await parts.settle(false);
      await staged.discard();
      throw error;
    }
    const refused = await parts.settle(fromBytes !== null);
    options.signal?.throwIfAborted();
    const source = (manifest: DeliveryManifest) => ({ gemeente: manifest.gemeentecode, gemeentenaam: manifest.gemeentenaam, periode: parsePeriode(manifest.periode), omschrijving: name });
    let read: Verified;
    let loaded: { bron: number; rijen: number };
    if (fromBytes === null) {
      await staged.discard();
      read = (await verifiedCopy(file, name, csv, options, false))!;
      options.signal?.throwIfAborted();
      loaded = await set.loadCsv(source(read.manifest), csv, name, { unguarded: read.unguarded });
    } else {
      read = fromBytes;
      try {
        if (refused !== null) throw refused.error;
        loaded = await staged.load(source(read.manifest), name, { unguarded: read.unguarded });
      } catch (error) {
        // DuckDB refuses a row with another number of fields than the header, which the reading
        // from bytes left to it: the reading field by field says which row, in Dutch.
        await staged.discard();
        if (error instanceof UserError) throw error;
        await verifiedCopy(file, name, csv, options, false);
        throw error;
      }
    }
    // Levering v2: its lasten are allocated whenever a scope uses this source (lasten/toerekeningScope.ts).
    await set.addLasten(loaded.bron, read.lasten);
    options.onProgress?.(loaded.rijen);
    return { manifest: read.manifest, rijen: loaded.rijen };
  } finally {
    rmSync(csv, { force: true });
  }
}

/** `unguarded`: no value of the copy starts with the formula guard (known only from a plain reading). */
type Verified = { manifest: DeliveryManifest; lasten: DeliveryLast[]; unguarded: boolean };

/** verified() into a fresh private copy `csv`; null when a reading from bytes was asked and did not decide. */
async function verifiedCopy(
  file: string,
  name: string,
  csv: string,
  options: { signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined },
  plain: boolean,
): Promise<Verified | null> {
  rmSync(csv, { force: true });
  const copy = openSync(csv, 'wx', 0o600);
  try {
    return await verified(file, name, (chunk) => writeAllSync(copy, chunk), options, plain);
  } finally {
    closeSync(copy);
  }
}

/**
 * verifyDelivery with the header and row shape checked as rows pass, writing the copy; its
 * manifest, or the refusal in Dutch. `plain`: from the bytes alone, null unless all is well.
 */
async function verified(
  file: string,
  name: string,
  copy: (chunk: Buffer) => void,
  options: { signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined },
  plain = false,
): Promise<Verified | null> {
  // A full disk while copying is that, not a damaged delivery: kept aside and thrown as itself.
  let copyError: unknown = null;
  // Read from bytes, no row passes `row`: the lines so far (a plain file's records) tell the progress.
  let lines = 0;
  const result = await verifyDelivery(file, {
    start: () => undefined,
    bytes: (chunk) => {
      if (copyError !== null) return;
      try {
        copy(chunk);
      } catch (error) {
        copyError = error;
      }
      if (!plain || !options.onProgress) return;
      const before = lines;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      if (Math.floor(before / 100_000) !== Math.floor(lines / 100_000)) options.onProgress(Math.max(lines - 1, 0));
    },
    ...(plain ? { plain: true as const } : {}),
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
      if ((row - 1) % 100_000 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(row - 1);
      }
    },
  });
  if (copyError !== null) throw copyError;
  if (result.ok && result.manifest) return { manifest: result.manifest, lasten: result.lasten, unguarded: result.unguarded === true };
  if (plain) return null;
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
