/**
 * How a cost figure marks where its money comes from when a scope has lasten; the names live in
 * src/shared/kostenBron.ts so the screens use the same ones. The mark goes last in `dimensie`,
 * after the split it belongs to.
 */
import { KOSTEN_BRON_TITELS, KOSTEN_BRONNEN, MET_TOEREKENING, type KostenBron } from '../../shared/kostenBron.ts';

export { KOSTEN_BRON_KEY, KOSTEN_BRON_TITELS, KOSTEN_BRONNEN, markKostenBron, MET_TOEREKENING, type KostenBron } from '../../shared/kostenBron.ts';

/** The split and the mark of a dimensie: `pijler=WMO|kosten_bron=client` → `pijler=WMO`, `client`. */
export function splitKostenBron(dimensie: string): { dimensie: string; bron: KostenBron | null } {
  const match = /(?:^|\|)kosten_bron=(client|toegerekend)$/.exec(dimensie);
  if (!match) return { dimensie, bron: null };
  return { dimensie: dimensie.slice(0, match.index), bron: match[1] as KostenBron };
}

/**
 * The one naming of a cost's variants wherever a table shows them (the Overzicht's tables, their
 * Excel exports): the figure itself is "met toerekening", beside it `<naam>_client` "zonder
 * toerekening" and `<naam>_toegerekend` "toegerekend", in the order of KOSTEN_BRONNEN.
 */
export const kostenBronNaam = (naam: string, bron: KostenBron): string => `${naam}_${bron}`;

/**
 * A cost column as a table shows it: alone when the period has no lasten (no empty columns for a
 * gemeente without lump-sum products), otherwise titled "met toerekening" and followed by its two
 * variants.
 */
export function kostenKolommen<K extends { naam: string; titel: string }>(kolom: K, toerekening: boolean): K[] {
  if (!toerekening) return [kolom];
  return [{ ...kolom, titel: `${kolom.titel} ${MET_TOEREKENING}` }, ...KOSTEN_BRONNEN.map((b) => ({ ...kolom, naam: kostenBronNaam(kolom.naam, b), titel: `${kolom.titel} ${KOSTEN_BRON_TITELS[b]}` }))];
}

/** A value per kosten_bron (null when the scope has no lasten). */
export type PerKostenBron<T> = Record<KostenBron, T> | null;

/** The row cells of a cost column's variants (kostenKolommen), none when there are no lasten. */
export function kostenCellen<T>(naam: string, perBron: PerKostenBron<T>): Record<string, T> {
  return perBron === null ? {} : Object.fromEntries(KOSTEN_BRONNEN.map((b) => [kostenBronNaam(naam, b), perBron[b]]));
}

/** The same function applied to each variant. */
export function perKostenBron<T>(toerekening: boolean, of: (bron: KostenBron) => T): PerKostenBron<T> {
  return toerekening ? (Object.fromEntries(KOSTEN_BRONNEN.map((b) => [b, of(b)])) as Record<KostenBron, T>) : null;
}
