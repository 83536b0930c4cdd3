import { markKostenBron, splitKostenBron, type KostenBron } from '../lasten/kostenBron.ts';
import type { Interval } from './auditLp.ts';
import type { Figure } from './figureType.ts';
import { isPrimary, publicationRules, type Regels } from './publicationRules.ts';
import { buildRelease, cellKey, type CellValues, type InnerCell, type ReferenceGroups, type Release, type ReleaseLevel } from './releaseModel.ts';
import { carriedForward, patternOf, type ReleasePattern } from './releasePattern.ts';
import { suppressRelease, type Soort, type Suppression } from './suppressRelease.ts';

/*
 * Disclosure control on a figures list (DESIGN.md "Disclosure control"): every figure gets the
 * status of its cell (area × dimension), so a suppressed cell loses every indicator — costs,
 * averages, per 1,000, flows. Three kinds of figure are not cells of the linear system:
 *  - partitions of an area's clients or households (stapeling per combination of pillars, clients
 *    by number of voorzieningen, Jeugd under/over 18): their parts add up to a number the attacker
 *    is assumed to know, so a hidden part needs company: parts are hidden smallest first until
 *    every hidden part can still be 5 or more (sum of the hidden ≥ hidden + 4). A partition that
 *    cannot be protected that way is left out of the file altogether, rows and all;
 *  - flows (instroom, uitstroom, herhaald beroep) of a published cell: 1–4 is suppressed; they are
 *    bounded by the cell's clients, which are 5 or more;
 *  - cbs_jaar and inwoners, which say nothing about clients.
 */

export type Status = 'ok' | 'onderdrukt';
export type DisclosedFigure = Figure & { status: Status };
export type AuditRow = { periode: string; gemeente: string; wijk: string; indicator: string; dimensie: string; soort: Soort; ondergrens: number; bovengrens: number };
/** `ms` wall clock, `cpuMs` the process's user + system time (less skewed by a busy machine). */
export type DisclosureStats = { cellen: number; groepen: number; primair: number; secundair: number; rondes: number; weggelaten: number; ms: number; cpuMs: number };
/** For the benchmark: the release and its pattern, to measure other methods on the same cells. */
export type DisclosureProbe = (release: Release, suppression: Suppression) => void;

const PARTITIONS: Record<string, string> = {
  stapeling: 'stapeling',
  stapeling_huishoudens: 'stapeling_huishoudens',
  clienten_1_voorziening: 'aantal',
  clienten_2_voorzieningen: 'aantal',
  clienten_3_voorzieningen: 'aantal',
  clienten_4_of_meer_voorzieningen: 'aantal',
  clienten_jeugd_tot_18: 'jeugd',
  clienten_jeugd_18_plus: 'jeugd',
};
const FLOWS = new Set(['instroom', 'uitstroom', 'herhaald_beroep']);
const OPEN = new Set(['cbs_jaar', 'inwoners']);

// A cost figure marked with its kosten_bron (toerekening) belongs to the cell of its unmarked split.
function keyOf(f: Figure, dimensie = splitKostenBron(f.dimensie).dimensie): string {
  return cellKey(f.gemeente, f.niveau, f.niveau === 'wijk' ? f.gebied : '', dimensie);
}

export async function discloseFigures(
  figures: readonly Figure[],
  inner: InnerCell[],
  levels: readonly ReleaseLevel[],
  /** `regels`: a stricter publication minimum and cost width than the defaults (5 clients, 10 %). */
  options: { previous?: ReleasePattern | null; groepen?: ReferenceGroups; probe?: DisclosureProbe; regels?: Regels } = {},
): Promise<{ figures: DisclosedFigure[]; audit: AuditRow[]; stats: DisclosureStats; pattern: ReleasePattern }> {
  const regels = publicationRules(options.regels);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const shown = figures.filter((f) => f.niveau !== 'gebied');
  const values = new Map<string, CellValues>();
  for (const f of shown) {
    if (f.indicator !== 'clienten' && f.indicator !== 'voorzieningen' && f.indicator !== 'kosten') continue;
    const { bron } = splitKostenBron(f.dimensie);
    const key = keyOf(f);
    const v = values.get(key) ?? { clienten: 0, voorzieningen: 0, kosten: null };
    // A kosten_bron part is additive on its own over the same cells: a cost system of its own.
    if (bron !== null) {
      if (f.indicator === 'kosten') v.bronnen = { ...v.bronnen, [bron]: Math.round(f.waarde * 100) };
    } else if (f.indicator === 'clienten') v.clienten = f.waarde;
    else if (f.indicator === 'voorzieningen') v.voorzieningen = f.waarde;
    else v.kosten = Math.round(f.waarde * 100);
    values.set(key, v);
  }
  const alle = shown.some((f) => f.gemeente === 'ALLE');
  const release = buildRelease(inner, levels, values, alle, options.groepen);
  const suppression = await suppressRelease(release, carriedForward(release, options.previous ?? null), regels);
  options.probe?.(release, suppression);
  const groupOf = (key: string): number => {
    const g = release.groupOf.get(key);
    if (g === undefined) throw new Error(`Interne fout: cijfer zonder cel (${key}).`);
    return g;
  };
  const soortOf = (key: string): Soort | undefined => suppression.soort.get(groupOf(key));
  const periode = shown[0]?.periode ?? '';
  const audit: AuditRow[] = [];
  const wijkOf = (key: string) => key.split('|')[2]!;
  const [gemeenteOf, dimensieOf] = [(key: string) => key.split('|')[0]!, (key: string) => key.split('|').slice(3).join('|')];
  for (const a of suppression.audit) {
    const group = release.groups[a.group]!;
    const soort = suppression.soort.get(a.group)!;
    for (const key of group.keys) {
      const base = { periode, gemeente: gemeenteOf(key), wijk: wijkOf(key), dimensie: dimensieOf(key), soort };
      audit.push({ ...base, indicator: 'clienten', ...a.clienten });
      if (a.kosten) audit.push({ ...base, indicator: 'kosten', ondergrens: a.kosten.ondergrens / 100, bovengrens: a.kosten.bovengrens / 100 });
      for (const [bron, k] of Object.entries(a.bronnen ?? {}) as [KostenBron, Interval][]) audit.push({ ...base, indicator: 'kosten', dimensie: markKostenBron(base.dimensie, bron), ondergrens: k.ondergrens / 100, bovengrens: k.bovengrens / 100 });
    }
  }

  // Partitions: per area and family the parts, decided together.
  const partStatus = new Map<Figure, Status | 'weg'>();
  const families = new Map<string, Figure[]>();
  for (const f of shown) {
    const family = PARTITIONS[f.indicator];
    if (!family) continue;
    const key = `${keyOf(f, '')}#${family}`;
    families.set(key, [...(families.get(key) ?? []), f]);
  }
  let weggelaten = 0;
  for (const [key, parts] of families) {
    if (suppression.weggelaten.has(groupOf(key.slice(0, key.lastIndexOf('#'))))) continue;
    if (soortOf(key.slice(0, key.lastIndexOf('#'))) !== undefined) {
      for (const f of parts) partStatus.set(f, 'onderdrukt');
      continue;
    }
    const hidden = new Set(parts.filter((f) => isPrimary(f.waarde, regels)));
    if (hidden.size === 0) continue;
    const sum = () => [...hidden].reduce((n, f) => n + f.waarde, 0);
    const open = parts.filter((f) => !hidden.has(f)).sort((a, b) => a.waarde - b.waarde || (a.dimensie < b.dimensie ? -1 : a.dimensie > b.dimensie ? 1 : 0));
    while ((hidden.size < 2 || sum() < hidden.size + regels.minimumClienten - 1) && open.length > 0) hidden.add(open.shift()!);
    if (hidden.size < 2 || sum() < hidden.size + regels.minimumClienten - 1) {
      weggelaten += parts.length;
      for (const f of parts) partStatus.set(f, 'weg');
      continue;
    }
    for (const f of parts) {
      partStatus.set(f, hidden.has(f) ? 'onderdrukt' : 'ok');
      if (hidden.has(f))
        audit.push({ periode, gemeente: f.gemeente, wijk: f.niveau === 'wijk' ? f.gebied : '', indicator: f.indicator, dimensie: f.dimensie, soort: isPrimary(f.waarde, regels) ? 'primair' : 'secundair', ondergrens: 1, bovengrens: sum() - (hidden.size - 1) });
    }
  }

  const out: DisclosedFigure[] = [];
  for (const f of shown) {
    if (!OPEN.has(f.indicator) && suppression.weggelaten.has(groupOf(keyOf(f, PARTITIONS[f.indicator] ? '' : splitKostenBron(f.dimensie).dimensie)))) {
      weggelaten++;
      continue;
    }
    if (OPEN.has(f.indicator)) {
      out.push({ ...f, status: 'ok' });
      continue;
    }
    const part = partStatus.get(f);
    if (part === 'weg') continue;
    if (part !== undefined) {
      out.push({ ...f, status: part });
      continue;
    }
    if (PARTITIONS[f.indicator]) {
      out.push({ ...f, status: 'ok' });
      continue;
    }
    const key = keyOf(f);
    let status: Status = soortOf(key) === undefined ? 'ok' : 'onderdrukt';
    if (status === 'ok' && FLOWS.has(f.indicator) && isPrimary(f.waarde, regels)) {
      status = 'onderdrukt';
      audit.push({ periode, gemeente: f.gemeente, wijk: f.niveau === 'wijk' ? f.gebied : '', indicator: f.indicator, dimensie: f.dimensie, soort: 'primair', ondergrens: 1, bovengrens: values.get(key)!.clienten });
    }
    out.push({ ...f, status });
  }
  const soorten = [...suppression.soort.values()];
  const stats: DisclosureStats = {
    cellen: values.size,
    groepen: release.groups.length,
    primair: soorten.filter((s) => s === 'primair').length,
    secundair: soorten.filter((s) => s === 'secundair').length,
    rondes: suppression.rondes,
    weggelaten,
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu))),
  };
  return { figures: out, audit: sortAudit(audit), stats, pattern: patternOf(periode, release, suppression) };
}

function sortAudit(rows: AuditRow[]): AuditRow[] {
  const key = (r: AuditRow) => [r.gemeente, r.wijk, r.dimensie, r.indicator].join('\u0000');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
