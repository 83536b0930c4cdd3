import type { Cell } from '../values/cell.ts';

/**
 * A BSN cell, read the way contract wm1 prescribes. `bsn` is exactly 9 digits; `padded` says that
 * leading zeros were added because the source (usually Excel) had dropped them. The `reason` of an
 * invalid cell is short Dutch for the user and never contains the value, so it may be shown as is.
 */
export type BsnResult =
  | { kind: 'ok'; bsn: string; padded: boolean }
  | { kind: 'empty' }
  | { kind: 'sentinel' }
  | { kind: 'invalid'; reason: string };

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** Registrations use these for "geen BSN": 000000000 for the unborn (it passes the 11-proef) and 999999999 for unknown. */
const SENTINELS = new Set(['000000000', '999999999']);

/** The 11-proef for BSNs: the last digit counts -1, and the weighted sum must be a multiple of 11. */
export function passesElfproef(nineDigits: string): boolean {
  if (!/^[0-9]{9}$/.test(nineDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * (nineDigits.charCodeAt(i) - 48);
  return sum % 11 === 0;
}

export function normaliseBsn(cell: Cell): BsnResult {
  const digits = digitsOf(cell);
  if (typeof digits !== 'string') return digits;
  if (digits === '') return { kind: 'empty' };
  if (digits.length > 9) return invalid('te veel cijfers');
  const bsn = digits.padStart(9, '0');
  if (SENTINELS.has(bsn)) return { kind: 'sentinel' };
  if (!passesElfproef(bsn)) return invalid('voldoet niet aan de 11-proef');
  return { kind: 'ok', bsn, padded: digits.length < 9 };
}

/**
 * The digits the cell holds, or why it holds none. Separators people type (spaces, dots, dashes)
 * are dropped; text without a single digit is not an empty cell but a value we cannot use.
 */
function digitsOf(cell: Cell): string | BsnResult {
  if (cell === null) return '';
  if (cell instanceof Date) return invalid('een datum, geen BSN');
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return invalid('geen getal');
    if (!Number.isInteger(cell)) return invalid('geen geheel getal');
    if (cell < 0) return invalid('negatief getal');
    // Checked before formatting: String() of a very large number switches to exponent notation.
    if (cell > 999_999_999) return invalid('te veel cijfers');
    return String(cell);
  }
  if (cell.trim() === '') return '';
  const digits = cell.replace(/[^0-9]/g, '');
  return digits === '' ? invalid('geen getal') : digits;
}

function invalid(reason: string): BsnResult {
  return { kind: 'invalid', reason };
}
