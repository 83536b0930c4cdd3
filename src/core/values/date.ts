import type { Cell } from './cell.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, isSpace, ok, skipSpaceBackward, skipSpaceForward,
  type Parsed,
} from './parsed.ts';

/**
 * Dates from client-system exports, normalised to ISO `yyyy-mm-dd`.
 *
 * Accepted:
 * - a JS `Date` (an .xlsx date cell; read with UTC getters, any time of day ignored);
 * - a number cell: an Excel serial date (1900 date system, 1..2958465 = 1900-01-01..9999-12-31,
 *   a fraction is the time and is ignored; serial 60 is Excel's non-existent 29-02-1900 and is
 *   invalid), or an 8-digit integer `jjjjmmdd` (numbers that large are never serials);
 * - text `d-m-jjjj`/`dd-mm-jjjj` with `-`, `/` or `.` (the same separator twice; always day first,
 *   never the American month first), `jjjj-mm-dd` (also with `/` or `.`), `jjjjmmdd`, and any of
 *   these followed by a time after a space or `T` (`01-07-2026 00:00`, `2026-07-01T13:45:00Z`):
 *   the written calendar date is taken, a time zone offset is not applied;
 * - text holding an Excel serial of exactly five digits (10000..99999 = 1927-05-18..2173-10-13,
 *   optionally with a fraction: `45474` or `45474,5`). Other digit-only lengths are refused on
 *   purpose: four digits are a year (`1985` must not become 1905-06-07), six digits are `ddmmjj`
 *   or `jjmmdd` with a two-digit year, seven digits are no date at all.
 *
 * Refused: two-digit years (`01-07-26`): in birth dates `26` may be 1926 or 2026 and any pivot
 * year silently ages or rejuvenates people by a century. Real calendar dates only (31-02 and
 * 29-02 in non-leap years are invalid). Years 1800..9999: plausibility (a birth date in 1850, an
 * end date `31-12-2999` meaning "open") is for the quality rules to judge, so `31-12-2999`
 * parses to `2999-12-31`.
 *
 * Placeholders: the common texts in parsed.ts plus the all-zero dates `00-00-0000`,
 * `0000-00-00` and `00000000` that databases write for "no date".
 */

const notADate = invalid('geen geldige datum');
const noSuchDate = invalid('datum bestaat niet');
const twoDigitYear = invalid('jaartal met twee cijfers');
const yearOutOfRange = invalid('jaartal buiten 1800-9999');

const minYear = 1800;
const maxYear = 9999;

/** Serial of Excel's fictitious 29 February 1900. */
const excelLeapBug = 60;
const maxExcelSerial = 2958465; // 9999-12-31
/** 1970-01-01 as an Excel serial (serials from 61 on are exact). */
const excelUnixEpoch = 25569;

const pad2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + String(i));

function isLeapYear(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in month m (1..12) of year y. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isValidYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `yyyy-` per year, filled on first use. */
const yearPrefix: (string | undefined)[] = new Array<string | undefined>(10000);

function formatIso(y: number, m: number, d: number): string {
  // Years are 0..9999 everywhere this is called.
  const year = yearPrefix[y] ??= String(y).padStart(4, '0') + '-';
  return year + pad2[m]! + '-' + pad2[d]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// civil_from_days writes its result here so the hot paths allocate nothing.
let civilY = 0;
let civilM = 0;
let civilD = 0;

function civilFromDays(days: number): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civilD = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civilM = mp < 10 ? mp + 3 : mp - 9;
  civilY = yoe + era * 400 + (civilM <= 2 ? 1 : 0);
}

/** Unix day number of an Excel serial's date part, or NaN when the serial is not a real date. */
function excelSerialToDays(serial: number): number {
  if (!Number.isFinite(serial)) return NaN;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > maxExcelSerial || whole === excelLeapBug) return NaN;
  // Excel counts a 29-02-1900 that never was: serials before it are one day later than they say.
  return whole < excelLeapBug ? whole - excelUnixEpoch + 1 : whole - excelUnixEpoch;
}

/**
 * The ISO date of an Excel serial date (1900 date system; a fraction is the time of day and is
 * dropped). Throws a RangeError for serials that are no date: below 1, above 2958465
 * (9999-12-31), not finite, or 60 (Excel's fictitious 29-02-1900).
 */
export function excelSerialToIso(serial: number): string {
  const days = excelSerialToDays(serial);
  if (Number.isNaN(days)) throw new RangeError('not an Excel serial date');
  civilFromDays(days);
  return formatIso(civilY, civilM, civilD);
}

function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000; // an invalid digit poisons any sum it enters
}

// isoParts writes here (hot path, no allocation).
let isoY = 0;
let isoM = 0;
let isoD = 0;

/** Reads a strict `yyyy-mm-dd` into isoY/isoM/isoD; false when malformed or not a real date. */
function readIso(iso: string): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false;
  const y = digitAt(iso, 0) * 1000 + digitAt(iso, 1) * 100 + digitAt(iso, 2) * 10 + digitAt(iso, 3);
  const m = digitAt(iso, 5) * 10 + digitAt(iso, 6);
  const d = digitAt(iso, 8) * 10 + digitAt(iso, 9);
  if (y < 0 || m < 0 || d < 0 || !isValidYmd(y, m, d)) return false;
  isoY = y;
  isoM = m;
  isoD = d;
  return true;
}

/** Days since 1970-01-01 (negative before) of a strict ISO `yyyy-mm-dd`; RangeError otherwise. */
export function isoToDayNumber(iso: string): number {
  if (!readIso(iso)) throw new RangeError('not an ISO date yyyy-mm-dd');
  return daysFromCivil(isoY, isoM, isoD);
}

/** The ISO date `yyyy-mm-dd` of a day number (days since 1970-01-01); years 0000..9999 only. */
export function dayNumberToIso(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError('day number must be an integer');
  civilFromDays(n);
  if (civilY < 0 || civilY > 9999) throw new RangeError('day number outside years 0000-9999');
  return formatIso(civilY, civilM, civilD);
}

/**
 * Age in whole years on `onIso` of someone born on `birthIso` (both strict ISO dates). Someone
 * born on 29 February turns a year older on 1 March in non-leap years (the birthday has not
 * passed on 28 February). Negative when `onIso` precedes the birth (floor semantics: the day
 * before birth is -1).
 */
export function ageAt(birthIso: string, onIso: string): number {
  if (!readIso(birthIso)) throw new RangeError('birth date is not an ISO date yyyy-mm-dd');
  const by = isoY;
  const bm = isoM;
  const bd = isoD;
  if (!readIso(onIso)) throw new RangeError('reference date is not an ISO date yyyy-mm-dd');
  let age = isoY - by;
  if (isoM < bm || (isoM === bm && isoD < bd)) age--;
  return age;
}

function fromYmd(y: number, m: number, d: number): Parsed<string> {
  if (y === 0 && m === 0 && d === 0) return PLACEHOLDER;
  if (y < minYear || y > maxYear) return isValidYmd(2000, m, d) ? yearOutOfRange : noSuchDate;
  if (!isValidYmd(y, m, d)) return noSuchDate;
  return ok(formatIso(y, m, d));
}

function fromSerial(serial: number): Parsed<string> {
  const days = excelSerialToDays(serial);
  if (Number.isNaN(days)) return Math.floor(serial) === excelLeapBug ? noSuchDate : notADate;
  civilFromDays(days);
  return ok(formatIso(civilY, civilM, civilD));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters allowed in the ignored time part: digits, `:`, `.`, `,`, `+`, `-`, `Z`, AM/PM, spaces. */
function isTimeChar(c: number): boolean {
  if (isDigit(c) || c === 58 || c === 46 || c === 44 || c === 43 || c === 45 || isSpace(c)) return true;
  const l = c | 0x20;
  return l === 0x7a /* z */ || l === 0x61 /* a */ || l === 0x70 /* p */ || l === 0x6d /* m */;
}

/** The time part after a date: empty, or a space/`T` followed by a digit and time characters. */
function isTimeRest(s: string, p: number, e: number): boolean {
  if (p === e) return true;
  const c = s.charCodeAt(p);
  if (c !== 84 /* T */ && c !== 116 /* t */ && !isSpace(c)) return false;
  p = skipSpaceForward(s, p + 1, e);
  if (p === e || !isDigit(s.charCodeAt(p))) return false;
  for (p++; p < e; p++) if (!isTimeChar(s.charCodeAt(p))) return false;
  return true;
}

function parseDateText(s: string, start: number, end: number): Parsed<string> {
  // First run of digits.
  let p = start;
  let n1 = 0;
  while (p < end && isDigit(s.charCodeAt(p))) n1 = n1 * 10 + (s.charCodeAt(p++) - 48);
  const len1 = p - start;
  if (len1 === 0) return isPlaceholderAt(s, start, end) ? PLACEHOLDER : notADate;

  if (p === end || isSpace(s.charCodeAt(p)) || (s.charCodeAt(p) | 0x20) === 0x74 /* T, t */) {
    if (len1 === 8) {
      // jjjjmmdd, possibly with a time after it.
      if (!isTimeRest(s, p, end)) return notADate;
      return fromYmd(Math.floor(n1 / 10000), Math.floor(n1 / 100) % 100, n1 % 100);
    }
    if (len1 === 5 && p === end) return fromSerial(n1);
    return len1 === 6 ? twoDigitYear : notADate;
  }

  const sep = s.charCodeAt(p);
  // `45474,5` / `45474.5`: a five-digit serial with the time as a fraction.
  if (len1 === 5 && (sep === 44 || sep === 46)) return serialWithFraction(s, n1, p + 1, end);
  if (sep !== 45 /* - */ && sep !== 47 /* / */ && sep !== 46 /* . */) return notADate;
  if (len1 > 4) return notADate;
  p++;
  const start2 = p;
  let n2 = 0;
  while (p < end && isDigit(s.charCodeAt(p))) n2 = n2 * 10 + (s.charCodeAt(p++) - 48);
  const len2 = p - start2;
  if (len2 === 0 || len2 > 2) return notADate;
  if (p === end || s.charCodeAt(p) !== sep) return notADate;
  p++;
  const start3 = p;
  let n3 = 0;
  while (p < end && isDigit(s.charCodeAt(p))) n3 = n3 * 10 + (s.charCodeAt(p++) - 48);
  const len3 = p - start3;
  if (!isTimeRest(s, p, end)) return notADate;

  if (len1 === 4) {
    if (len3 === 0 || len3 > 2) return notADate;
    // Already ISO and nothing around it: hand back the caller's string, no new one.
    if (sep === 45 && len2 === 2 && len3 === 2 && start === 0 && p === s.length &&
      n1 >= minYear && isValidYmd(n1, n2, n3)) {
      return ok(s);
    }
    return fromYmd(n1, n2, n3);
  }
  if (len1 > 2) return notADate;
  if (len3 === 4) return fromYmd(n3, n2, n1);
  if (len3 === 2) return twoDigitYear;
  return notADate;
}

function serialWithFraction(s: string, whole: number, p: number, end: number): Parsed<string> {
  if (p === end) return notADate;
  for (; p < end; p++) if (!isDigit(s.charCodeAt(p))) return notADate;
  return fromSerial(whole);
}

function fromJsDate(date: Date): Parsed<string> {
  const t = date.getTime();
  if (Number.isNaN(t)) return notADate;
  return fromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function fromNumber(n: number): Parsed<string> {
  if (!Number.isFinite(n)) return notADate;
  if (n >= 10000000 && n <= 99999999) {
    // An 8-digit integer is jjjjmmdd (serials stop at 2958465).
    if (!Number.isInteger(n)) return notADate;
    return fromYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  }
  return fromSerial(n);
}

/** Parses one cell as a calendar date; see the module comment for what is accepted. */
export function parseDate(cell: Cell): Parsed<string> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    return parseDateText(cell, start, skipSpaceBackward(cell, start, cell.length));
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number') return fromNumber(cell);
  return fromJsDate(cell);
}
