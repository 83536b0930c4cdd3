import { createHash } from 'node:crypto';
import { addInputBsn, createPrivacyScan } from '../../delivery/privacyScan.ts';
import { UserError } from '../../errors.ts';
import type { Periode } from '../../period/periode.ts';
import type { Pseudonymiser } from '../../pseudonym/wm1.ts';
import type { Db } from '../../store/database.ts';
import type { ImportSummary } from '../importBatch.ts';
import { STORED_COLUMNS } from '../storedRecord.ts';
import { importBerichten, type BerichtenImport } from './berichtenRecords.ts';
import { BERICHTEN_MAPPING } from './combine.ts';
import { berichtBestanden } from './sources.ts';

const SCANNED_COLUMNS = STORED_COLUMNS.filter((c) => c !== 'bron_rij');

/**
 * The app's store path for message traffic: reconstructs the voorzieningen of the messages and
 * stores them as one import batch, exactly like an export's (same tables, same `staging` →
 * `klaar` flip, same privacy scan of every stored field), so quality report, classification,
 * area table and delivery from the store treat them alike. The batch is named after the sources;
 * its fingerprint is that of all message bytes, so the same archive is not read in twice.
 */
export async function importBerichtenBatch(
  db: Db,
  input: { sources: readonly string[]; bestand: string; periode: Periode; pseudonymiser: Pseudonymiser; resourcesDir?: string; now?: Date; signal?: AbortSignal },
): Promise<ImportSummary & { meldingen: string[]; preview: BerichtenImport['preview'] }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const file of berichtBestanden(input.sources, input.signal)) {
    hash.update(file.bestand).update('\0').update(file.data);
    size += file.data.length;
  }
  const sha256 = hash.digest('hex');
  const earlier = db.prepare("SELECT ingelezen, periode FROM import_batch WHERE sha256 = ? AND status = 'klaar' ORDER BY id DESC LIMIT 1").get(sha256) as
    | { ingelezen: string; periode: string }
    | undefined;
  if (earlier) {
    throw new UserError('AL_INGELEZEN', `${input.bestand} is al ingelezen op ${earlier.ingelezen.slice(0, 10)} (periode ${earlier.periode}). Dezelfde berichten worden niet twee keer ingelezen.`, { file: input.bestand });
  }
  const inputBsns = new Set<number>();
  const imported = await importBerichten({
    sources: input.sources,
    pseudonymiser: input.pseudonymiser,
    periode: input.periode,
    resourcesDir: input.resourcesDir,
    onBsn: (bsn) => addInputBsn(inputBsns, bsn),
    signal: input.signal,
  });
  if (imported.records.length === 0) {
    throw new UserError('GEEN_GEGEVENS', `In ${input.bestand} staat geen toewijzing (301) waaruit een voorziening volgt; er is niets opgeslagen.`, { file: input.bestand });
  }
  const scan = createPrivacyScan(inputBsns, 'Inlezen geweigerd', 'er is niets opgeslagen');
  imported.records.forEach((record, i) => {
    for (const column of SCANNED_COLUMNS) {
      const value = record[column];
      if (value !== null) scan.check(value, { file: imported.preview[i]!.bestand, row: record.bron_rij, column: BERICHTEN_MAPPING[column as never] ?? column });
    }
  });
  const findings: Record<string, number> = {};
  for (const f of imported.findings) findings[`${f.gegeven}|${f.controle}`] = (findings[`${f.gegeven}|${f.controle}`] ?? 0) + 1;
  const excluded = imported.findings.filter((f) => f.uitgesloten).length;

  const store = db.transaction(() => {
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO import_batch (periode, bestand, grootte, sha256, ingelezen, profiel, sleutel, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'klaar')`,
        )
        .run(
          input.periode.code, input.bestand, size, sha256, (input.now ?? new Date()).toISOString(),
          JSON.stringify({ formaat: 'wijkmonitor-berichten', versie: 1, bronnen: imported.summary.perType }),
          input.pseudonymiser.fingerprint, imported.records.length, imported.records.length, excluded, JSON.stringify(findings),
        ).lastInsertRowid,
    );
    const insertRecord = db.prepare(`INSERT INTO voorziening (batch_id, ${STORED_COLUMNS.join(', ')}) VALUES (${batchId}, ${STORED_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    const insertFinding = db.prepare(`INSERT INTO bevinding (batch_id, bron_rij, gegeven, kolom, controle, uitgesloten) VALUES (${batchId}, ?, ?, ?, ?, ?)`);
    for (const record of imported.records) insertRecord.run(record);
    for (const f of imported.findings) insertFinding.run(f.rij, f.gegeven, f.kolom, f.controle, f.uitgesloten ? 1 : 0);
    return batchId;
  });
  // One transaction: the records are in memory already (all messages are read before any record
  // exists), so there is no long-running staging batch to clean up after a crash.
  const batchId = store();
  return {
    batchId,
    bestand: input.bestand,
    periode: input.periode.code,
    rijenGelezen: imported.records.length,
    rijenIngelezen: imported.records.length,
    rijenUitgesloten: excluded,
    bevindingen: findings,
    meldingen: imported.meldingen,
    preview: imported.preview,
  };
}
