import { batchesFor } from '../import/storedBatches.ts';
import type { Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';

const batchKey = (db: Db, periode: Periode) =>
  batchesFor(db, periode)
    .map((b) => b.id)
    .join(',');

/** Acknowledged for exactly the imports now behind the period; a later import voids it. */
export function acknowledgement(db: Db, periode: Periode): string | null {
  const row = db.prepare('SELECT batches, akkoord FROM kwaliteit_akkoord WHERE periode = ?').get(periode.code) as { batches: string; akkoord: string } | undefined;
  return row && row.batches === batchKey(db, periode) ? row.akkoord : null;
}

export function acknowledge(db: Db, periode: Periode, now = new Date()): string {
  const stamp = now.toISOString();
  db.prepare(
    'INSERT INTO kwaliteit_akkoord (periode, batches, akkoord) VALUES (?, ?, ?) ON CONFLICT (periode) DO UPDATE SET batches = excluded.batches, akkoord = excluded.akkoord',
  ).run(periode.code, batchKey(db, periode), stamp);
  return stamp;
}
