import { UserError } from '../../errors.ts';
import type { AreaRow } from '../../classification/areaTable.ts';
import type { Db } from '../../store/database.ts';

/**
 * A gemeente's gebiedsindeling per PC6 (DESIGN.md "Classification and area tables") from the
 * CBS postcode file: what the analyst sends a gemeente so its deliveries use the CBS wijken.
 */
export type Pc6AreaTable = {
  jaar: number;
  rows: AreaRow[];
  /** PC6s with addresses in more than one wijk: each went to the wijk with most addresses. */
  dubbelzinnig: number;
  /** Wijken without a name because no CBS Kerncijfers file names them. */
  zonderNaam: number;
};

export function pc6AreaTable(db: Db, gemeente: string, jaar?: number): Pc6AreaTable {
  const year =
    jaar ?? (db.prepare('SELECT max(jaar) FROM cbs_pc6 WHERE gemeente = ?').pluck().get(gemeente) as number | null) ?? undefined;
  const parts =
    year === undefined
      ? []
      : (db
          .prepare(
            `SELECT pc6, wijk, sum(adressen) AS adressen FROM cbs_pc6 WHERE jaar = ? AND gemeente = ?
             GROUP BY pc6, wijk ORDER BY pc6, adressen DESC, wijk`,
          )
          .all(year, gemeente) as { pc6: string; wijk: string; adressen: number }[]);
  if (year === undefined || parts.length === 0) {
    const which = jaar === undefined ? '' : ` voor ${jaar}`;
    throw new UserError('PC6_ONTBREEKT', `Er is geen CBS-postcodebestand${which} ingelezen met adressen in ${gemeente}. Lees eerst pc6hnr…_gwb.csv in met central reference.`);
  }
  // A wijk's name from the same year's Kerncijfers, else from the nearest year that names it.
  const names = new Map<string, string>();
  const named = db
    .prepare("SELECT code, naam FROM cbs_regio WHERE gemeente = ? AND soort = 'wijk' AND naam IS NOT NULL ORDER BY abs(jaar - ?) DESC, jaar")
    .all(gemeente, year) as { code: string; naam: string }[];
  for (const { code, naam } of named) names.set(code, naam);

  const rows: AreaRow[] = [];
  let dubbelzinnig = 0;
  const unnamed = new Set<string>();
  for (let i = 0; i < parts.length; ) {
    const best = parts[i]!;
    let j = i + 1;
    while (j < parts.length && parts[j]!.pc6 === best.pc6) j++;
    if (j - i > 1) dubbelzinnig++;
    const wijknaam = names.get(best.wijk) ?? '';
    if (wijknaam === '') unnamed.add(best.wijk);
    rows.push({ postcode: best.pc6, wijk: best.wijk, wijknaam, gebied: '' });
    i = j;
  }
  return { jaar: year, rows, dubbelzinnig, zonderNaam: unnamed.size };
}
