import type { ReferenceTables } from '../resources/referenceTables.ts';
import { createLookupParser, type LookupParser } from '../values/lookup.ts';

/** DESIGN.md: a product's financier is the gemeente unless the vertaaltabel says otherwise. */
export const DEFAULT_FINANCIER = 'gemeente';

/**
 * The code lists a vertaaltabel row is checked against, each read the way people fill in a
 * table: the code, the naam or a synonym from its resources/ table, regardless of case, accents,
 * spacing and leading zeros (`2`, `02`, `LD02`, `ADL en huishouden` are all leefdomein LD02), the
 * result always the canonical code. Every reader of a vertaaltabel (file import, the Producten
 * screen's edits, `--products`) gets there through validateProductRows, so through these.
 */
export type ClassificationCodes = {
  pijler: LookupParser;
  voorziening: LookupParser;
  leefdomein: LookupParser;
  financier: LookupParser;
};

type Entry = { code: string; naam: string; synoniemen: readonly string[] };

const cache = new WeakMap<ReferenceTables, ClassificationCodes>();

export function classificationCodes(ref: ReferenceTables): ClassificationCodes {
  let codes = cache.get(ref);
  if (!codes) {
    codes = {
      pijler: lookup(ref.pijlers, 'pijlers.csv', 'onbekende pijler'),
      voorziening: lookup(ref.voorzieningsoorten, 'voorzieningsoorten.csv', 'onbekende voorzieningsoort'),
      leefdomein: lookup(ref.leefdomeinen, 'leefdomeinen.csv', 'onbekend leefdomein'),
      financier: lookup(ref.financiers, 'financiers.csv', 'onbekende financier'),
    };
    cache.set(ref, codes);
  }
  return codes;
}

function lookup(entries: readonly Entry[], table: string, reason: string): LookupParser {
  return createLookupParser(
    entries.map((e) => ({ code: e.code, naam: e.naam, synoniemen: e.synoniemen.join('|') })),
    { table, reason },
  );
}

/**
 * What a column accepts, in Dutch, for a refusal: each code with its number where the table
 * gives one (`LD02 of 2 (ADL en huishouden)`), or the codes alone for a long list.
 */
export function allowedCodes(entries: readonly Entry[], withNames: boolean): string {
  return entries
    .map((e) => {
      if (!withNames) return e.code;
      const number = e.synoniemen.find((s) => /^\d+$/.test(s));
      return `${e.code}${number ? ` of ${number}` : ''} (${e.naam})`;
    })
    .join(', ');
}
