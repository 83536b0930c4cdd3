import type { Cell } from './cell.ts';
import { normalizeKey } from './normalize.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, skipSpaceBackward, skipSpaceForward, type Parsed, type ParsedOk,
} from './parsed.ts';

export type LookupParser = (cell: Cell) => Parsed<string>;

export type LookupOptions = {
  /** Name of the table, for errors in the table itself (`pijlers.csv`). */
  table: string;
  /** The short Dutch `invalid` reason for a value not in the table (`onbekende pijler`). */
  reason: string;
};

/** Distinct texts remembered per parser; exports repeat a handful of values a million times. */
const maxCached = 10_000;

/**
 * A parser for a small `code;naam;synoniemen` table (synonyms `|`-separated): a cell matches
 * when its {@link normalizeKey} equals that of the code, the naam or a synonym, and yields the
 * code as written in the table. A number cell matches by its integer text (`4` → `04` when the
 * table has code `04`, since all-digit keys ignore leading zeros). Throws when the table has a
 * row without code, a code twice, or one text that would mean two codes.
 */
export function createLookupParser(rows: readonly Record<string, string>[], options: LookupOptions): LookupParser {
  const byKey = new Map<string, ParsedOk<string>>();
  const codes = new Set<string>();
  const add = (text: string, result: ParsedOk<string>, row: number) => {
    const word = text.trim();
    if (word === '') return;
    const key = normalizeKey(word);
    const existing = byKey.get(key);
    if (existing !== undefined && existing.value !== result.value) {
      throw new Error(`${options.table}: rij ${row}: '${word}' hoort ook bij code ${existing.value}`);
    }
    byKey.set(key, result);
  };
  rows.forEach((row, index) => {
    const line = index + 2; // the header is line 1
    const code = (row['code'] ?? '').trim();
    if (code === '') throw new Error(`${options.table}: rij ${line}: geen code`);
    if (codes.has(code)) throw new Error(`${options.table}: rij ${line}: code ${code} staat er twee keer in`);
    codes.add(code);
    const result: ParsedOk<string> = Object.freeze({ kind: 'ok', value: code });
    add(code, result, line);
    add(row['naam'] ?? '', result, line);
    for (const synonym of (row['synoniemen'] ?? '').split('|')) add(synonym, result, line);
  });

  const unknown = invalid(options.reason);
  const cache = new Map<string, Parsed<string>>();
  const numberCache = new Map<number, Parsed<string>>();

  const resolve = (text: string): Parsed<string> => {
    const start = skipSpaceForward(text, 0, text.length);
    if (start === text.length) return EMPTY;
    const end = skipSpaceBackward(text, start, text.length);
    const found = byKey.get(normalizeKey(text.slice(start, end)));
    if (found !== undefined) return found;
    return isPlaceholderAt(text, start, end) ? PLACEHOLDER : unknown;
  };

  return (cell: Cell): Parsed<string> => {
    if (typeof cell === 'string') {
      const hit = cache.get(cell);
      if (hit !== undefined) return hit;
      const result = resolve(cell);
      if (cache.size < maxCached) cache.set(cell, result);
      return result;
    }
    if (cell === null) return EMPTY;
    if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) {
      const hit = numberCache.get(cell);
      if (hit !== undefined) return hit;
      const result = byKey.get(normalizeKey(String(cell))) ?? unknown;
      if (numberCache.size < maxCached) numberCache.set(cell, result);
      return result;
    }
    return unknown;
  };
}
