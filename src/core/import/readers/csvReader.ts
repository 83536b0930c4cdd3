import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Cell } from '../../values/cell.ts';
import { detectNewline } from './detect.ts';
import type { Newline } from './detect.ts';
import { firstInvalidUtf8, firstUtf8Sequence, startsWithUtf8Bom } from './encoding.ts';
import { fileAccessError, fileLabel, readerError } from './readerErrors.ts';
import { DEFAULT_BATCH_SIZE, alignRows, detach } from './rowSource.ts';
import type { PhysicalRow, SourceEvent } from './rowSource.ts';
import type { CsvSettings, ReadOptions } from './types.ts';

/*
 * Streaming CSV reading.
 *
 * The file is read in 1 MB chunks with positional reads on one FileHandle, decoded with a streaming
 * TextDecoder (a character split over two chunks is handled by the decoder), and parsed with
 * PapaParse's own parser (`Papa.Parser`, the engine behind Papa.parse) into rows of string arrays:
 * RFC 4180 quoting, delimiters and line breaks inside quoted fields, doubled quotes. Each parse
 * covers the unparsed rest of the previous chunk plus the new chunk and stops before the last,
 * possibly incomplete, record (`meta.cursor`); that rest is carried over. The work is pulled by
 * the consumer (async generators all the way), so at most one chunk plus one batch is in memory.
 *
 * Physical row numbers: every record starts on line 1 + the line breaks before it. A record
 * spans 1 + the number of line breaks inside its fields (a quoted field can contain CR LF, LF or
 * CR; each counts as one), so the numbers stay right after a quoted newline: they are the line on
 * which the record starts in a text editor. Excel shows such a record as one row, so after a field
 * with a line break Excel's row numbers are lower than ours.
 */

const READ_CHUNK = 1024 * 1024;
/** An unparsed record longer than this means an unclosed quote (or a file that is not CSV). */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export type CsvReadSettings = Pick<CsvSettings, 'encoding' | 'delimiter'>;

/**
 * All records of the file in order, one array per chunk read, as physical rows with trimmed
 * cells (empty → null). Blank lines are included (all cells null) so callers can count them.
 */
export async function* csvPhysicalRows(file: string, settings: CsvReadSettings, options: ReadOptions = {}): AsyncGenerator<PhysicalRow[]> {
  const { signal, onBytes } = options;
  signal?.throwIfAborted();
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileAccessError(file, error);
  }
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const decoder = new TextDecoder(settings.encoding, { fatal: settings.encoding === 'utf-8', ignoreBOM: true });
    let position = 0;
    let pending = '';
    let pendingLine = 1;
    let newline: Newline | undefined;
    /** Whether UTF-8 text beyond ASCII was decoded already: then invalid bytes mean a mixed file. */
    let seenNonAscii = false;
    for (;;) {
      signal?.throwIfAborted();
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position));
      } catch (error) {
        throw fileAccessError(file, error);
      }
      let bytes = buffer.subarray(0, bytesRead);
      if (position === 0 && startsWithUtf8Bom(bytes)) bytes = bytes.subarray(3);
      position += bytesRead;
      const atEnd = bytesRead === 0;
      if (settings.encoding === 'windows-1252') {
        // Decoding on would turn "Zorggroep é" from a UTF-8 part into "Ã©" without a word.
        const at = firstUtf8Sequence(bytes);
        if (at !== -1) throw utf8InWindows1252(file, pendingLine + lineBreaks(pending) + lineFeedsBefore(bytes, at));
      }
      let text: string;
      try {
        text = atEnd ? decoder.decode() : decoder.decode(bytes, { stream: true });
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
        const invalid = firstInvalidUtf8(bytes);
        const mixed = seenNonAscii || (invalid > 0 && !isAscii(bytes.subarray(0, invalid)));
        throw notUtf8(file, pendingLine + lineBreaks(pending) + lineFeedsBeforeInvalid(bytes), mixed);
      }
      if (!seenNonAscii && /[^\x00-\x7f]/.test(text)) seenNonAscii = true;
      if (!atEnd) onBytes?.(position, size);
      pending = pending.length === 0 ? text : pending + text;
      if (newline === undefined) {
        newline = detectNewline(pending);
        if (newline === undefined) {
          if (!atEnd && pending.length <= MAX_RECORD_CHARS) continue;
          newline = '\n';
        }
      }

      // Without a quote in the text a field cannot contain the record separator; it can only hold
      // a lone CR or LF when the separator is CR LF (or the other one of LF / CR).
      const mayContainBreaks = pending.indexOf('"') !== -1 || (newline === '\r\n' ? hasLoneBreak(pending) : pending.indexOf(newline === '\n' ? '\r' : '\n') !== -1);
      const result = new Papa.Parser({ delimiter: settings.delimiter, newline, quoteChar: '"' }).parse(pending, 0, !atEnd) as Papa.ParseResult<string[]>;
      const records = result.data;
      const rows: PhysicalRow[] = new Array<PhysicalRow>(records.length);
      let line = pendingLine;
      for (let r = 0; r < records.length; r++) {
        // the parser's array is turned into the cell array in place: one allocation less per row
        const cells = records[r]! as (string | Cell)[] as Cell[];
        let breaks = 0;
        for (let f = 0; f < cells.length; f++) {
          const field = cells[f] as string;
          if (field.length === 0) {
            cells[f] = null;
            continue;
          }
          if (mayContainBreaks && (field.indexOf('\n') !== -1 || field.indexOf('\r') !== -1)) breaks += lineBreaks(field);
          const trimmed = field.trim();
          cells[f] = trimmed.length === 0 ? null : detach(trimmed);
        }
        rows[r] = { row: line, cells };
        line += 1 + breaks;
      }
      for (const error of result.errors) {
        const index = error.row ?? 0;
        if (!atEnd && index >= rows.length) continue; // the unfinished last record; parsed again with the next chunk
        throw brokenQuote(file, rows[index]?.row ?? line);
      }
      if (rows.length > 0) yield rows;
      if (atEnd) return;
      pending = result.meta.cursor > 0 ? pending.slice(result.meta.cursor) : pending;
      pendingLine = line;
      if (pending.length > MAX_RECORD_CHARS) throw recordTooLong(file, pendingLine, pending.indexOf('"') !== -1);
    }
  } finally {
    await handle.close();
  }
}

/** Whether the text has a CR or LF that is not part of a CR LF pair. */
function hasLoneBreak(text: string): boolean {
  let crlf = 0;
  for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) crlf++;
  let lf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lf++;
  if (lf !== crlf) return true;
  let cr = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) cr++;
  return cr !== crlf;
}

/** Line breaks in a string: CR LF, LF and CR each count as one. */
export function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

function lineFeedsBeforeInvalid(bytes: Uint8Array): number {
  const invalid = firstInvalidUtf8(bytes);
  return lineFeedsBefore(bytes, invalid < 0 ? 0 : invalid);
}

function lineFeedsBefore(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) count++;
  return count;
}

function notUtf8(file: string, row: number, mixed: boolean) {
  if (mixed) {
    return readerError(
      'CSV_TEKENSETS_GEMENGD',
      file,
      `Rij ${row} van ${fileLabel(file)} is in een andere tekenset (Windows-1252) dan de rijen ervoor (UTF-8): het bestand is uit delen met verschillende tekensets samengesteld. ` +
        `Maak de export opnieuw in één keer, of open de delen in Excel en sla ze samen op als 'CSV UTF-8 (door komma's gescheiden)'.`,
      row,
    );
  }
  return readerError(
    'CSV_TEKENSET',
    file,
    `Rij ${row} van ${fileLabel(file)} bevat een teken dat geen UTF-8 is, terwijl het bestand als UTF-8 wordt gelezen. ` +
      `Kies als tekenset 'Windows-1252', of sla het bestand in Excel opnieuw op als 'CSV UTF-8 (door komma's gescheiden)'.`,
    row,
  );
}

function utf8InWindows1252(file: string, row: number) {
  return readerError(
    'CSV_TEKENSETS_GEMENGD',
    file,
    `Rij ${row} van ${fileLabel(file)} bevat tekst in UTF-8, terwijl het bestand als Windows-1252 wordt gelezen (een é zou dan als 'Ã©' worden ingelezen). ` +
      `Is het hele bestand UTF-8, kies dan die tekenset; is het uit delen met verschillende tekensets samengesteld, maak de export dan opnieuw in één keer ` +
      `of sla de delen in Excel samen op als 'CSV UTF-8 (door komma's gescheiden)'.`,
    row,
  );
}

function brokenQuote(file: string, row: number) {
  return readerError(
    'CSV_AANHALINGSTEKEN',
    file,
    `Rij ${row} van ${fileLabel(file)} kan niet worden gelezen: een aanhalingsteken (") in deze rij wordt niet goed afgesloten. ` +
      `Een waarde die met " begint moet met " eindigen, en een " binnen zo'n waarde moet dubbel ("") staan. Herstel de rij of maak de export opnieuw.`,
    row,
  );
}

/** A record over MAX_RECORD_CHARS: with a quote in it, an unclosed quote is the likely cause, else a giant cell. */
function recordTooLong(file: string, row: number, quoted: boolean) {
  const limit = `${MAX_RECORD_CHARS / 1024 / 1024} MB`;
  return readerError(
    quoted ? 'CSV_AANHALINGSTEKEN' : 'CSV_RIJ_TE_LANG',
    file,
    quoted
      ? `Rij ${row} van ${fileLabel(file)} kan niet worden gelezen: een aanhalingsteken (") in deze rij wordt niet afgesloten, of een waarde tussen aanhalingstekens is langer dan ${limit}. ` +
          `Een waarde die met " begint moet met " eindigen, en een " binnen zo'n waarde moet dubbel ("") staan. Herstel de rij of maak de export opnieuw.`
      : `Rij ${row} van ${fileLabel(file)} kan niet worden gelezen: de rij is langer dan ${limit} (een cel boven de limiet, of geen regeleinden). ` +
          'Een export van het cliëntsysteem heeft zulke waarden niet; controleer of dit het goede bestand is, of maak de export opnieuw.',
    row,
  );
}

function tooManyFields(file: string, row: number, columnNumber: number, headerCount: number) {
  return readerError(
    'CSV_TE_VEEL_KOLOMMEN',
    file,
    `Rij ${row} van ${fileLabel(file)} heeft meer gevulde kolommen dan de kopregel (${headerCount}). ` +
      `Staat er een scheidingsteken in een waarde zonder aanhalingstekens, of is het scheidingsteken verkeerd gekozen?`,
    row,
    columnNumber,
  );
}

/** Header list, then batches of data rows; see readRows in index.ts. */
export function csvSource(file: string, settings: CsvSettings, options: ReadOptions): AsyncGenerator<SourceEvent> {
  return alignRows(file, csvPhysicalRows(file, settings, options), settings.headerRow, options.batchSize ?? DEFAULT_BATCH_SIZE, (row, column, count) => {
    throw tooManyFields(file, row, column, count);
  });
}
