import { normaliseLabel } from '../classification/normaliseLabel.ts';

/**
 * What identifies an aanbieder wherever it is a dimension (figures, aanbiedersanalyse, the
 * Overzicht) or part of a voorziening's identity across quarters: its AGB code when the record has
 * one, else its name compared the way a person reads it (normaliseLabel: case, accents,
 * punctuation and spacing do not count), because exports without AGB codes write one provider as
 * `Zorggroep Ééndracht & Cie` in one row and `ZORGGROEP EENDRACHT & CIE` in the next.
 * Only letters a–z, digits and single spaces remain, so the key can never contain the `|` and `=`
 * that separate a figure's `dimensie`, nor the `;` of the figures CSV. Empty when the record names
 * no aanbieder at all (the gemeente itself).
 */
export function aanbiederKey(agb: string | null, naam: string | null): string {
  const code = agb?.trim() ?? '';
  return code !== '' ? code : normaliseLabel(naam ?? '');
}

/**
 * aanbiederKey for many records in a row: names repeat, so each is normalised once. Bounded, as a
 * hostile delivery could hold a different name in every row.
 */
export function createAanbiederKeys(): (agb: string | null, naam: string | null) => string {
  let byName = new Map<string, string>();
  return (agb, naam) => {
    if (agb !== null && agb.trim() !== '') return agb.trim();
    if (naam === null) return '';
    let key = byName.get(naam);
    if (key === undefined) {
      if (byName.size >= 10_000) byName = new Map();
      key = aanbiederKey(null, naam);
      byName.set(naam, key);
    }
    return key;
  };
}
