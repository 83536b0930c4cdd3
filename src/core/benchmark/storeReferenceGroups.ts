import { recordAction } from '../audit/auditLog.ts';
import type { Db } from '../store/database.ts';
import type { ReferenceGroups } from './referenceGroups.ts';

/**
 * Keeps the groups of a CBS year in the catalogue, replacing that year's set in one transaction,
 * so `central export` can compute figures for RG01… from the same grouping the file shows.
 */
export function storeReferenceGroups(db: Db, groups: ReferenceGroups): void {
  db.transaction(() => {
    db.prepare('DELETE FROM referentiegroep WHERE jaar = ?').run(groups.jaar);
    const group = db.prepare('INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (?, ?, ?, ?, ?, ?)');
    for (const g of groups.groepen) group.run(groups.jaar, g.code, g.naam, g.klein ? 1 : 0, g.wijken, g.inwoners);
    const wijk = db.prepare('INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (?, ?, ?, ?)');
    for (const w of groups.wijken) wijk.run(groups.jaar, w.code, w.groep, w.afstand);
    recordAction(db, 'referentiegroepen berekend', { jaar: groups.jaar, groepen: groups.groepen.length, wijken: groups.wijken.length, keuze: groups.keuze.groot.gekozen });
  })();
}

/** The stored set for a period: the CBS year closest to it, the later one on a tie; null when none. */
export function groupYearFor(db: Db, periode: string): number | null {
  const year = Number(periode.slice(0, 4));
  const years = db.prepare('SELECT DISTINCT jaar FROM referentiegroep').pluck().all() as number[];
  return years.sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0] ?? null;
}
