import Papa from 'papaparse';
import type { Cell } from '../../values/cell.ts';
import { columnLetter } from './readerErrors.ts';
import type { CsvSettings } from './types.ts';

export type Delimiter = CsvSettings['delimiter'];
export type Newline = '\r\n' | '\n' | '\r';

/** In order of preference when two are equally good: `;` is what Dutch Excel writes. */
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
/** Non-empty lines looked at for the delimiter and rows looked at for the header. */
export const SAMPLE_LINES = 50;
/** How far down the header row may be (title and blank rows above it). */
export const HEADER_SEARCH_ROWS = 30;

/** The line break that separates records, ignoring breaks inside quoted fields; undefined when there is none yet. */
export function detectNewline(text: string): Newline | undefined {
  const unquoted = text.includes('"') ? text.replace(/"[^"]*"/g, '') : text;
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < unquoted.length; i++) {
    const code = unquoted.charCodeAt(i);
    if (code === 13) {
      if (unquoted.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (code === 10) lf++;
  }
  if (crlf + lf + cr === 0) return undefined;
  if (crlf >= lf && crlf >= cr) return '\r\n';
  return lf >= cr ? '\n' : '\r';
}

export type DelimiterGuess = { delimiter: Delimiter; found: boolean };

/**
 * The delimiter that splits the first SAMPLE_LINES non-empty records (quotes respected) into the
 * same number of fields, more than one, most often. Ties go to the one with more fields, then to
 * the order of DELIMITERS. `found` is false when no candidate gives more than one field.
 */
export function detectDelimiter(text: string, complete: boolean, newline: Newline, preferred: Delimiter = ';'): DelimiterGuess {
  let sample = text;
  if (!complete) {
    const cut = sample.lastIndexOf(newline);
    if (cut > 0) sample = sample.slice(0, cut);
  }
  const order = [preferred, ...DELIMITERS.filter((d) => d !== preferred)];
  const best = bestDelimiter(sample, newline, order, '"');
  // An unclosed quote early in the file swallows the rest of the sample into one field, so
  // another delimiter (a `,` inside a name) can win and every line becomes one column — a data
  // row then passes for the header. Counted with quotes ignored the real delimiter still wins;
  // take it when it is the one whose quotes do not close, so the reader reports that row.
  const bare = bestDelimiter(sample, newline, order, '\u0000');
  if (bare && bare.delimiter !== best?.delimiter) {
    const quoted = Papa.parse<string[]>(sample, { delimiter: bare.delimiter, newline, quoteChar: '"', skipEmptyLines: 'greedy', preview: SAMPLE_LINES });
    if (quoted.errors.some((error) => error.code === 'MissingQuotes')) return { delimiter: bare.delimiter, found: true };
  }
  return best ? { delimiter: best.delimiter, found: true } : { delimiter: preferred, found: false };
}

function bestDelimiter(sample: string, newline: Newline, order: readonly Delimiter[], quoteChar: string) {
  let best: { delimiter: Delimiter; frequency: number; fields: number } | undefined;
  for (const delimiter of order) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, newline, quoteChar, skipEmptyLines: 'greedy', preview: SAMPLE_LINES });
    const { value: fields, frequency } = modeOf(parsed.data.map((row) => row.length));
    if (fields <= 1) continue;
    if (!best || frequency > best.frequency || (frequency === best.frequency && fields > best.fields)) {
      best = { delimiter, frequency, fields };
    }
  }
  return best;
}

/** The most frequent value (ties: the larger value) and how often it occurs. */
export function modeOf(values: readonly number[]): { value: number; frequency: number } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let value = 0;
  let frequency = 0;
  for (const [candidate, count] of counts) {
    if (count > frequency || (count === frequency && candidate > value)) {
      value = candidate;
      frequency = count;
    }
  }
  return { value, frequency };
}

export type SampleRow = { row: number; cells: readonly Cell[] };

const NUMBER = /^[-+]?(?:€\s*)?(?:\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][-+]?\d+)?\s*%?$/;
const DATE = /^(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

export function looksLikeNumber(text: string): boolean {
  return NUMBER.test(text);
}

export function looksLikeDate(text: string): boolean {
  return DATE.test(text);
}

function isLabel(cell: Cell): boolean {
  return typeof cell === 'string' && !looksLikeNumber(cell) && !looksLikeDate(cell);
}

function filledCount(cells: readonly Cell[]): number {
  let count = 0;
  for (const cell of cells) if (cell !== null) count++;
  return count;
}

function usedWidth(cells: readonly Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== null) return i + 1;
  return 0;
}

/**
 * The header row among the first rows of a sheet (only non-empty rows are passed): the first of
 * the first HEADER_SEARCH_ROWS rows that
 * - fills at least 60% of the most common width (last filled column) of the SAMPLE_LINES rows
 *   after it, and at least two cells when that width is two or more, and reaches to within a
 *   quarter of that width (so a title row like "Overzicht voorzieningen 2026 Q3" or a
 *   "Peildatum;30-09-2026" line above a wider table is passed over);
 * - looks like labels: at least 75% of its filled cells are text that is not a number or a date;
 * - has (nearly) unique names, ignoring case: at most one repeat per four names (at least one
 *   repeat allowed from three names on).
 * Returns the physical row number, or undefined when no row qualifies.
 */
export function detectHeaderRow(rows: readonly SampleRow[]): number | undefined {
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < last; i++) {
    const candidate = rows[i]!;
    const following = rows.slice(i + 1, i + 1 + SAMPLE_LINES);
    const width = following.length > 0 ? modeOf(following.map((row) => usedWidth(row.cells))).value : usedWidth(candidate.cells);
    const filled = filledCount(candidate.cells);
    if (filled === 0) continue;
    if (width >= 2 && filled < 2) continue;
    if (filled < Math.ceil(width * 0.6)) continue;
    if (usedWidth(candidate.cells) < width - Math.floor(width / 4)) continue;
    const cells = candidate.cells.filter((cell) => cell !== null);
    const labels = cells.filter(isLabel).length;
    if (labels < cells.length * 0.75) continue;
    const distinct = new Set(cells.map((cell) => String(cell).toLowerCase())).size;
    const repeatsAllowed = cells.length >= 3 ? Math.max(1, Math.floor(cells.length / 4)) : 0;
    if (distinct < cells.length - repeatsAllowed) continue;
    return candidate.row;
  }
  return undefined;
}

export type HeaderList = {
  headers: string[];
  /** Column numbers (1-based) whose name was empty and became `Kolom X`. */
  unnamed: number[];
  /** Column numbers (1-based) whose name repeated an earlier one and got a number. */
  repeated: number[];
};

/** Column names from the header row's cells; see RowReader.headers for the rules. */
export function headerList(cells: readonly Cell[]): HeaderList {
  const width = usedWidth(cells);
  const headers: string[] = [];
  const unnamed: number[] = [];
  const repeated: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < width; i++) {
    let name = headerText(cells[i] ?? null);
    if (name === '') {
      name = `Kolom ${columnLetter(i + 1)}`;
      unnamed.push(i + 1);
    }
    if (seen.has(name.toLowerCase())) {
      let n = 2;
      while (seen.has(`${name} (${n})`.toLowerCase())) n++;
      name = `${name} (${n})`;
      repeated.push(i + 1);
    }
    seen.add(name.toLowerCase());
    headers.push(name);
  }
  return { headers, unnamed, repeated };
}

function headerText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** Dutch warnings about repaired column names; columns by letter only. */
export function headerWarnings(list: HeaderList): string[] {
  const warnings: string[] = [];
  if (list.unnamed.length > 0) {
    warnings.push(`Kolom ${list.unnamed.map(columnLetter).join(', ')} ${list.unnamed.length === 1 ? 'heeft' : 'hebben'} geen naam in de kopregel; de kolomletter wordt als naam gebruikt.`);
  }
  if (list.repeated.length > 0) {
    warnings.push(`Kolom ${list.repeated.map(columnLetter).join(', ')} ${list.repeated.length === 1 ? 'heeft' : 'hebben'} dezelfde naam als een eerdere kolom; er is een volgnummer achter de naam gezet.`);
  }
  return warnings;
}
