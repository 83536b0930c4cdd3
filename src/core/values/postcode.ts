import type { Cell } from './cell.ts';
import {
  EMPTY, PLACEHOLDER, invalid, isPlaceholderAt, isSpace, ok, skipSpaceBackward, skipSpaceForward, type Parsed,
} from './parsed.ts';

/** A Dutch postcode: always the four digits, the letters when they were delivered. */
export type Postcode = { pc4: string; pc6: string | null };

const notAPostcode = invalid('geen geldige postcode');
const neverIssued = invalid('postcode bestaat niet');

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** An ASCII letter in upper case, or -1. */
function upperLetter(c: number): number {
  const u = c & ~0x20;
  return u >= 65 && u <= 90 ? u : -1;
}

/**
 * Parses one cell as a Dutch postcode: `1234 AB`, `1234ab`, `1234 ab` (one ordinary or no-break
 * space between digits and letters), `1234` (pc4 only; also as a number cell). The digits are
 * 1000-9999 (no leading 0); the letter pairs SA, SD and SS are never issued and are refused.
 * pc6 is upper case without a space: `1234AB`.
 */
export function parsePostcode(cell: Cell): Parsed<Postcode> {
  if (typeof cell === 'string') {
    const start = skipSpaceForward(cell, 0, cell.length);
    if (start === cell.length) return EMPTY;
    const end = skipSpaceBackward(cell, start, cell.length);
    return parsePostcodeText(cell, start, end);
  }
  if (cell === null) return EMPTY;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1000 || cell > 9999) return notAPostcode;
    return ok({ pc4: String(cell), pc6: null });
  }
  return notAPostcode;
}

function parsePostcodeText(s: string, start: number, end: number): Parsed<Postcode> {
  const length = end - start;
  if (length < 4 || length > 7 || !isDigit(s.charCodeAt(start)) || !isDigit(s.charCodeAt(start + 1)) ||
    !isDigit(s.charCodeAt(start + 2)) || !isDigit(s.charCodeAt(start + 3))) {
    return isPlaceholderAt(s, start, end) ? PLACEHOLDER : notAPostcode;
  }
  if (s.charCodeAt(start) === 48) return notAPostcode;
  const pc4 = length === 4 && s.length === 4 ? s : s.slice(start, start + 4);
  if (length === 4) return ok({ pc4, pc6: null });
  let p = start + 4;
  if (length === 7) {
    if (!isSpace(s.charCodeAt(p))) return notAPostcode;
    p++;
  } else if (length !== 6) {
    return notAPostcode;
  }
  const first = upperLetter(s.charCodeAt(p));
  const second = upperLetter(s.charCodeAt(p + 1));
  if (first < 0 || second < 0) return notAPostcode;
  if (first === 83 /* S */ && (second === 65 /* A */ || second === 68 /* D */ || second === 83 /* S */)) {
    return neverIssued;
  }
  // Already `1234AB` with nothing around it: reuse the caller's string.
  const pc6 = length === s.length && length === 6 && s.charCodeAt(4) === first && s.charCodeAt(5) === second
    ? s
    : pc4 + String.fromCharCode(first, second);
  return ok({ pc4, pc6 });
}
