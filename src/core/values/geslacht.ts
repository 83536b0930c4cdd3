import type { Cell } from './cell.ts';
import { normalizeKey } from './normalize.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, skipSpaceBackward, skipSpaceForward, type Parsed, type ParsedOk,
} from './parsed.ts';

/** COD046 geslacht: `0` onbekend, `1` man, `2` vrouw. */
export type Geslacht = '0' | '1' | '2';

const onbekend: ParsedOk<Geslacht> = Object.freeze({ kind: 'ok', value: '0' });
const man: ParsedOk<Geslacht> = Object.freeze({ kind: 'ok', value: '1' });
const vrouw: ParsedOk<Geslacht> = Object.freeze({ kind: 'ok', value: '2' });
const unknownGeslacht = invalid('onbekend geslacht');

/**
 * Words per code, matched after {@link normalizeKey} (case, spaces, dots and accents do not
 * matter). `X`, `Anders`, `Overig`, `Niet gespecificeerd` (and the like) are COD046 `0`: the code
 * list has no other value for them. English is a courtesy for exports from international
 * software (`F` is female, `U` unknown).
 */
const vocabulary: Readonly<Record<Geslacht, readonly string[]>> = {
  '0': ['0', 'o', 'onbekend', 'niet bekend', 'onbepaald', 'x', 'anders', 'overig', 'overige', 'niet gespecificeerd',
    'neutraal', 'divers', 'u', 'unknown', 'other', 'unspecified', 'not specified'],
  '1': ['1', 'm', 'man', 'mannelijk', 'jongen', 'male'],
  '2': ['2', 'v', 'vrouw', 'vrouwelijk', 'meisje', 'f', 'female'],
};

const byCode: Readonly<Record<Geslacht, ParsedOk<Geslacht>>> = { '0': onbekend, '1': man, '2': vrouw };
const lookup = new Map<string, ParsedOk<Geslacht>>();
for (const code of ['0', '1', '2'] as const) {
  for (const word of vocabulary[code]) lookup.set(normalizeKey(word), byCode[code]);
}

/** Longer texts seen before (`Man`, `Vrouw`, …): exports repeat a handful of spellings. */
const cache = new Map<string, Parsed<Geslacht>>();
const maxCached = 1000;

/** Single characters, without normalising. */
function fromChar(c: number): Parsed<Geslacht> | null {
  switch (c | 0x20) {
    case 0x6d: return man; // m
    case 0x76: case 0x66: return vrouw; // v, f
    case 0x6f: case 0x78: case 0x75: return onbekend; // o, x, u
    case 0x31: return man; // 1
    case 0x32: return vrouw; // 2
    case 0x30: return onbekend; // 0
    default: return null;
  }
}

/**
 * Parses one cell as COD046 geslacht. The vocabulary is checked before the placeholder texts,
 * so `Onbekend` is the code `0`, while `-` or `n.v.t.` are an empty placeholder.
 */
export function parseGeslacht(cell: Cell): Parsed<Geslacht> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    if (end - start === 1) {
      const single = fromChar(cell.charCodeAt(start));
      if (single !== null) return single;
    }
    const hit = cache.get(cell);
    if (hit !== undefined) return hit;
    const found = lookup.get(normalizeKey(cell.slice(start, end)));
    const result = found ?? (isPlaceholderAt(cell, start, end) ? PLACEHOLDER : unknownGeslacht);
    if (cache.size < maxCached) cache.set(cell, result);
    return result;
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number') {
    if (cell === 0) return onbekend;
    if (cell === 1) return man;
    if (cell === 2) return vrouw;
  }
  return unknownGeslacht;
}
