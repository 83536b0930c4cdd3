import type { Cell } from './cell.ts';
import { scanNumber, scanOk, scanTooLarge, scan, scannedValue } from './number.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, isSpace, ok, skipSpaceBackward, skipSpaceForward, type Parsed,
} from './parsed.ts';

const notACode = invalid('geen geldige code');

/**
 * A code (product code, AGB code, toevoeging, …) as trimmed text, exactly as delivered otherwise:
 * leading zeros of text stay (`01A01`), case is kept. A number cell becomes its integer text
 * (AGB code 73000001 → `73000001`); a number cell cannot bring back leading zeros Excel already
 * dropped, and a fraction, negative or unsafe-large number is invalid. Placeholder texts are
 * `empty`. A date cell is invalid.
 */
export function parseCode(cell: Cell): Parsed<string> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    if (isPlaceholderAt(cell, start, end)) return PLACEHOLDER;
    return ok(start === 0 && end === cell.length ? cell : cell.slice(start, end));
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) return ok(String(cell));
  return notACode;
}

/** Huisnummer (digits, no leading zeros) and toevoeging (upper case, `''` when none). */
export type Huisnummer = { huisnummer: string; toevoeging: string };

const notAHuisnummer = invalid('geen geldig huisnummer');
const maxToevoegingLength = 6;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlphanumeric(c: number): boolean {
  const l = c | 0x20;
  return isDigit(c) || (l >= 0x61 && l <= 0x7a);
}

/** Between huisnummer and toevoeging: spaces, `-` and `/`. */
function isHuisnummerSeparator(c: number): boolean {
  return c === 45 || c === 47 || isSpace(c);
}

/**
 * Splits a huisnummer with its toevoeging: `12` → 12/'', `12a` and `12 A` → 12/`A`, `12-2` →
 * 12/`2`, `12 bis` → 12/`BIS`, `12-1hg` → 12/`1HG`. The number is 1..99999 (leading zeros of
 * padded exports are dropped: `012` → `12`); the toevoeging is up to 6 letters and digits,
 * with `-` or `/` inside allowed (`A-1`), upper-cased; spaces, `-` or `/` between number and
 * toevoeging are dropped. A number cell is a huisnummer without toevoeging.
 */
export function parseHuisnummer(cell: Cell): Parsed<Huisnummer> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    return parseHuisnummerText(cell, start, end);
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1 && cell <= 99999) {
    return ok({ huisnummer: String(cell), toevoeging: '' });
  }
  return notAHuisnummer;
}

function parseHuisnummerText(s: string, start: number, end: number): Parsed<Huisnummer> {
  let p = start;
  while (p < end && s.charCodeAt(p) === 48) p++; // padding zeros
  const digitsStart = p;
  while (p < end && isDigit(s.charCodeAt(p))) p++;
  const digits = p - digitsStart;
  if (digits === 0 || digits > 5) {
    if (p === start) return isPlaceholderAt(s, start, end) ? PLACEHOLDER : notAHuisnummer;
    return notAHuisnummer; // `0`, `000` or more than five digits
  }
  const huisnummer = digitsStart === 0 && p === s.length ? s : s.slice(digitsStart, p);
  if (p === end) return ok({ huisnummer, toevoeging: '' });

  while (p < end && isHuisnummerSeparator(s.charCodeAt(p))) p++;
  if (p === end) return ok({ huisnummer, toevoeging: '' }); // `12-`
  const toevoegingStart = p;
  if (end - toevoegingStart > maxToevoegingLength) return notAHuisnummer;
  let previousWasJoin = false;
  for (; p < end; p++) {
    const c = s.charCodeAt(p);
    if (isAlphanumeric(c)) {
      previousWasJoin = false;
    } else if ((c === 45 || c === 47) && !previousWasJoin) {
      previousWasJoin = true;
    } else {
      return notAHuisnummer;
    }
  }
  if (previousWasJoin) return notAHuisnummer;
  return ok({ huisnummer, toevoeging: s.slice(toevoegingStart, end).toUpperCase() });
}

const notACount = invalid('geen geldig aantal');
const negativeCount = invalid('negatief aantal');
const countTooLarge = invalid('aantal te groot');

/**
 * A `volume` or other count: a non-negative number, decimals allowed (`1,5` uur), written with the
 * column's decimal separator and optionally correct thousands grouping (`1.250` with `,`). No
 * currency, no unit text. Number cells as they are. Negative is invalid (`negatief aantal`).
 * At most nine decimals are read (further ones are dropped).
 */
export function parseCount(cell: Cell, decimal: ',' | '.'): Parsed<number> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    const status = scanNumber(cell, start, end, decimal, false);
    if (status === scanOk) {
      const value = scannedValue();
      return scan.neg && value !== 0 ? negativeCount : ok(value);
    }
    if (status === scanTooLarge) return countTooLarge;
    return isPlaceholderAt(cell, start, end) ? PLACEHOLDER : notACount;
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number' && Number.isFinite(cell)) {
    if (cell < 0) return negativeCount;
    return ok(cell === 0 ? 0 : cell);
  }
  return notACount;
}
