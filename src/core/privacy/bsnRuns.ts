/**
 * The one test for "could this value carry a BSN", used wherever something is stored, written or
 * shown: import, store, delivery, verify, tables, messages and the import preview.
 *
 * Numbers are judged by their integer digits (`999913141.5` carries the BSN). Text is searched for
 * runs of digit groups joined by single spaces, dots or dashes (`999 913 141`, `999.913.141`).
 * The choices, and why:
 * - A run must be bounded by non-alphanumerics: a digit group glued to a letter is part of a code
 *   or a hex pseudonym (`23ad5b4e…` holds nine-digit stretches that pass the 11-proef), not a BSN.
 * - Without knowing the input's BSNs, only 9 digits passing the 11-proef count, and only when
 *   grouped as people write a BSN: 9, 3-3-3 or 4-2-3. Joining by separators is needed to catch
 *   `999 913 141`, but it also joins a date `2026-07-01` (4-2-2) or an amount with its cents; 1 in
 *   11 of such joins would pass the 11-proef by chance, so other shapes are not taken as a BSN.
 * - Knowing the input's BSNs, any stretch of whole groups with 7–9 digits equal to one of them
 *   counts, whatever its shape (a BSN that lost its leading zero, or written oddly): an exact match
 *   with a BSN of this very export is no coincidence. Below 7 digits a match means nothing (12 is
 *   a huisnummer as often as a lost BSN), and 8-digit AGB codes pass unless they equal an input BSN.
 */

const MAX_GROUPS = 64;
// Reused across calls: the scan runs on every field of a million rows, and never re-enters.
const groupValue = new Float64Array(MAX_GROUPS);
const groupLength = new Int32Array(MAX_GROUPS);
const groupStart = new Int32Array(MAX_GROUPS);
const groupEnd = new Int32Array(MAX_GROUPS);
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

export type BsnRunOptions = {
  /** The input's BSNs as numbers (leading zeros dropped), see `addInputBsn`. */
  inputBsns?: ReadonlySet<number> | undefined;
  /** For what is shown, not for what is refused: any 7–9 digit stretch whose zero-padded digits pass the 11-proef. */
  loose?: boolean;
};

/** The 11-proef on a number taken as 9 digits with leading zeros. */
export function elfproefNumber(value: number): boolean {
  let rest = value;
  let sum = -(rest % 10);
  rest = Math.floor(rest / 10);
  for (let weight = 2; weight <= 9; weight++) {
    sum += weight * (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return sum % 11 === 0;
}

/** True when the value could carry a BSN (see the rules above). */
export function carriesBsn(value: string | number, options: BsnRunOptions = {}): boolean {
  if (typeof value === 'number') return numberCarriesBsn(value, options);
  return scanRuns(value, options, null);
}

/** The text with every BSN-like run replaced by `mask`, for messages and the preview. */
export function maskBsnRuns(text: string, options: BsnRunOptions = {}, mask = '•••••••••'): string {
  const hits: number[] = [];
  if (!scanRuns(text, options, hits)) return text;
  let out = '';
  let at = 0;
  for (let i = 0; i < hits.length; i += 2) {
    if (hits[i]! < at) {
      at = Math.max(at, hits[i + 1]!);
      continue;
    }
    out += text.slice(at, hits[i]) + mask;
    at = hits[i + 1]!;
  }
  return out + text.slice(at);
}

function numberCarriesBsn(value: number, options: BsnRunOptions): boolean {
  if (!Number.isFinite(value)) return false;
  const whole = Math.trunc(Math.abs(value));
  if (whole < 1e6 || whole >= 1e9) return false;
  if (options.inputBsns?.has(whole) === true) return true;
  return (whole >= 1e8 || options.loose === true) && elfproefNumber(whole);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII letters and the Latin-1/Extended-A letters of Dutch names (é, ë, ĳ); € and NBSP are not. */
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
// A digit not glued to a letter or digit before it, then enough digits with at most one separator between each two.
const MAY_HOLD_7 = /(?:^|[^0-9A-Za-z\u00c0-\u024f])\d(?:[ .\-\u00a0]?\d){6}/;
const MAY_HOLD_9 = /(?:^|[^0-9A-Za-z\u00c0-\u024f])\d(?:[ .\-\u00a0]?\d){8}/;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isSeparator = (c: number) => c === 32 || c === 46 || c === 45 || c === 0xa0;

/** Walks the text once; with `hits` it collects [start, end) of every BSN-like run, else stops at the first. */
function scanRuns(text: string, options: BsnRunOptions, hits: number[] | null): boolean {
  const n = text.length;
  if (n < 7) return false;
  // Without the input's BSNs only 9 digits can count (loose: 7), so shorter runs — dates, amounts — are not looked into.
  const least = options.inputBsns !== undefined || options.loose === true ? 7 : 9;
  // Fast path, one native regex pass: is there any unglued stretch of that many digits at all?
  if (!(least === 9 ? MAY_HOLD_9 : MAY_HOLD_7).test(text)) return false;
  let found = false;
  let count = 0;
  let runDigits = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      // A word, code or hex pseudonym: digits glued to it are part of it. Skipped in one go.
      i++;
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      continue;
    }
    if (!isDigit(c)) {
      i++;
      continue;
    }
    const start = i;
    let value = 0;
    while (i < n && isDigit(text.charCodeAt(i))) {
      if (i - start < 10) value = value * 10 + (text.charCodeAt(i) - 48);
      i++;
    }
    const length = i - start;
    const glued = i < n && isLetter(text.charCodeAt(i));
    if (glued || length > 9 || count === MAX_GROUPS) {
      if (count > 0 && runDigits >= least && evaluate(count, options, hits)) {
        if (!hits) return true;
        found = true;
      }
      count = 0;
      runDigits = 0;
      if (glued) while (i < n && isAlnum(text.charCodeAt(i))) i++;
      continue;
    }
    groupValue[count] = value;
    groupLength[count] = length;
    groupStart[count] = start;
    groupEnd[count] = i;
    count++;
    runDigits += length;
    if (i + 1 < n && isSeparator(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (runDigits >= least && evaluate(count, options, hits)) {
      if (!hits) return true;
      found = true;
    }
    count = 0;
    runDigits = 0;
  }
  return found;
}

/** Every stretch of whole groups in the current run with 7–9 digits. */
function evaluate(count: number, options: BsnRunOptions, hits: number[] | null): boolean {
  const inputs = options.inputBsns;
  let found = false;
  for (let a = 0; a < count; a++) {
    let total = 0;
    let value = 0;
    for (let b = a; b < count; b++) {
      total += groupLength[b]!;
      if (total > 9) break;
      value = value * POWERS[groupLength[b]!]! + groupValue[b]!;
      if (total < 7) continue;
      let hit = value >= 1e6 && inputs !== undefined && inputs.has(value);
      if (!hit && value !== 0) hit = (options.loose === true || (total === 9 && bsnShape(a, b))) && elfproefNumber(value);
      if (!hit) continue;
      if (!hits) return true;
      hits.push(groupStart[a]!, groupEnd[b]!);
      found = true;
    }
  }
  return found;
}

/** 9, 3-3-3 or 4-2-3: how a BSN is written by hand. */
function bsnShape(a: number, b: number): boolean {
  if (a === b) return true;
  if (b - a !== 2) return false;
  const x = groupLength[a]!;
  const y = groupLength[a + 1]!;
  return (x === 3 && y === 3) || (x === 4 && y === 2);
}
