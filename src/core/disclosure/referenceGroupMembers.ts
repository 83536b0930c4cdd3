import { groupYearFor } from '../benchmark/storeReferenceGroups.ts';
import type { Db } from '../store/database.ts';
import type { ReferenceGroups } from './releaseModel.ts';

/**
 * Wijk → reference group of the stored set benchmark/referenceGroupFigures.ts computes the
 * period's RG figures from, so a group's cell in the release is the sum of the same wijken.
 */
export function referenceGroupMembers(db: Db, periode: string): ReferenceGroups {
  const jaar = groupYearFor(db, periode);
  if (jaar === null) return new Map();
  const rows = db.prepare('SELECT wijk, groep FROM referentiegroep_wijk WHERE jaar = ? ORDER BY wijk').all(jaar) as { wijk: string; groep: string }[];
  return new Map(rows.map((r) => [r.wijk, r.groep]));
}
