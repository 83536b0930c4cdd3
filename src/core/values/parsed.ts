/**
 * The result of parsing one cell of a client-system export.
 *
 * - `ok`: the value, normalised (ISO date, euros, code, …).
 * - `empty`: nothing was delivered. `placeholder` is false for `null`, `''` and whitespace, and
 *   true for a text that stands for "nothing" (see {@link PLACEHOLDER_TEXTS}); the data-quality
 *   report counts those separately.
 * - `invalid`: something was delivered but it is not a value of this kind. `reason` is a short
 *   Dutch phrase and never contains the cell's text (cells may be personal data).
 *
 * Parsers return shared, frozen objects for `empty` and `invalid` (and for `ok` where the value
 * comes from a fixed table): never mutate a result.
 */
export type Parsed<T> = ParsedOk<T> | ParsedEmpty | ParsedInvalid;
export type ParsedOk<T> = { kind: 'ok'; value: T };
export type ParsedEmpty = { kind: 'empty'; placeholder: boolean };
export type ParsedInvalid = { kind: 'invalid'; reason: string };

/** `null`, `''` or only whitespace. */
export const EMPTY: ParsedEmpty = Object.freeze({ kind: 'empty', placeholder: false });
/** A placeholder text such as `-` or `n.v.t.`. */
export const PLACEHOLDER: ParsedEmpty = Object.freeze({ kind: 'empty', placeholder: true });

export function ok<T>(value: T): ParsedOk<T> {
  return { kind: 'ok', value };
}

/** A frozen `invalid` result; create these once per module, not per call. */
export function invalid(reason: string): ParsedInvalid {
  return Object.freeze({ kind: 'invalid', reason });
}

/**
 * Texts that mean "no value" in exports, compared after trimming and lower-casing. Deliberately
 * short: anything that could be a real code stays out (no `nb`, `x`, `0`). `onbekend` is here for
 * dates, amounts, postcodes, codes; `parseGeslacht` checks its own vocabulary first, where
 * `Onbekend` is the COD046 value `0`. Dashes (also en/em dash typed by Excel's autocorrect), dots,
 * `?`, `n.v.t.`/`nvt`, `n.b.` (niet bekend), `onbekend` and a literal `null` from database dumps.
 * Dates add the all-zero dates `00-00-0000`, `0000-00-00` and `00000000` (see date.ts).
 */
export const PLACEHOLDER_TEXTS: readonly string[] = Object.freeze([
  '-', '--', '---', '\u2013', '\u2014', '.', '..', '...', '?',
  'n.v.t.', 'n.v.t', 'nvt', 'n.b.', 'onbekend', 'null',
]);

const placeholderSet: ReadonlySet<string> = new Set(PLACEHOLDER_TEXTS);
const maxPlaceholderLength = 8;

/** Whitespace as found in exports: ASCII, no-break space, narrow/figure/thin space, BOM. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x2009 || c === 0xfeff;
}

/** First index in [start, end) that is not whitespace (end when none). */
export function skipSpaceForward(s: string, start: number, end: number): number {
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  return start;
}

/** One past the last index in [start, end) that is not whitespace (start when none). */
export function skipSpaceBackward(s: string, start: number, end: number): number {
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Whether s[start, end) (already trimmed) is a placeholder text. Cheap for the common case: a
 * first-character check before any allocation.
 */
export function isPlaceholderAt(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length <= 0 || length > maxPlaceholderLength) return false;
  const first = s.charCodeAt(start);
  const c = first | 0x20; // ASCII lower case; `-`, `.` and `?` already have this bit
  if (c !== 0x2d /* - */ && c !== 0x2e /* . */ && c !== 0x3f /* ? */ && c !== 0x6e /* n */ && c !== 0x6f /* o */ &&
    first !== 0x2013 && first !== 0x2014) {
    return false;
  }
  return placeholderSet.has(s.slice(start, end).toLowerCase());
}

/** Whether a text, trimmed, is a placeholder. */
export function isPlaceholder(text: string): boolean {
  const start = skipSpaceForward(text, 0, text.length);
  return isPlaceholderAt(text, start, skipSpaceBackward(text, start, text.length));
}
