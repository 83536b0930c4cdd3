import type { PreflightItem } from '../../shared/api.ts';
import type { BatchRow } from '../import/storedBatches.ts';
import type { Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';

const number = new Intl.NumberFormat('nl-NL');
const day = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** More than half of the period's rows without a wijk (a wrong or another gemeente's table) and the delivery is not ready. */
export const MAX_SHARE_WITHOUT_WIJK = 0.5;

/**
 * The gebiedsindeling places the period's rows in a wijk: a delivery whose clients are all
 * "zonder wijk" is useless to the analyst, so an empty table or too many unplaced rows stop it.
 */
export function areaCheck(db: Db, batches: readonly BatchRow[]): PreflightItem {
  const areas = db.prepare('SELECT count(*) FROM gebied').pluck().get() as number;
  if (areas === 0) return { id: 'gebieden', ok: false, tekst: 'Lees de gebiedsindeling in: zonder die tabel hoort geen enkele cliënt bij een wijk', scherm: 'gebieden' };
  const ids = batches.map((b) => b.id);
  const { rijen, zonder } = (ids.length === 0
    ? { rijen: 0, zonder: 0 }
    : db
        .prepare(
          `SELECT count(*) AS rijen,
             coalesce(sum(CASE WHEN (v.pc6 IS NULL OR v.pc6 NOT IN (SELECT postcode FROM gebied)) AND (v.pc4 IS NULL OR v.pc4 NOT IN (SELECT postcode FROM gebied)) THEN 1 ELSE 0 END), 0) AS zonder
           FROM voorziening v WHERE v.batch_id IN (${ids.map(() => '?').join(', ')})`,
        )
        .get(...ids)) as { rijen: number; zonder: number };
  if (zonder === 0) return { id: 'gebieden', ok: rijen > 0, tekst: 'Alle postcodes horen bij een wijk', scherm: 'gebieden' };
  const percentage = Math.round((zonder / rijen) * 100);
  const ok = zonder / rijen <= MAX_SHARE_WITHOUT_WIJK;
  return {
    id: 'gebieden',
    ok,
    ...(ok ? { waarschuwing: true } : {}),
    tekst: `${number.format(zonder)} van ${number.format(rijen)} voorzieningen (${percentage} %) hebben een postcode zonder wijk${ok ? '; die tellen als wijk "onbekend"' : '; vul de gebiedsindeling aan'}`,
    scherm: 'gebieden',
  };
}

/** A warning, not a stop: a period delivered before may be delivered again (corrected), but knowingly. */
export function deliveredBefore(db: Db, periode: Periode): PreflightItem | null {
  const earlier = db.prepare('SELECT bestand, aangemaakt, rijen FROM levering WHERE periode = ? ORDER BY id DESC LIMIT 1').get(periode.code) as
    | { bestand: string; aangemaakt: string; rijen: number }
    | undefined;
  if (!earlier) return null;
  return {
    id: 'geleverd',
    ok: true,
    waarschuwing: true,
    tekst: `Periode ${periode.code} is al geleverd op ${day.format(new Date(earlier.aangemaakt))} (${earlier.bestand}, ${number.format(earlier.rijen)} voorzieningen). Een nieuwe levering vervangt die bij de analist`,
    scherm: 'levering',
  };
}
