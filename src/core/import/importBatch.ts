import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { createPrivacyScan, addInputBsn } from '../delivery/privacyScan.ts';
import type { Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import type { ImportResult } from '../../shared/api.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import type { MappingProfile } from './mapping/profile.ts';
import type { PreparedExport } from './prepareExport.ts';
import { createQualityReport } from '../quality/qualityReport.ts';
import { exportRecords } from './exportRecords.ts';
import type { RecordParsers } from './recordBuilder.ts';
import { packRecord, type PackedValue } from './recordWorkerProtocol.ts';
import { STORED_COLUMNS, type StoredRecord } from './storedRecord.ts';

export type ImportSummary = {
  batchId: number;
  bestand: string;
  periode: string;
  rijenGelezen: number;
  rijenIngelezen: number;
  rijenUitgesloten: number;
  /** Findings per `gegeven|controle`, for the result screen; the rows are in the store. */
  bevindingen: Record<string, number>;
};

/** The summary as the result screen shows it: every finding with its description from resources/controles.csv. */
export function importResult(summary: ImportSummary, ref: ReferenceTables): ImportResult {
  const descriptions = new Map(ref.controles.map((c) => [c.controle, c.omschrijving]));
  return {
    bestand: summary.bestand,
    periode: summary.periode,
    rijenGelezen: summary.rijenGelezen,
    rijenIngelezen: summary.rijenIngelezen,
    rijenUitgesloten: summary.rijenUitgesloten,
    bevindingen: Object.entries(summary.bevindingen).map(([key, aantal]) => {
      const [gegeven, controle] = key.split('|') as [string, string];
      return { gegeven, controle, aantal, omschrijving: descriptions.get(controle) ?? '' };
    }),
  };
}

export type ImportInput = {
  prepared: PreparedExport;
  periode: Periode;
  profile: MappingProfile;
  pseudonymiser: Pseudonymiser;
  parsers: RecordParsers;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
};

/** Every field of a stored record (numbers too: `kosten` may be a BSN), so a wrongly mapped BSN column is never stored. */
const SCANNED_COLUMNS = STORED_COLUMNS.filter((c) => c !== 'bron_rij');

/**
 * Reads one export into the store. Rows go into a batch marked `staging` while the file streams
 * in; only the final transaction marks it `klaar`, and everything reads `klaar` batches only.
 * A failure or cancel deletes the staging batch; a crash leaves one that the next start removes
 * (`removeStagingBatches`). So the store is either as before or has the whole import.
 */
export async function importBatch(db: Db, input: ImportInput): Promise<ImportSummary> {
  const { prepared, periode } = input;
  const { size, sha256 } = await fingerprintFile(prepared.file, input.signal);
  const earlier = db
    .prepare("SELECT ingelezen, periode FROM import_batch WHERE sha256 = ? AND status = 'klaar' ORDER BY id DESC LIMIT 1")
    .get(sha256) as { ingelezen: string; periode: string } | undefined;
  if (earlier) {
    throw new UserError(
      'AL_INGELEZEN',
      `${prepared.bestand} is al ingelezen op ${earlier.ingelezen.slice(0, 10)} (periode ${earlier.periode}). Hetzelfde bestand wordt niet twee keer ingelezen.`,
      { file: prepared.bestand },
    );
  }

  const batchId = Number(
    db
      .prepare(
        `INSERT INTO import_batch (periode, bestand, grootte, sha256, ingelezen, profiel, sleutel, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '{}')`,
      )
      .run(periode.code, prepared.bestand, size, sha256, (input.now ?? new Date()).toISOString(), JSON.stringify(input.profile), input.pseudonymiser.fingerprint)
      .lastInsertRowid,
  );
  try {
    const counts = await streamIntoBatch(db, batchId, input);
    // An import that keeps none of its rows is a mapping or file problem, not an empty quarter.
    if (counts.read > 0 && counts.stored === 0) {
      throw new UserError(
        'ALLES_UITGESLOTEN',
        `Alle ${counts.read} rijen van ${prepared.bestand} zijn uitgesloten (geen geldig BSN, productcode of begindatum); er is niets opgeslagen. ` +
          'Controleer welke kolom welk gegeven is en bekijk de bevindingen.',
        { file: prepared.bestand },
      );
    }
    const { changes } = db
      .prepare(
        "UPDATE import_batch SET status = 'klaar', rijen_gelezen = ?, rijen_ingelezen = ?, rijen_uitgesloten = ?, kwaliteit = ? WHERE id = ? AND status = 'staging'",
      )
      .run(counts.read, counts.stored, counts.excluded, JSON.stringify(counts.findings), batchId);
    // Another process that opened the store may have cleared this batch as a leftover.
    if (changes !== 1) throw new UserError('IMPORT_ONDERBROKEN', `Inlezen van ${prepared.bestand} is onderbroken; er is niets opgeslagen. Probeer het opnieuw.`);
    return {
      batchId,
      bestand: prepared.bestand,
      periode: periode.code,
      rijenGelezen: counts.read,
      rijenIngelezen: counts.stored,
      rijenUitgesloten: counts.excluded,
      bevindingen: counts.findings,
    };
  } catch (error) {
    db.prepare('DELETE FROM import_batch WHERE id = ?').run(batchId);
    if (input.signal?.aborted) throw new UserError('GEANNULEERD', `Inlezen van ${prepared.bestand} geannuleerd; er is niets opgeslagen.`);
    throw error;
  }
}

/** Removes what an interrupted import left behind; called whenever the store is opened. */
export function removeStagingBatches(db: Db): number {
  return db.prepare("DELETE FROM import_batch WHERE status = 'staging'").run().changes;
}

async function streamIntoBatch(db: Db, batchId: number, input: ImportInput) {
  const { prepared } = input;
  const inputBsns = new Set<number>();
  const scan = createPrivacyScan(inputBsns, 'Inlezen geweigerd', 'er is niets opgeslagen');
  // Positional parameters: binding 22 named ones looks each up by name, a million times over.
  const insertRecord = db.prepare(
    `INSERT INTO voorziening (batch_id, ${STORED_COLUMNS.join(', ')}) VALUES (${batchId}, ${STORED_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertFinding = db.prepare(
    `INSERT INTO bevinding (batch_id, bron_rij, gegeven, kolom, controle, uitgesloten) VALUES (${batchId}, ?, ?, ?, ?, ?)`,
  );
  const writeChunk = db.transaction((records: StoredRecord[], findings: readonly Finding[]) => {
    for (const r of records) {
      insertRecord.run(
        r.bron_rij, r.client, r.huishouden, r.geboortemaand, r.geslacht, r.pc4, r.pc6, r.pijler, r.productcode, r.product, r.categorie,
        r.begindatum, r.einddatum, r.aanbieder, r.aanbieder_naam, r.volume, r.eenheid, r.frequentie, r.kosten, r.verwijzer, r.reden_einde, r.aanvraagdatum,
      );
    }
    for (const f of findings) insertFinding.run(f.rij, f.gegeven, f.kolom, f.controle, f.uitgesloten ? 1 : 0);
  });

  const scannedLabels = SCANNED_COLUMNS.map((column) => prepared.mapping[column as never] ?? column);
  const counts = { read: 0, stored: 0, excluded: 0, findings: {} as Record<string, number> };
  // Only counts are needed here; fill rates depend on the classification and are made at report time.
  const quality = createQualityReport(prepared.mapping, { uitsluitingsregels: [], controles: [] });
  let findings: readonly Finding[] = [];
  for await (const records of exportRecords({
    exports: [prepared],
    pseudonymiser: input.pseudonymiser,
    parsers: input.parsers,
    peildatum: input.periode.eind,
    quality,
    onBsn: (bsn) => addInputBsn(inputBsns, bsn),
    onFindings: (batch) => (findings = batch),
    signal: input.signal,
    onProgress: ({ done, total }) => input.onProgress?.({ phase: 'inlezen', done, total }),
  })) {
    input.signal?.throwIfAborted();
    // One pass over the batch as text first; field by field (which refuses and names the place)
    // only when that text may hold a BSN. The same refusals at a fraction of the cost (issue 17).
    const packed: PackedValue[] = [];
    for (const record of records) packRecord(packed, record);
    if (scan.mayCarry(packed.join(';'))) {
      for (const record of records) {
        for (let c = 0; c < SCANNED_COLUMNS.length; c++) {
          const value = record[SCANNED_COLUMNS[c]!];
          if (value !== null) scan.checkAt(value, prepared.bestand, record.bron_rij, scannedLabels[c]!);
        }
      }
    }
    for (const f of findings) counts.findings[`${f.gegeven}|${f.controle}`] = (counts.findings[`${f.gegeven}|${f.controle}`] ?? 0) + 1;
    counts.stored += records.length;
    writeChunk(records, findings);
  }
  const summary = quality.summary();
  counts.read = summary.rijen_gelezen!;
  counts.excluded = summary.rijen_uitgesloten!;
  return counts;
}

async function fingerprintFile(file: string, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return { size: statSync(file).size, sha256: hash.digest('hex') };
}
