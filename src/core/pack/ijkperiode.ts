import { readPublication, publishedPeriods, type PublicationMeta } from '../central/export/publicationStore.ts';
import { GEEN_IJKPERIODE } from '../../shared/packStatus.ts';
import { UserError } from '../errors.ts';
import { parsePeriode } from '../period/periode.ts';
import { readReleaseCsv, type ReleaseRow } from './releaseRows.ts';

/*
 * The ijkperiode of a pack: the base period its key figures and trends are compared with, taken
 * from that period's own stored publication (central/export/publicationStore.ts), never computed
 * again, so both sides are suppressed as they were published. The comparison holds only across
 * the same pseudonymisation key (issue 13 "Time"): with another key the same clients are other
 * pseudonyms, and the inflow, outflow and client counts of the two periods are other populations.
 *  - the gemeente's own figures (gemeente and wijken): when it has one and the same key in both;
 *  - ALLE and the reference groups: when both publications hold the same gemeenten, each with
 *    one and the same key; otherwise a change would be a change of membership.
 */

/** What the analyst chose for a release: null the default, `geen` no comparison, or a period code. */
export type IjkKeuze = string | null;
export { GEEN_IJKPERIODE };

export type IjkInput = {
  /** The base period, or null when there is none. */
  periode: string | null;
  /** When the base period's publication was made; null without one. */
  aangemaakt: string | null;
  /** The base period's suppressed release; empty when there is none. */
  release: readonly ReleaseRow[];
  /** The gemeente's own areas may be compared. */
  eigen: boolean;
  /** ALLE and the reference groups may be compared. */
  alle: boolean;
  /** Why something is not compared, as Dutch sentences for the pack. */
  notes: string[];
};

const sameKind = (a: string, b: string) => a.length === b.length && a[4] === b[4];

/** Refuses a chosen ijkperiode that cannot be a base for `periode` (before the release is made). */
export function checkIjkKeuze(keuze: IjkKeuze, periode: string): IjkKeuze {
  if (keuze === null || keuze === GEEN_IJKPERIODE) return keuze;
  const ijk = parsePeriode(keuze);
  const p = parsePeriode(periode);
  if (!sameKind(ijk.code, p.code)) throw new UserError('IJKPERIODE_ONGELIJK', `De ijkperiode ${ijk.code} en periode ${p.code} zijn niet even lang; vergelijk een kwartaal met een kwartaal, een jaar met een jaar.`);
  if (ijk.eind >= p.begin) throw new UserError('IJKPERIODE_VOLGORDE', `De ijkperiode ${ijk.code} moet vóór ${p.code} liggen.`);
  return ijk.code;
}

/** The same period a year earlier: 2026Q3 → 2025Q3, 2026 → 2025. */
export function yearEarlier(periode: string): string {
  const code = parsePeriode(periode).code;
  return `${Number(code.slice(0, 4)) - 1}${code.slice(4)}`;
}

function oneKey(meta: PublicationMeta, gemeente: string): string | null {
  const g = meta.gemeenten.find((m) => m.gemeente === gemeente);
  return g && g.sleutels.length === 1 ? g.sleutels[0]! : null;
}

export function sameKey(a: PublicationMeta, b: PublicationMeta, gemeente: string): boolean {
  const k = oneKey(a, gemeente);
  return k !== null && k === oneKey(b, gemeente);
}

/** Same gemeenten, each with one and the same key: ALLE and the groups of both releases are one population. */
export function sameMembers(a: PublicationMeta, b: PublicationMeta): boolean {
  const codes = (m: PublicationMeta) => m.gemeenten.map((g) => g.gemeente).sort().join(',');
  return codes(a) === codes(b) && a.gemeenten.every((g) => sameKey(a, b, g.gemeente));
}

/** The default: the same period a year earlier when published, else the earliest published one of the same length with the gemeente's key. */
function defaultIjk(dataDir: string, current: PublicationMeta, gemeente: string): string | null {
  const p = parsePeriode(current.periode);
  const earlier = publishedPeriods(dataDir).filter((c) => sameKind(c, p.code) && parsePeriode(c).eind < p.begin);
  if (earlier.includes(yearEarlier(p.code))) return yearEarlier(p.code);
  return earlier.find((c) => sameKey(readPublication(dataDir, c)!, current, gemeente)) ?? null;
}

/** No comparison, with the reasons. */
export const noIjk = (notes: string[], periode: string | null = null): IjkInput => ({ periode, aangemaakt: null, release: [], eigen: false, alle: false, notes });

/** The base period of one gemeente's pack and what of it may be compared, from the stored publications. */
export function ijkInput(dataDir: string, options: { periode: string; gemeente: string; keuze: IjkKeuze; rows?: (file: string, label: string) => ReleaseRow[] }): IjkInput {
  const { gemeente } = options;
  const periode = parsePeriode(options.periode).code;
  const current = readPublication(dataDir, periode);
  if (!current) throw new UserError('PUBLICATIE_ONTBREEKT', `Er is geen opgeslagen publicatie over ${periode}; een pakket wordt alleen uit een publicatie gemaakt.`);
  const keuze = checkIjkKeuze(options.keuze, periode);
  if (keuze === GEEN_IJKPERIODE) return noIjk(['Geen ijkperiode: voor deze release is gekozen niet met een eerdere periode te vergelijken.']);
  const ijk = keuze ?? defaultIjk(dataDir, current, gemeente);
  if (ijk === null) return noIjk([`Geen ijkperiode: er is geen eerdere publicatie van een even lange periode waarin ${gemeente} met dezelfde pseudonimiseringssleutel leverde.`]);
  const base = readPublication(dataDir, ijk);
  if (!base) return noIjk([`Van de ijkperiode ${ijk} is nog geen publicatie opgeslagen (publiceer ${ijk} eerst met central export of maak er pakketten van); de verandering blijft daarom leeg.`], ijk);
  const notes: string[] = [];
  const inBase = base.gemeenten.some((g) => g.gemeente === gemeente);
  const eigen = inBase && sameKey(base, current, gemeente);
  if (!inBase) notes.push(`${gemeente} zat niet in de publicatie van ${ijk}: voor de gemeente en haar wijken geen verandering.`);
  else if (!eigen) notes.push(`De pseudonimiseringssleutel van ${gemeente} is tussen ${ijk} en ${periode} gewijzigd: dezelfde cliënten hebben dan andere pseudoniemen, dus voor de gemeente en haar wijken geen verandering.`);
  const alle = sameMembers(base, current);
  if (!alle) notes.push(`Alle gemeenten en de referentiegroepen: geen verandering, want de publicaties van ${ijk} en ${periode} bevatten niet dezelfde gemeenten met elk dezelfde sleutel.`);
  return { periode: ijk, aangemaakt: base.aangemaakt, release: (options.rows ?? readReleaseCsv)(base.cijfers, `${ijk}.cijfers.csv`), eigen, alle, notes };
}
