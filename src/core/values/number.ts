import { isSpace, skipSpaceForward } from './parsed.ts';

/**
 * The shared scanner behind parseAmount and parseCount: reads a decimal number written with a
 * given decimal separator, allocation-free. Grouping (thousands) separators are the other one of
 * `.`/`,` or a (no-break, narrow) space, and must be used correctly: a first group of 1-3 digits,
 * then groups of exactly 3, all with the same separator. That strictness is what turns a
 * mis-detected decimal separator into an error instead of an amount 100 times too large:
 * with decimal `,` the text `12.50` is refused, not read as 1250.
 */

/** Scan result, overwritten by every call (no allocation per call). */
export const scan = {
  /** Integer part (at most 13 digits). */
  int: 0,
  /** The first up to 9 fraction digits as an integer; further digits are dropped. */
  frac: 0,
  /** Number of digits in `frac` (0..9). */
  fracLen: 0,
  /** A minus sign, a trailing minus or accounting parentheses. */
  neg: false,
};

export const scanOk = 0;
export const scanInvalid = 1;
export const scanTooLarge = 2;
export type ScanStatus = typeof scanOk | typeof scanInvalid | typeof scanTooLarge;

const maxIntDigits = 13; // < 9.007e13: cents stay exact integers
const maxFracDigits = 9;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `EUR`/`eur` at p? */
function isEurAt(s: string, p: number, e: number): boolean {
  return p + 3 <= e && (s.charCodeAt(p) | 0x20) === 0x65 && (s.charCodeAt(p + 1) | 0x20) === 0x75 &&
    (s.charCodeAt(p + 2) | 0x20) === 0x72;
}

function isMinus(c: number): boolean {
  return c === 45 || c === 0x2212 || c === 0x2013; // hyphen-minus, minus sign, en dash
}

/**
 * Scans s[start, end) (trimmed, non-empty). With `amount` the text may also carry `€`/`EUR`
 * before or after the number, accounting parentheses `(12,50)`, a trailing minus `12,50-` and
 * whole-euro notation `12,-`/`12,--`; without it only a leading sign is allowed.
 */
export function scanNumber(s: string, start: number, end: number, decimal: ',' | '.', amount: boolean): ScanStatus {
  const decimalCode = decimal === ',' ? 44 : 46;
  const groupCode = decimal === ',' ? 46 : 44;
  let p = start;
  let neg = false;
  let signSeen = false;
  let currencySeen = false;
  let paren = false;

  // Prefix: sign, and for amounts `(`, `€` or `EUR`, in any order, each at most once.
  for (;;) {
    if (p >= end) return scanInvalid;
    const c = s.charCodeAt(p);
    if (c >= 48 && c <= 57) break; // the common case: straight to the digits
    if (!signSeen && (isMinus(c) || c === 43)) {
      signSeen = true;
      neg = c !== 43;
      p++;
    } else if (amount && !paren && c === 40) {
      paren = true;
      p++;
    } else if (amount && !currencySeen && c === 0x20ac) {
      currencySeen = true;
      p++;
    } else if (amount && !currencySeen && isEurAt(s, p, end)) {
      currencySeen = true;
      p += 3;
    } else {
      break;
    }
    p = skipSpaceForward(s, p, end);
  }

  // Integer part with optional grouping.
  let int = 0;
  let intDigits = 0;
  let significant = 0;
  let groupChar = -1;
  let groupLen = 0;
  while (p < end) {
    const c = s.charCodeAt(p);
    if (isDigit(c)) {
      int = int * 10 + (c - 48);
      intDigits++;
      if (int > 0) significant++;
      groupLen++;
      p++;
      continue;
    }
    if ((c === groupCode || isSpace(c)) && intDigits > 0 && p + 1 < end && isDigit(s.charCodeAt(p + 1))) {
      const g = c === groupCode ? c : 32;
      if (groupChar === -1) {
        // A first group of 1-3 digits that is not just zeros: `0.123` is no grouped number.
        if (groupLen > 3 || int === 0) return scanInvalid;
        groupChar = g;
      } else if (g !== groupChar || groupLen !== 3) {
        return scanInvalid;
      }
      groupLen = 0;
      p++;
      continue;
    }
    break;
  }
  if (groupChar !== -1 && groupLen !== 3) return scanInvalid;
  if (significant > maxIntDigits) return scanTooLarge;

  // Fraction.
  let frac = 0;
  let fracLen = 0;
  let fracDigits = 0;
  let wholeEuros = false;
  if (p < end && s.charCodeAt(p) === decimalCode) {
    p++;
    if (amount && intDigits > 0 && p < end && isMinus(s.charCodeAt(p))) {
      // `12,-` or `12,--`: whole euros.
      wholeEuros = true;
      p++;
      if (p < end && isMinus(s.charCodeAt(p))) p++;
    } else {
      while (p < end) {
        const c = s.charCodeAt(p);
        if (!isDigit(c)) break;
        if (fracLen < maxFracDigits) {
          frac = frac * 10 + (c - 48);
          fracLen++;
        }
        fracDigits++;
        p++;
      }
      if (fracDigits === 0) return scanInvalid;
    }
  }
  if (intDigits === 0 && fracDigits === 0 && !wholeEuros) return scanInvalid;

  // Suffix: for amounts a trailing minus, `€`/`EUR` and the closing parenthesis.
  let closed = false;
  if (p < end) p = skipSpaceForward(s, p, end);
  while (p < end) {
    if (!amount) return scanInvalid;
    const c = s.charCodeAt(p);
    if (!signSeen && isMinus(c)) {
      signSeen = true;
      neg = true;
      p++;
    } else if (!currencySeen && c === 0x20ac) {
      currencySeen = true;
      p++;
    } else if (!currencySeen && isEurAt(s, p, end)) {
      currencySeen = true;
      p += 3;
    } else if (paren && !closed && c === 41) {
      closed = true;
      p++;
    } else {
      return scanInvalid;
    }
    p = skipSpaceForward(s, p, end);
  }
  if (paren) {
    if (!closed || signSeen) return scanInvalid;
    neg = true;
  }

  scan.int = int;
  scan.frac = frac;
  scan.fracLen = fracLen;
  scan.neg = neg;
  return scanOk;
}

const pow10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The scanned value rounded half away from zero to whole cents, as integer cents (sign included). */
export function scannedCents(): number {
  const fracLen = scan.fracLen;
  let cents: number;
  if (fracLen <= 2) {
    cents = scan.int * 100 + scan.frac * pow10[2 - fracLen]!;
  } else {
    const scale = pow10[fracLen - 2]!;
    const first2 = Math.floor(scan.frac / scale);
    const third = Math.floor(scan.frac / pow10[fracLen - 3]!) % 10;
    cents = scan.int * 100 + first2 + (third >= 5 ? 1 : 0);
  }
  return scan.neg && cents !== 0 ? -cents : cents;
}

/** The scanned value as the nearest double (exact decimal read, sign included). */
export function scannedValue(): number {
  const fracLen = scan.fracLen;
  let value: number;
  if (fracLen === 0) {
    value = scan.int;
  } else {
    const scale = pow10[fracLen]!;
    const mantissa = scan.int * scale + scan.frac;
    // Both exact below 2^53, so the division is correctly rounded.
    value = mantissa <= Number.MAX_SAFE_INTEGER ? mantissa / scale : scan.int + scan.frac / scale;
  }
  return scan.neg && value !== 0 ? -value : value;
}

/** Rounds a number half away from zero to cents, absorbing binary noise (1.005 → 1.01). */
export function roundToCents(x: number): number {
  const a = Math.abs(x) * 100;
  const cents = Math.round(a * (1 + 4 * Number.EPSILON));
  if (cents === 0) return 0;
  return x < 0 ? -cents / 100 : cents / 100;
}
