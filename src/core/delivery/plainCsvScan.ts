/**
 * What verify can tell of a delivery CSV from its bytes alone, without parsing it, when the file
 * is plain: no quote character, every line ended by CRLF, no empty line. That is how the app
 * writes a delivery whose values hold no `;`, quote or line break (csvChunk.ts). In a plain file
 * a record is a line and its fields are the text between the `;`, so:
 *  - its records are its lines, so the row count is exact (as Papa counts them, skipping no empty line because there is none);
 *  - every field is a stretch of the raw text, so a value that could carry a BSN shows in the
 *    raw text as a stretch of nine digits glued to no letter or digit before or after it (a hex
 *    pseudonym starting with nine digits is glued to its next character, as bsnRuns.ts reads it).
 *    The look at the raw text is wider than privacy/bsnRuns.ts (it neither applies the
 *    11-proef nor knows all letters), so it never misses a field the scan per field would
 *    refuse; it may see one where there is none, and the file then counts as not plain.
 *  - a field starts with the formula guard ' only where a ' follows a `;`, a line end or the
 *    BOM: `unguarded` says there is none, so no value needs its guard undone (deliveryCsvSql.ts).
 * A file that is not plain (or whose raw text may hold a BSN) is to be verified field by field.
 */
export type PlainCsv = { plain: true; header: string; rows: number; unguarded: boolean } | { plain: false };

/**
 * Nine digits with at most one separator between each two (a space, dot, dash, or NBSP, which
 * is C2 A0 in UTF-8), after the start or a byte that is not an ASCII letter or digit, and before
 * the end or such a byte. Run over the bytes as latin1, so a byte of a multi-byte letter counts
 * as a boundary (wider, never narrower, than the letter classes of bsnRuns.ts). The end of a
 * chunk counts as a boundary too (wider again); the next chunk starts with the tail.
 */
const MAY_HOLD_BSN = /(?:^|[^0-9A-Za-z])\d(?:(?:[ .-]|\u00c2\u00a0)?\d){8}(?![0-9A-Za-z])/;
/** The longest stretch MAY_HOLD_BSN can match: kept from the end of a chunk for the next. */
const OVERLAP = 1 + 9 + 8 * 2;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const APOSTROPHE = 39;
const SEMICOLON = 59;
/** The UTF-8 BOM's last byte: a ' right after it starts the first field. */
const BOM_END = 0xbf;

export function createPlainCsvScan(): { push(chunk: Buffer): void; finish(): PlainCsv } {
  let plain = true;
  let tail = '';
  let lines = 0;
  let crs = 0;
  let offset = 0;
  /** Offset of the last LF (−1: none yet), and the byte before the current chunk. */
  let lastLf = -1;
  let previousByte = -1;
  const header: Buffer[] = [];
  let headerDone = false;
  let guarded = false;
  return {
    push(chunk) {
      if (!plain || chunk.length === 0) return;
      if (chunk.indexOf(QUOTE) !== -1) {
        plain = false;
        return;
      }
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
        const before = at > 0 ? chunk[at - 1] : previousByte;
        // A line of its own CR is an empty line; an LF without CR is another line ending.
        if (before !== CR || offset + at - lastLf <= 2) {
          plain = false;
          return;
        }
        if (!headerDone) {
          header.push(chunk.subarray(0, at));
          headerDone = true;
        }
        lastLf = offset + at;
        lines++;
      }
      if (!headerDone) header.push(chunk);
      for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) crs++;
      for (let at = chunk.indexOf(APOSTROPHE); !guarded && at !== -1; at = chunk.indexOf(APOSTROPHE, at + 1)) {
        const before = at > 0 ? chunk[at - 1] : previousByte;
        guarded = before === SEMICOLON || before === LF || before === -1 || (offset + at === 3 && before === BOM_END);
      }
      const text = tail + chunk.toString('latin1');
      if (MAY_HOLD_BSN.test(text)) {
        plain = false;
        return;
      }
      tail = text.slice(-OVERLAP);
      offset += chunk.length;
      previousByte = chunk[chunk.length - 1]!;
    },
    finish() {
      // The last line ended by CRLF too, and no CR stands anywhere but before an LF.
      if (!plain || !headerDone || previousByte !== LF || crs !== lines) return { plain: false };
      return { plain: true, header: Buffer.concat(header).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''), rows: lines - 1, unguarded: !guarded };
    },
  };
}
