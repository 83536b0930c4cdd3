import type { Cell } from './cell.ts';
import { scanNumber, scanOk, scanTooLarge, scannedCents, roundToCents } from './number.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, ok, skipSpaceBackward, skipSpaceForward, type Parsed,
} from './parsed.ts';

/**
 * Amounts in euros from client-system and financial exports, rounded half away from zero to
 * whole cents.
 *
 * Text, with the column's decimal separator (see {@link detectDecimalSeparator}): `1.234,56`,
 * `1234,56`, `-12,50`, `€ 1.234`, `€1.234,-`, `12,50 EUR`, `1 234,56` (no-break or narrow space
 * as thousands separator), `(12,50)` (accounting: negative), `12,50-` (trailing minus, SAP),
 * `−12,50` (Unicode minus). With decimal `.`: `1234.56`, `1,234.56`. Thousands separators must
 * be used correctly (first group 1-3 digits, then groups of three), so a wrong decimal separator
 * gives `invalid` rather than an amount 100 times off: with `,` the text `12.50` is invalid; only
 * `1.234` (exactly three digits after a single separator) is ambiguous and is read with the
 * separator given. Number cells are taken as they are (rounded to cents). Amounts of 10^13 euros
 * or more are refused.
 */

const notAnAmount = invalid('geen geldig bedrag');
const tooLarge = invalid('bedrag te groot');
const maxAbsAmount = 1e13;

/** Parses one cell as an amount in euros (rounded to cents). */
export function parseAmount(cell: Cell, decimal: ',' | '.'): Parsed<number> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    const status = scanNumber(cell, start, end, decimal, true);
    if (status === scanOk) return ok(scannedCents() / 100);
    if (status === scanTooLarge) return tooLarge;
    return isPlaceholderAt(cell, start, end) ? PLACEHOLDER : notAnAmount;
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return notAnAmount;
    if (Math.abs(cell) >= maxAbsAmount) return tooLarge;
    return ok(roundToCents(cell));
  }
  return notAnAmount;
}

const voteNone = 0;
const voteComma = 1;
const voteDot = 2;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What a text with a single `,` or `.` at `at` says about the decimal separator. */
function voteSingle(s: string, at: number, separator: typeof voteComma | typeof voteDot): number {
  let before = 0;
  while (at - before - 1 >= 0 && isDigit(s.charCodeAt(at - before - 1))) before++;
  let after = 0;
  while (at + after + 1 < s.length && isDigit(s.charCodeAt(at + after + 1))) after++;
  if (after === 0) {
    // `12,-` / `12,--`: Dutch whole-euro notation; anything else says nothing.
    return separator === voteComma && before > 0 && s.charCodeAt(at + 1) === 45 ? voteComma : voteNone;
  }
  // `1.234` or `1,234` could be a thousands separator (first group 1-3 digits, not starting with
  // 0, then exactly three digits): undecided.
  if (after === 3 && before >= 1 && before <= 3 && s.charCodeAt(at - before) !== 48) return voteNone;
  return separator;
}

/** What one sample says: the decimal separator it proves, or nothing. */
function voteOf(s: string): number {
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    }
  }
  if (dots > 0 && commas > 0) return lastComma > lastDot ? voteComma : voteDot; // `1.234,56` / `1,234.56`
  if (commas > 1) return voteDot; // `1,234,567`: commas group
  if (dots > 1) return voteComma; // `1.234.567`: dots group
  if (commas === 1) return voteSingle(s, lastComma, voteComma);
  if (dots === 1) return voteSingle(s, lastDot, voteDot);
  return voteNone;
}

/**
 * Decides a column's decimal separator from sample texts. Each sample that proves one separator
 * votes: both present (`1.234,56` → `,`; `1,234.56` → `.`), a repeated one groups thousands
 * (`1.234.567` → `,`), a single one with other than three digits after it is decimal (`12,50`,
 * `1,5` → `,`; `12.50` → `.`), `12,-` → `,`. `1.234`/`1,234` prove nothing. The majority wins; a
 * tie (including no votes at all) gives `,`, the Dutch default.
 */
export function detectDecimalSeparator(samples: string[]): ',' | '.' {
  let comma = 0;
  let dot = 0;
  for (const sample of samples) {
    const vote = voteOf(sample);
    if (vote === voteComma) comma++;
    else if (vote === voteDot) dot++;
  }
  return dot > comma ? '.' : ',';
}
