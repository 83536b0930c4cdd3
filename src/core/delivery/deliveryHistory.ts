import type { Db } from '../store/database.ts';

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
