import type { Db } from '../store/database.ts';
import type { IjkInput } from './ijkperiode.ts';
import type { PackSetting } from './packStatus.ts';
import type { ReleaseRow } from './releaseRows.ts';

/*
 * What one gemeente's pack is made of: the suppressed release (every number in the pack), and
 * around it only descriptions from the catalogue: names, the wijken's reference groups and their
 * CBS profile (public CBS figures, not about clients).
 */

export type PackWijk = { code: string; naam: string; inwoners: number | null; groep: string | null; afstand: number | null };
export type PackGroep = { code: string; naam: string; wijken: number; inwoners: number };

export type PackInput = {
  periode: string;
  gemeente: { code: string; naam: string };
  setting: PackSetting;
  /** When the release was made (ISO): every file says which central release it shows. */
  aangemaakt: string;
  cbsJaar: number | null;
  /** The whole suppressed release; the pack takes this gemeente's, its groups' and ALLE's rows. */
  release: readonly ReleaseRow[];
  /** The ijkperiode and its own published release (ijkperiode.ts). */
  ijk: IjkInput;
  wijken: PackWijk[];
  groepen: PackGroep[];
  /** CBS kenmerken per wijk of the CBS year (for the verrijkte dataset). */
  profiel: Map<string, Record<string, number>>;
};

/** The reference-group year: the CBS year of the release when groups exist for it, else the latest. */
function groupYear(db: Db, cbsJaar: number | null): number | null {
  const years = (db.prepare('SELECT DISTINCT jaar FROM referentiegroep ORDER BY jaar DESC').all() as { jaar: number }[]).map((r) => r.jaar);
  return cbsJaar !== null && years.includes(cbsJaar) ? cbsJaar : (years[0] ?? null);
}

export function packInput(db: Db, options: { periode: string; gemeente: string; setting: PackSetting; aangemaakt: string; cbsJaar: number | null; release: readonly ReleaseRow[]; ijk: IjkInput }): PackInput {
  const { gemeente, cbsJaar, release } = options;
  const naam = (db.prepare('SELECT naam FROM gemeente WHERE code = ?').get(gemeente) as { naam: string } | undefined)?.naam ?? gemeente;
  const codes = [...new Set(release.filter((r) => r.gemeente === gemeente && r.wijk !== '').map((r) => r.wijk))].sort();
  const jaar = groupYear(db, cbsJaar);
  const regio = db.prepare('SELECT naam FROM cbs_regio WHERE jaar = ? AND code = ?');
  const kenmerken = db.prepare('SELECT kenmerk, waarde FROM cbs_kenmerk WHERE jaar = ? AND code = ?');
  const groep = db.prepare('SELECT groep, afstand FROM referentiegroep_wijk WHERE jaar = ? AND wijk = ?');
  const profiel = new Map<string, Record<string, number>>();
  const wijken = codes.map((code): PackWijk => {
    const k = cbsJaar === null ? [] : (kenmerken.all(cbsJaar, code) as { kenmerk: string; waarde: number }[]);
    profiel.set(code, Object.fromEntries(k.map((r) => [r.kenmerk, r.waarde])));
    const g = jaar === null ? undefined : (groep.get(jaar, code) as { groep: string; afstand: number } | undefined);
    const n = cbsJaar === null ? undefined : (regio.get(cbsJaar, code) as { naam: string | null } | undefined);
    return { code, naam: n?.naam ?? code, inwoners: profiel.get(code)!.inwoners ?? null, groep: g?.groep ?? null, afstand: g?.afstand ?? null };
  });
  const used = [...new Set(wijken.flatMap((w) => (w.groep ? [w.groep] : [])))].sort();
  const groepRow = db.prepare('SELECT code, naam, wijken, inwoners FROM referentiegroep WHERE jaar = ? AND code = ?');
  const groepen = used.map((code) => groepRow.get(jaar, code) as PackGroep);
  return { periode: options.periode, gemeente: { code: gemeente, naam }, setting: options.setting, aangemaakt: options.aangemaakt, cbsJaar, release, ijk: options.ijk, wijken, groepen, profiel };
}
