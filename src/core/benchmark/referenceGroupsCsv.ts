import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import type { ReferenceGroups } from './referenceGroups.ts';

/**
 * `referentiegroepen.csv` (DESIGN.md "Extra indicators"): UTF-8 with BOM, `;`, `.` as decimal
 * point, columns `wijk;gemeente;wijknaam;inwoners;referentiegroep;groepnaam;afstand`.
 *  - First one line per group: `wijk` = the group code, `gemeente` empty, `wijknaam` = its profile
 *    as `kenmerk=waarde` pairs joined by `|` (the mean of its wijken, in CBS units), `inwoners` its
 *    total, `afstand` empty.
 *  - Then one line per wijk; `afstand` is its Euclidean distance to the group centre in standard
 *    deviations (z-scores), so a large value marks a wijk that fits its group less well.
 * The contract's columns stay as they are; the two files beside it carry what does not fit them:
 *  - `…-buren.csv`: per wijk its 10 nearest wijken of other gemeenten (`wijk;rang;buur;buurgemeente;buurnaam;afstand`);
 *  - `…-kenmerken.csv`: per wijk and kenmerk the value, z-score and `herkomst` (`cbs`, or
 *    `gemeente` / `land` / `gemiddelde` where the wijk's own value was missing and imputed).
 */
export const GROUP_COLUMNS = ['wijk', 'gemeente', 'wijknaam', 'inwoners', 'referentiegroep', 'groepnaam', 'afstand'] as const;
export const PEER_COLUMNS = ['wijk', 'rang', 'buur', 'buurgemeente', 'buurnaam', 'afstand'] as const;
export const FEATURE_COLUMNS = ['wijk', 'kenmerk', 'waarde', 'z', 'herkomst'] as const;

const fixed = (n: number, digits: number) => Number(n.toFixed(digits));

export function siblingFile(file: string, suffix: string): string {
  const dot = file.toLowerCase().endsWith('.csv') ? file.length - 4 : file.length;
  return `${file.slice(0, dot)}-${suffix}.csv`;
}

export function referenceGroupsFiles(groups: ReferenceGroups): { groepen: string; buren: string; kenmerken: string } {
  const rows: (string | number)[][] = [[...GROUP_COLUMNS]];
  for (const g of groups.groepen) {
    const profile = groups.kenmerken.map((f, i) => `${f.kenmerk}=${fixed(g.profiel[i]!, 4)}`).join('|');
    rows.push([g.code, '', profile, g.inwoners, g.code, g.naam, '']);
  }
  const name = new Map(groups.groepen.map((g) => [g.code, g.naam]));
  for (const w of groups.wijken) rows.push([w.code, w.gemeente, w.naam, w.inwoners, w.groep, name.get(w.groep)!, fixed(w.afstand, 3)]);

  const peers: (string | number)[][] = [[...PEER_COLUMNS]];
  for (const w of groups.wijken) {
    w.buren.forEach((p, rang) => {
      const peer = groups.wijken[p.index]!;
      peers.push([w.code, rang + 1, peer.code, peer.gemeente, peer.naam, fixed(p.afstand, 3)]);
    });
  }
  const features: (string | number)[][] = [[...FEATURE_COLUMNS]];
  for (const w of groups.wijken) {
    groups.kenmerken.forEach((f, i) => features.push([w.code, f.kenmerk, fixed(w.waarden[i]!, 6), fixed(w.z[i]!, 4), w.herkomst[i]!]));
  }
  return { groepen: UTF8_BOM + csvChunk(rows), buren: UTF8_BOM + csvChunk(peers), kenmerken: UTF8_BOM + csvChunk(features) };
}

/** Writes the three files, each under a temporary name renamed into place. */
export function writeReferenceGroups(file: string, groups: ReferenceGroups): { groepen: string; buren: string; kenmerken: string } {
  const content = referenceGroupsFiles(groups);
  const paths = { groepen: file, buren: siblingFile(file, 'buren'), kenmerken: siblingFile(file, 'kenmerken') };
  writeFileAtomic(paths.buren, content.buren);
  writeFileAtomic(paths.kenmerken, content.kenmerken);
  writeFileAtomic(paths.groepen, content.groepen);
  return paths;
}
