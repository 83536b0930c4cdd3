import { rmSync } from 'node:fs';
import type { Db } from '../store/database.ts';
import { storeFailure } from '../store/storeFailure.ts';

export type DeliveryHistoryEntry = {
  periode: string;
  gemeentecode: string;
  bestand: string;
  aangemaakt: string;
  rijen: number;
  sha256: string;
  sleutel: string;
  /** The full path the file was written to. */
  pad: string;
};

export function recordDelivery(db: Db, entry: DeliveryHistoryEntry): void {
  db.prepare(
    'INSERT INTO levering (periode, gemeentecode, bestand, aangemaakt, rijen, sha256, sleutel, pad) VALUES (@periode, @gemeentecode, @bestand, @aangemaakt, @rijen, @sha256, @sleutel, @pad)',
  ).run(entry);
}

/**
 * A new key breaks the link between this quarter's pseudonyms and earlier ones, so the analyst
 * can no longer follow a client over time. Returns the Dutch warning, or null when nothing changed.
 */
export function keyChangeWarning(db: Db, gemeentecode: string, fingerprint: string): string | null {
  const previous = db
    .prepare('SELECT sleutel, periode FROM levering WHERE gemeentecode = ? ORDER BY id DESC LIMIT 1')
    .get(gemeentecode) as { sleutel: string; periode: string } | undefined;
  if (!previous || previous.sleutel === fingerprint) return null;
  return (
    `Let op: deze levering gebruikt sleutel ${fingerprint}, de vorige levering (${previous.periode}) sleutel ${previous.sleutel}. ` +
    'Pseudoniemen van verschillende sleutels zijn niet aan elkaar te koppelen: cliënten zijn dan niet over kwartalen te volgen. ' +
    'Gebruik de sleutel van de vorige levering als dat kan (zet de back-up terug).'
  );
}

/**
 * Fails at once, before minutes of work, when another process holds the store's write lock.
 * The real guarantee is `placeAndRecordDelivery`; this only spares the user the wait.
 */
export function assertStoreWritable(db: Db): void {
  try {
    db.transaction(() => {}).immediate();
  } catch (error) {
    throw lockedOrOther(db, error);
  }
}

/**
 * Records the delivery and renames its zip into place in one write transaction, so the two can
 * never disagree: with the store locked by another process the zip stays a temporary file (and
 * is removed) and the history is unchanged, so a rerun is not refused with "bestaat al"; a
 * commit that fails after the rename takes the file away again.
 */
export function placeAndRecordDelivery(db: Db, record: () => void, rename: () => void, target: string): void {
  let placed = false;
  try {
    db.transaction(() => {
      record();
      rename();
      placed = true;
    }).immediate();
  } catch (error) {
    if (placed) rmSync(target, { force: true });
    throw lockedOrOther(db, error);
  }
}

/** Only SQLite's own errors describe the store; a failed rename is about the output folder. */
function lockedOrOther(db: Db, error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return (code.startsWith('SQLITE_') && storeFailure(error, db.name, 'Er is geen levering geschreven en niets gewijzigd.')) || error;
}
