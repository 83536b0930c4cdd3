import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';

/**
 * The age bands of the standardisation per pijler (resources/standaardisatie-leeftijden.csv),
 * each with the CBS age kenmerken it is made of and the share of them it takes: Jeugd needs
 * 0–17, which CBS has only as 0–15 plus part of 15–25 (3/10 of it, the ages 15, 16 and 17, as
 * the per-1,000 figures of `central export` assume). Pijler `*` holds for every other pijler.
 * Strata are band × sex (1 man, 2 vrouw).
 */
export type AgeBand = { band: string; van: number; tot: number; cbs: string[]; aandeel: number; toelichting: string };

export const SEXES = ['1', '2'] as const;

export function loadAgeStrata(dir = defaultResourcesDir): Map<string, AgeBand[]> {
  const byPijler = new Map<string, AgeBand[]>();
  readResourceTable(dir, 'standaardisatie-leeftijden.csv').forEach((r, i) => {
    const band: AgeBand = { band: r.band!, van: Number(r.van), tot: Number(r.tot), cbs: (r.cbs ?? '').split('|').filter((c) => c !== ''), aandeel: Number(r.aandeel), toelichting: r.toelichting ?? '' };
    if (!Number.isInteger(band.van) || !Number.isInteger(band.tot) || band.tot < band.van || !(band.aandeel > 0) || band.cbs.length === 0) {
      throw new Error(`resources/standaardisatie-leeftijden.csv: row ${i + 2} is not a valid age band`);
    }
    const list = byPijler.get(r.pijler!) ?? [];
    list.push(band);
    byPijler.set(r.pijler!, list);
  });
  if (!byPijler.has('*')) throw new Error('resources/standaardisatie-leeftijden.csv has no bands for pijler *');
  return byPijler;
}

export function bandsFor(strata: Map<string, AgeBand[]>, pijler: string): AgeBand[] {
  return strata.get(pijler) ?? strata.get('*')!;
}

/** Index of the band an age falls in, or -1 (an age outside every band is not stratified). */
export function bandIndex(bands: readonly AgeBand[], leeftijd: number): number {
  return bands.findIndex((b) => leeftijd >= b.van && leeftijd <= b.tot);
}

/** The resource writes an open band (65 and older) as `tot` 200. */
const OPEN_END = 200;

/**
 * One band of the CBS Kerncijfers age margins (`leeftijd_0_15` = 0–14, …; tot null = open): the
 * bands of pijler `*`, each one kenmerk taken whole. A joint age × sex table (CBS 03759ned) is
 * summed into these, so that its seed has the same rows as the margins it is fitted to.
 */
export type MarginBand = { kenmerk: string; van: number; tot: number | null };

export function marginBands(strata: Map<string, AgeBand[]>): MarginBand[] {
  return bandsFor(strata, '*').map((b, i) => {
    if (b.cbs.length !== 1 || b.aandeel !== 1) throw new Error(`resources/standaardisatie-leeftijden.csv: band ${i + 1} of pijler * is not one whole CBS kenmerk`);
    return { kenmerk: b.cbs[0]!, van: b.van, tot: b.tot >= OPEN_END ? null : b.tot };
  });
}

const share = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

/**
 * The bands per pijler in Dutch, for the output that shows the ratios: where a band takes part of
 * a CBS age group (Jeugd's 15–17 and 18–24 out of 15–25) the line says which part and why, from
 * the resource's toelichting. Pijler `*` comes last, as "overige pijlers".
 */
export function describeAgeBands(strata: Map<string, AgeBand[]>): string[] {
  const own = [...strata.keys()].filter((p) => p !== '*').sort();
  const band = (b: AgeBand) => (b.aandeel === 1 ? b.band : `${b.band} (aandeel ${share.format(b.aandeel)}${b.toelichting === '' ? ` van ${b.cbs.join(' + ')}` : `: ${b.toelichting}`})`);
  return [...own.map((p) => `${p}: ${bandsFor(strata, p).map(band).join(', ')}`), `${own.length > 0 ? 'overige pijlers' : 'alle pijlers'}: ${bandsFor(strata, '*').map(band).join(', ')}`];
}
