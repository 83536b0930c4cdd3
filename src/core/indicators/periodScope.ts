import { parsePeriode, type Periode } from '../period/periode.ts';
import type { Toerekening } from '../lasten/toerekeningScope.ts';
import type { LoadedSource } from './sql/recordTables.ts';

/** The period's sources per gemeente (sql/recordTables.ts buildDuckScope) and what is missing. */
export type PeriodScope = {
  periode: Periode;
  vorige: Periode;
  /** Per gemeente the source periods used. */
  bronnen: { gemeente: string; gemeentenaam: string; perioden: string[] }[];
  /** Gemeenten without a source for the preceding period: their instroom counts everyone who starts. */
  zonderVorigePeriode: string[];
  /** Only when a source carries lasten: what was allocated, by which rule, and what matched no voorziening. */
  toerekening?: Toerekening;
};

/** What a scope says about itself: the sources used and the gaps. */
export function scopeOf(periode: Periode, vorige: Periode, chosen: readonly LoadedSource[], all: readonly LoadedSource[]): PeriodScope {
  const gemeenten = [...new Set(chosen.map((s) => s.gemeente))].sort();
  return {
    periode,
    vorige,
    bronnen: gemeenten.map((g) => {
      const own = chosen.filter((s) => s.gemeente === g);
      return { gemeente: g, gemeentenaam: own.at(-1)!.gemeentenaam, perioden: own.map((s) => s.periode) };
    }),
    zonderVorigePeriode: gemeenten.filter((g) => !all.some((s) => s.gemeente === g && s.begin <= vorige.begin && s.eind >= vorige.begin)),
  };
}

/** Per gemeente: sources inside the period, longest first, skipping any that overlap one taken. */
export function chooseSources(sources: readonly LoadedSource[], periode: Periode): LoadedSource[] {
  const inside = sources
    .filter((s) => s.begin >= periode.begin && s.eind <= periode.eind)
    .sort((a, b) => length(b) - length(a) || b.id - a.id);
  const taken: LoadedSource[] = [];
  for (const source of inside) {
    if (!taken.some((t) => t.gemeente === source.gemeente && t.begin <= source.eind && source.begin <= t.eind)) taken.push(source);
  }
  return taken.sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.begin.localeCompare(b.begin));
}

function length(source: LoadedSource): number {
  return Date.parse(source.eind) - Date.parse(source.begin);
}

/**
 * Every period a figure can be asked for: each loaded period, plus the half years and years that
 * the loaded periods of some gemeente cover completely (a year is offered only with all its data).
 */
export function availablePeriods(sources: readonly LoadedSource[]): string[] {
  const candidates = new Set<string>();
  for (const source of sources) {
    const year = source.periode.slice(0, 4);
    candidates.add(source.periode).add(year).add(`${year}H1`).add(`${year}H2`);
  }
  const gemeenten = [...new Set(sources.map((s) => s.gemeente))];
  return [...candidates]
    .map(parsePeriode)
    .filter((p) => gemeenten.some((g) => coveredDays(chooseSources(sources.filter((s) => s.gemeente === g), p)) === days(p.begin, p.eind)))
    .sort((a, b) => b.eind.localeCompare(a.eind) || b.begin.localeCompare(a.begin))
    .map((p) => p.code);
}

function coveredDays(sources: readonly LoadedSource[]): number {
  return sources.reduce((sum, s) => sum + days(s.begin, s.eind), 0);
}

function days(begin: string, eind: string): number {
  return (Date.parse(eind) - Date.parse(begin)) / 86_400_000 + 1;
}
