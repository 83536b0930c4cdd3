import type { CentralGroupsView } from '../../shared/api.ts';
import type { ReferenceGroups } from './referenceGroups.ts';

/**
 * The two kenmerken on which the groups differ most: per kenmerk the share of its variance that
 * lies between the groups (the between-group sum of squares over the total, η²), highest first,
 * the earlier kenmerk on a tie. A scatter on these two shows the groups as far apart as any
 * pair of the profile's own axes can.
 */
export function separatingAxes(points: readonly (readonly number[])[], groups: readonly string[]): [number, number] {
  const features = points[0]?.length ?? 0;
  if (features < 2) throw new RangeError('at least two kenmerken are needed for a scatter');
  const shares = Array.from({ length: features }, (_, f) => {
    const mean = points.reduce((s, p) => s + p[f]!, 0) / points.length;
    const total = points.reduce((s, p) => s + (p[f]! - mean) ** 2, 0);
    const byGroup = new Map<string, { n: number; sum: number }>();
    points.forEach((p, i) => {
      const g = byGroup.get(groups[i]!) ?? { n: 0, sum: 0 };
      g.n++;
      g.sum += p[f]!;
      byGroup.set(groups[i]!, g);
    });
    const between = [...byGroup.values()].reduce((s, g) => s + g.n * (g.sum / g.n - mean) ** 2, 0);
    return total === 0 ? 0 : between / total;
  });
  const order = shares.map((s, f) => ({ s, f })).sort((a, b) => b.s - a.s || a.f - b.f);
  return [order[0]!.f, order[1]!.f];
}

/** What the Referentiegroepen screen shows of a computed grouping. */
export function groupsView(groups: ReferenceGroups): CentralGroupsView {
  const wijken = groups.wijken;
  const assen = separatingAxes(wijken.map((w) => w.z), wijken.map((w) => w.groep));
  const gemiddelde = groups.kenmerken.map((_, f) => wijken.reduce((s, w) => s + w.waarden[f]!, 0) / wijken.length);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    jaar: groups.jaar,
    kenmerken: groups.kenmerken.map((f) => ({ code: f.kenmerk, naam: f.omschrijving || f.kenmerk })),
    gemiddelde: gemiddelde.map(round),
    groepen: groups.groepen.map((g) => ({ code: g.code, naam: g.naam, klein: g.klein, wijken: g.wijken, inwoners: g.inwoners, profiel: g.profiel.map(round) })),
    assen,
    wijken: wijken.map((w) => ({
      code: w.code,
      naam: w.naam,
      gemeente: w.gemeente,
      inwoners: w.inwoners,
      groep: w.groep,
      afstand: round(w.afstand),
      x: round(w.waarden[assen[0]]!),
      y: round(w.waarden[assen[1]]!),
      buren: w.buren.map((p) => ({ code: wijken[p.index]!.code, naam: wijken[p.index]!.naam, gemeente: wijken[p.index]!.gemeente, afstand: round(p.afstand) })),
    })),
    keuze: groups.keuze.groot,
    weggelaten: groups.weggelaten,
    zonderInwoners: groups.zonderInwoners,
  };
}
