import { PACK_STATUSES, type PackStatus } from '../../shared/packStatus.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { CentralPackRelease } from '../../shared/api.ts';
import { publishedPeriods } from '../central/export/publicationStore.ts';
import { parsePeriode } from '../period/periode.ts';
import { checkIjkKeuze, yearEarlier, type IjkKeuze } from './ijkperiode.ts';

export { PACK_STATUSES, type PackStatus };
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

/** A gemeente of the period's release (current delivery with akkoord) with its stored pack setting. */
export type PackSettingRow = PackSetting & { gemeente: string; gemeentenaam: string; akkoord: string; gewijzigd: string | null };

/**
 * Every gemeente whose current delivery of the period has the akkoord for that version: the ones
 * a pack can be made for, with their status and toelichting (voorlopig, none, when never set).
 */
export function packSettings(db: Db, periode: string): PackSettingRow[] {
  return db
    .prepare(
      `SELECT l.gemeente, g.naam AS gemeentenaam, substr(a.op, 1, 10) AS akkoord,
              COALESCE(p.status, ?) AS status, COALESCE(p.toelichting, '') AS toelichting, p.gewijzigd
       FROM levering l
       JOIN gemeente g ON g.code = l.gemeente
       JOIN akkoord a ON a.levering_id = l.id
       LEFT JOIN pakket_status p ON p.gemeente = l.gemeente AND p.periode = l.periode
       WHERE l.periode = ? AND l.status = 'actueel'
       ORDER BY l.gemeente`,
    )
    .all(PACK_STATUSES[0], periode) as PackSettingRow[];
}

/** Stores the status and toelichting of one gemeente of the release; refused for a gemeente outside it. */
export function setPackSetting(db: Db, gemeente: string, periode: string, setting: PackSetting, now = new Date()): PackSettingRow {
  if (!packSettings(db, periode).some((r) => r.gemeente === gemeente))
    throw new UserError('NIET_IN_RELEASE', `${gemeente} zit niet in de release van ${periode}: geen actuele levering met akkoord voor publicatie. Leg eerst het akkoord vast bij Leveringen.`);
  updatePackSetting(db, gemeente, periode, setting, now);
  return packSettings(db, periode).find((r) => r.gemeente === gemeente)!;
}

/** The release's stored ijkperiode choice: null the default, `geen`, or a period code. */
export function packIjkKeuze(db: Db, periode: string): IjkKeuze {
  return (db.prepare('SELECT ijkperiode FROM pakket_release WHERE periode = ?').get(periode) as { ijkperiode: string | null } | undefined)?.ijkperiode ?? null;
}

/** Stores the release's ijkperiode choice (checked: the same length, before the period). */
export function setPackIjkKeuze(db: Db, periode: string, keuze: IjkKeuze, now = new Date()): IjkKeuze {
  const checked = checkIjkKeuze(keuze, periode);
  db.prepare(
    `INSERT INTO pakket_release (periode, ijkperiode, gewijzigd) VALUES (?, ?, ?)
     ON CONFLICT (periode) DO UPDATE SET ijkperiode = excluded.ijkperiode, gewijzigd = excluded.gewijzigd`,
  ).run(periode, checked, now.toISOString());
  return checked;
}

/** The release's ijkperiode choice and what it can be: the period a year earlier and the earlier published ones of the same length. */
export function packRelease(db: Db, dataDir: string, periode: string): CentralPackRelease {
  const p = parsePeriode(periode);
  const gepubliceerd = publishedPeriods(dataDir).filter((c) => {
    try {
      return checkIjkKeuze(c, p.code) === c;
    } catch {
      return false;
    }
  });
  return { periode: p.code, ijkperiode: packIjkKeuze(db, p.code), jaarEerder: yearEarlier(p.code), gepubliceerd };
}
