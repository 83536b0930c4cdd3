import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';
import { createLookupParser, type LookupParser } from './lookup.ts';

/**
 * Pijler (`WMO`, `JW`, `PW`, `SHV`, `WSW`, `LLV`, `SO`, …) from the `code;naam;synoniemen` table
 * resources/pijlers.csv. A cell matches the code, the naam or a synonym regardless of case,
 * spaces, punctuation and accents (`Wmo`, `WMO 2015`, `Jeugdwet`, `re-integratie`); the result
 * is the code. Anything else is `invalid` with reason `onbekende pijler`.
 */
export function createPijlerParser(rows: readonly Record<string, string>[]): LookupParser {
  return createLookupParser(rows, { table: 'pijlers.csv', reason: 'onbekende pijler' });
}

/** The pijler parser from `pijlers.csv` in a resources folder (the repository's by default). */
export function loadPijlerParser(resourcesDir: string = defaultResourcesDir): LookupParser {
  return createPijlerParser(readResourceTable(resourcesDir, 'pijlers.csv'));
}
