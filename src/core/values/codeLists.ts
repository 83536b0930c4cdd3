import type { Cell } from './cell.ts';
import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';
import { createLookupParser, type LookupParser } from './lookup.ts';
import type { Parsed } from './parsed.ts';

/**
 * The small iStandaarden code lists, as data: `code;naam;synoniemen` tables read at run time.
 * The default tables are `eenheid.csv` and `frequentie.csv` in resources/.
 *
 * - eenheid: `01` minuut, `04` uur, `14` etmaal, `16` dagdeel, `82` stuks (output), `83` euro's,
 *   `84` stuks (inspanning). `stuks` alone is ambiguous (output or inspanning) and is invalid.
 * - frequentie: `1` per dag, `2` per week, `3` per vier weken, `4` per maand, `5` per jaar,
 *   `6` totaal binnen geldigheidsduur.
 *
 * Matching ignores case, spaces, punctuation, accents and leading zeros of numeric codes
 * (`4`, `04` and the number 4 are all eenheid `04`); the result is the code as in the table.
 */

/** A code-list parser from a `code;naam;synoniemen` table; `reason` is its Dutch `invalid` reason. */
export function createCodeListParser(
  rows: readonly Record<string, string>[],
  table: string,
  reason: string,
): LookupParser {
  return createLookupParser(rows, { table, reason });
}

export function loadEenheidParser(dir: string = defaultResourcesDir): LookupParser {
  return createCodeListParser(readResourceTable(dir, 'eenheid.csv'), 'eenheid.csv', 'onbekende eenheid');
}

export function loadFrequentieParser(dir: string = defaultResourcesDir): LookupParser {
  return createCodeListParser(readResourceTable(dir, 'frequentie.csv'), 'frequentie.csv', 'onbekende frequentie');
}

let eenheid: LookupParser | undefined;
let frequentie: LookupParser | undefined;

/** Eenheid code (`01`, `04`, `14`, `16`, `82`, `83`, `84`) from the default table, read on first use. */
export function parseEenheid(cell: Cell): Parsed<string> {
  return (eenheid ??= loadEenheidParser())(cell);
}

/** Frequentie code (`1`..`6`) from the default table, read on first use. */
export function parseFrequentie(cell: Cell): Parsed<string> {
  return (frequentie ??= loadFrequentieParser())(cell);
}
