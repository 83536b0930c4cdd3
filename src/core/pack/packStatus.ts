import type { Db } from '../store/database.ts';

/** voorlopig until the analyst says definitief; the first value is the default. */
export const PACK_STATUSES = ['voorlopig', 'definitief'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];
export type PackSetting = { status: PackStatus; toelichting: string };

/** The stored status and toelichting of a gemeente's pack for a period (voorlopig, none, when never set). */
export function packSetting(db: Db, gemeente: string, periode: string): PackSetting {
  const row = db.prepare('SELECT status, toelichting FROM pakket_status WHERE gemeente = ? AND periode = ?').get(gemeente, periode) as PackSetting | undefined;
  return row ?? { status: PACK_STATUSES[0], toelichting: '' };
}

/** Stores what was given; what was not given keeps its stored value. */
export function updatePackSetting(db: Db, gemeente: string, periode: string, change: Partial<PackSetting>, now = new Date()): PackSetting {
  const next = { ...packSetting(db, gemeente, periode), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as PackSetting;
  db.prepare(
    `INSERT INTO pakket_status (gemeente, periode, status, toelichting, gewijzigd) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (gemeente, periode) DO UPDATE SET status = excluded.status, toelichting = excluded.toelichting, gewijzigd = excluded.gewijzigd`,
  ).run(gemeente, periode, next.status, next.toelichting, now.toISOString());
  return next;
}
