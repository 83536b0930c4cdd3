import { normaliseLabel } from '../classification/normaliseLabel.ts';
import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';
import { carriesBsn } from './bsnRuns.ts';

/**
 * What personal data looks like in an export (`resources/persoonsgegevens.csv`): column names
 * that hold names, addresses and contact details, and the endings of Dutch street names.
 */
export type PersonalData = {
  /** Normalised (`normaliseLabel`) column names. */
  kolomnamen: ReadonlySet<string>;
  straatwoorden: readonly string[];
};

const cache = new Map<string, PersonalData>();

export function loadPersonalData(dir = defaultResourcesDir): PersonalData {
  let loaded = cache.get(dir);
  if (!loaded) {
    const rows = readResourceTable(dir, 'persoonsgegevens.csv');
    loaded = {
      kolomnamen: new Set(rows.filter((r) => r.soort === 'kolomnaam').map((r) => normaliseLabel(r.waarde!))),
      straatwoorden: rows.filter((r) => r.soort === 'straat').map((r) => normaliseLabel(r.waarde!)),
    };
    cache.set(dir, loaded);
  }
  return loaded;
}

export function isPersonalHeader(header: string, data: PersonalData = loadPersonalData()): boolean {
  return data.kolomnamen.has(normaliseLabel(header));
}

const initials = /^([A-Z]\.\s?){1,5}$/;

/** A sample column whose values are mostly initials or street names (whatever its header says). */
export function looksLikeNamesOrStreets(values: readonly string[], data: PersonalData = loadPersonalData()): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return false;
  const personal = filled.filter((v) => {
    if (initials.test(v)) return true;
    const label = normaliseLabel(v);
    // "Korte Reüniestraat", "Dorpsweg": one or two words ending in a street word, no digits.
    return !/\d/.test(label) && label.split(' ').length <= 4 && data.straatwoorden.some((w) => label.endsWith(w) && label.length > w.length + 1);
  }).length;
  return personal * 2 > filled.length;
}

const dateLike = /^(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})([ T]\d{1,2}:\d{2}(:\d{2})?)?$/;
const postcodeLike = /^\d{4}\s?[A-Za-z]{2}$/;
const numberLike = /^[-+€\s]*\d[\d.,\s]*$/;

/**
 * Whether a header row is in fact a data row (chosen wrongly as Kopregel): any cell that may be a
 * BSN, a date or a postcode, or several bare numbers. Column names are never like that, and such
 * a row must not go on as column names into the page, profiles, findings or reports. Returns the
 * 1-based column of the first such cell, to name in the refusal.
 */
export function dataLikeHeader(headers: readonly string[]): number | null {
  let numbers = 0;
  let firstNumber = 0;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!.trim();
    if (h === '') continue;
    if (carriesBsn(h, { loose: true }) || dateLike.test(h) || postcodeLike.test(h)) return i + 1;
    if (numberLike.test(h)) {
      numbers++;
      firstNumber ||= i + 1;
    }
  }
  // One bare number may be a year ("2026"); more are data.
  return numbers >= 2 ? firstNumber : null;
}
