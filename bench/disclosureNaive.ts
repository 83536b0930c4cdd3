/**
 * The naive secondary suppression the benchmark compares with: table by table, every relation
 * "parent = sum of its parts" (a cell and its split by one more key, a gemeente cell and its
 * wijken, an ALLE cell and its gemeenten) that holds exactly one suppressed cell gets its
 * smallest other cell suppressed too (the parent when no part is left), until no relation has a
 * single suppressed cell. No audit: it counts cells, it does not prove anything.
 */
import type { Release } from '../src/core/disclosure/releaseModel.ts';
import { isPrimary } from '../src/core/disclosure/suppressRelease.ts';

type Relation = { parent: number; parts: number[] };

function relations(release: Release): Relation[] {
  const { groups, groupOf } = release;
  const byId = new Map<string, Relation>();
  const add = (id: string, parentKey: string, part: number) => {
    const parent = groupOf.get(parentKey);
    if (parent === undefined || parent === part) return;
    let r = byId.get(id);
    if (!r) byId.set(id, (r = { parent, parts: [] }));
    if (!r.parts.includes(part)) r.parts.push(part);
  };
  groups.forEach((group, g) => {
    for (const key of group.keys) {
      const [gemeente, niveau, gebied, ...rest] = key.split('|');
      const dims = rest.join('|') === '' ? [] : rest;
      const area = `${gemeente}|${niveau}|${gebied}`;
      dims.forEach((d, i) => {
        const parent = `${area}|${dims.filter((_, j) => j !== i).join('|')}`;
        add(`${parent}#${d.slice(0, d.indexOf('='))}`, parent, g);
      });
      if (niveau === 'wijk') add(`${gemeente}|gemeente||${dims.join('|')}#wijk`, `${gemeente}|gemeente||${dims.join('|')}`, g);
      else if (gemeente !== 'ALLE') add(`ALLE|gemeente||${dims.join('|')}#gemeente`, `ALLE|gemeente||${dims.join('|')}`, g);
    }
  });
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}

/** The number of secondary cells (groups) the naive method suppresses. */
export function naiveSecondary(release: Release): number {
  const { groups } = release;
  const suppressed = new Set(groups.flatMap((g, i) => (isPrimary(g.values.clienten) ? [i] : [])));
  const primary = suppressed.size;
  const all = relations(release);
  const size = (g: number) => groups[g]!.values.clienten;
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of all) {
      const members = [r.parent, ...r.parts];
      if (members.filter((g) => suppressed.has(g)).length !== 1) continue;
      const open = r.parts.filter((g) => !suppressed.has(g)).sort((a, b) => size(a) - size(b) || a - b);
      suppressed.add(open[0] ?? r.parent);
      changed = true;
    }
  }
  return suppressed.size - primary;
}
