import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UserError } from '../../errors.ts';
import type { Cell } from '../../values/cell.ts';
import { columnLetter, fileAccessError, fileLabel, readerError } from './readerErrors.ts';
import { DEFAULT_BATCH_SIZE, alignRows, detach } from './rowSource.ts';
import type { PhysicalRow, SourceEvent } from './rowSource.ts';
import type { ReadOptions, XlsxSettings } from './types.ts';
import { CorruptPartError, NotAZipError, entryText, openZipArchive } from './zip.ts';
import type { EntryReadOptions, ZipArchive, ZipEntry } from './zip.ts';

/*
 * Streaming .xlsx reading with ExcelJS's streaming parsers, driven part by part.
 *
 * ExcelJS's `WorkbookReader.parse()` reads the ZIP front to back; Excel stores the shared strings
 * and styles after the sheets, so it first unpacks every sheet to a temporary file (a 1,000,000-row
 * sheet is ~0.5 GB of XML) before the first row comes out, and it decodes each chunk of XML on its
 * own, garbling an é that falls on a chunk boundary. Instead this module opens the ZIP with yauzl
 * (zip.ts) and streams exactly the parts it needs, in the order it needs them, as
 * properly decoded text into the same ExcelJS WorkbookReader's part parsers: workbook rels and
 * workbook.xml (sheet names, date system), styles.xml (cached, so date-formatted numbers become
 * Dates), sharedStrings.xml (cached: the one part whose size grows with the data; Excel needs
 * random access to it), then the chosen sheet, row by row. These parser methods are underscored
 * (internal) in exceljs 4.4.0, which package.json pins exactly; the tests cover them.
 *
 * Cell values: number → number; date-formatted number → Date at UTC midnight of the displayed
 * calendar day (a time of day is dropped); text and rich text → trimmed string (text that looks
 * like a number stays text, so `0123` and `01A01` survive); formula → its cached result (by the same
 * rules; a cached 0 or false, which ExcelJS drops, is taken from the XML; no cached value is refused); true/false → 'WAAR'/'ONWAAR' (what Dutch Excel shows); error (#N/A …) and empty → null.
 */

type ExcelCell = { value: unknown; numFmt?: unknown };
type ExcelRow = { number: number; eachCell(callback: (cell: ExcelCell, columnNumber: number) => void): void };
type ExcelWorksheetReader = { parse(): AsyncGenerator<{ eventType: string; value: unknown }[]> };
type ExcelWorkbookReader = {
  model?: { sheets?: ({ name?: string; rId?: string; state?: string } | undefined)[] };
  workbookRels?: { Id?: string; Type?: string; Target?: string }[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: ExcelWorksheetReader }>;
};

export type SheetInfo = { name: string; hidden: boolean; entry: ZipEntry | undefined };

export type Workbook = {
  sheets: SheetInfo[];
  /** Compressed size of the parts loadCells reads. */
  cellPartsSize: number;
  /** Reads styles and shared strings; needed before sheetRows. */
  loadCells(options: EntryReadOptions): Promise<void>;
  /** The non-empty rows of a sheet in order, per chunk of XML, with Excel row numbers. */
  sheetRows(sheet: SheetInfo, options: EntryReadOptions): AsyncGenerator<PhysicalRow[]>;
  close(): Promise<void>;
};

function notAWorkbook(file: string, cause?: unknown): UserError {
  const error = readerError(
    'XLSX_ONLEESBAAR',
    file,
    `Het bestand ${fileLabel(file)} kan niet als Excel-werkmap (.xlsx) worden gelezen. Is het beveiligd met een wachtwoord, beschadigd, ` +
      `of eigenlijk een ander formaat? Open het in Excel en sla het op als 'Excel-werkmap (.xlsx)' zonder wachtwoord.`,
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** Errors from the ZIP, zlib or XML layers become a Dutch UserError; aborts and UserErrors pass. */
function asReadError(file: string, error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof UserError) return error;
  if (signal?.aborted && error === signal.reason) return error;
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return error;
  const accessError = fileAccessError(file, error);
  if (accessError !== error) return accessError;
  if (error instanceof CorruptPartError) {
    const damaged = readerError(
      'XLSX_BESCHADIGD',
      file,
      `Het bestand ${fileLabel(file)} is beschadigd: het onderdeel '${error.part}' kan niet worden uitgepakt. Vraag een nieuwe export, of open het in Excel en sla het opnieuw op.`,
    );
    damaged.cause = error;
    return damaged;
  }
  return notAWorkbook(file, error);
}

/*
 * The shared-strings table is the one part read whole into memory, so a workbook of a few MB can
 * ask for gigabytes: one string of 2 GB, or 200 M tiny strings (deflate packs repeated text
 * ~1000:1). Bounds, checked on the declared size before reading and on the text while it streams
 * into ExcelJS, so the refusal comes before the memory is spent:
 * - the part's uncompressed size: at most SHARED_STRINGS_MAX_BYTES (yauzl checks the declared
 *   size against the real one while inflating, so the declaration cannot lie);
 * - one string: Excel holds at most 32,767 characters in a cell; even written as character
 *   references with rich-text runs that is far below SHARED_STRING_MAX_XML characters of XML;
 * - the number of strings, as a share of the worksheets' uncompressed size: Excel keeps only
 *   strings a cell uses, and a cell that uses one takes at least ~20 bytes of sheet XML
 *   (`<c t="s"><v>0</v></c>`), so more than one string per SHEET_BYTES_PER_STRING bytes (plus a
 *   margin for tools that keep a few unused ones) cannot be a real table.
 */
export const SHARED_STRINGS_MAX_BYTES = 256 * 1024 * 1024;
export const SHARED_STRING_MAX_XML = 1024 * 1024;
export const SHEET_BYTES_PER_STRING = 16;
export const SHARED_STRINGS_MARGIN = 100_000;
/** The other parts read whole (workbook, its relations, styles) are small in any real workbook. */
export const SMALL_PART_MAX_BYTES = 64 * 1024 * 1024;

function checkSmallPart(file: string, entry: ZipEntry): void {
  if (entry.size > SMALL_PART_MAX_BYTES) {
    throw tooBig(file, `het onderdeel '${entry.name}' is uitgepakt ${Math.round(entry.size / 1024 / 1024).toLocaleString('nl-NL')} MB (hooguit ${SMALL_PART_MAX_BYTES / 1024 / 1024} MB)`);
  }
}

function tooBig(file: string, why: string): UserError {
  return readerError(
    'XLSX_TE_GROOT',
    file,
    `De werkmap ${fileLabel(file)} wordt niet gelezen: ${why}. Zo'n bestand is beschadigd of gemaakt om het programma vast te laten lopen. ` +
      'Open het in Excel en sla het opnieuw op, of vraag een nieuwe export.',
  );
}

/** Passes the shared-strings XML through unchanged, refusing it as soon as it breaks a bound above. */
async function* boundedSharedStrings(file: string, text: AsyncIterable<string>, maxStrings: number): AsyncGenerator<string> {
  let strings = 0;
  let sinceLast = 0;
  let tail = '';
  for await (const chunk of text) {
    // the last 4 characters of the previous chunk, so a `</si>` split over two chunks is seen
    const window = tail + chunk;
    let end = -1;
    for (const close of ['</si>', '<si/>']) {
      for (let at = window.indexOf(close); at !== -1; at = window.indexOf(close, at + 5)) {
        strings++;
        end = Math.max(end, at + 5);
      }
    }
    sinceLast = end >= 0 ? window.length - end : sinceLast + chunk.length;
    if (sinceLast > SHARED_STRING_MAX_XML) {
      throw tooBig(file, `er staat een tekst in die veel langer is dan Excel in een cel toestaat (32.767 tekens)`);
    }
    if (strings > maxStrings) {
      throw tooBig(file, `de tabel met gedeelde teksten bevat meer dan ${maxStrings.toLocaleString('nl-NL')} teksten, meer dan de werkbladen cellen hebben`);
    }
    tail = window.slice(-4);
    yield chunk;
  }
}

/*
 * What ExcelJS cannot tell us, checked on the sheet XML as it streams past (a pass of one regular
 * expression over the text; nothing is kept but a partial tag at a chunk boundary):
 * - a formula cell without a cached value (`<c r="B3"><f>B2*2</f></c>`, no `<v>`): a workbook made
 *   by a tool and never opened in Excel. ExcelJS gives such a cell the same value as one whose
 *   cached result is 0 or "", so only the XML shows the difference. Reading it as empty would
 *   silently lose the column (such a workbook once delivered 0 of 126 rows);
 * - a row or cell without its `r=` reference, which the format allows but Excel always writes and
 *   ExcelJS needs (it fails on it with an error that names nothing).
 */
const SHEET_TOKEN = /<(\/?)(row|c|f|v)(?=[\s>/])/g;
const REFERENCE = /\sr\s*=\s*(["'])([A-Za-z]{1,3})?(\d+)\1/;
const TYPE = /\st\s*=\s*(["'])(\w+)\1/;

async function* checkedSheetXml(file: string, sheet: string, text: AsyncIterable<string>, zeros: Map<string, Cell>): AsyncGenerator<string> {
  let carry = '';
  let row = 0;
  let cell: { ref: string; type: string | undefined; formula: boolean; value: string | null | undefined } | undefined;
  for await (const chunk of text) {
    const buffer = carry + chunk;
    let keepFrom = Math.max(0, buffer.length - 4); // a token cut at the end of the chunk
    SHEET_TOKEN.lastIndex = 0;
    for (let match = SHEET_TOKEN.exec(buffer); match !== null; match = SHEET_TOKEN.exec(buffer)) {
      const [, close, name] = match;
      if (close) {
        if (name === 'c' && cell) {
          if (cell.formula && cell.value === undefined) throw uncachedFormula(file, sheet, cell.ref);
          // ExcelJS drops a cached result that is 0 or false; the XML says it was there.
          if (cell.formula && typeof cell.value === 'string' && cell.value.trim() !== '' && Number(cell.value) === 0 && cell.type !== 'str' && cell.type !== 'e') {
            zeros.set(cell.ref, cell.type === 'b' ? 'ONWAAR' : 0);
          }
          cell = undefined;
        }
        continue;
      }
      if (name === 'f') {
        if (cell) cell.formula = true;
        continue;
      }
      if (name === 'v') {
        if (cell && !cell.formula) cell.value = null; // present; only a formula's text matters (`<f>` comes first)
        else if (cell) {
          // the cached text when it is in this chunk (null: somewhere further, only known to exist)
          const open = buffer.indexOf('>', match.index);
          const end = open === -1 ? -1 : buffer[open - 1] === '/' ? open : buffer.indexOf('</v>', open);
          cell.value = end === -1 ? null : end === open ? '' : buffer.slice(open + 1, end);
        }
        continue;
      }
      const end = buffer.indexOf('>', match.index);
      if (end === -1) {
        keepFrom = Math.min(keepFrom, match.index); // the tag goes on in the next chunk
        break;
      }
      const tag = buffer.slice(match.index, end);
      const reference = REFERENCE.exec(tag);
      if (name === 'row') {
        if (!reference || reference[2] !== undefined) throw missingReference(file, sheet, row);
        row = Number(reference[3]);
      } else {
        if (!reference || reference[2] === undefined) throw missingReference(file, sheet, row, true);
        // `<c r="A1"/>` is an empty cell: nothing to check
        cell =
          buffer[end - 1] === '/' ? undefined : { ref: `${reference[2].toUpperCase()}${reference[3]}`, type: TYPE.exec(tag)?.[2], formula: false, value: undefined };
      }
      SHEET_TOKEN.lastIndex = end;
    }
    carry = buffer.slice(keepFrom);
    yield chunk;
  }
}

function uncachedFormula(file: string, sheet: string, ref: string): UserError {
  const [, letters = '', digits = ''] = /^([A-Z?]+)(\d+)$/.exec(ref) ?? [];
  const error = readerError(
    'XLSX_FORMULE_ZONDER_WAARDE',
    file,
    `Cel ${ref} van werkblad '${sheet}' in ${fileLabel(file)} bevat een formule zonder opgeslagen waarde, ` +
      'dus de waarde is hier niet te lezen (het bestand is door een programma gemaakt en nooit in Excel opgeslagen). ' +
      'Formules zonder opgeslagen waarden: open het bestand in Excel en sla het opnieuw op.',
    Number(digits),
  );
  if (/^[A-Z]+$/.test(letters) && error.location) error.location.column = letters;
  return error;
}

/** `row` is the last row read (0: none yet); `cell` says the row itself had its reference. */
function missingReference(file: string, sheet: string, row: number, cell = false): UserError {
  const where = cell ? `een cel in rij ${row}` : row === 0 ? 'de eerste rij' : `de rij na rij ${row}`;
  return readerError(
    'XLSX_ZONDER_CELVERWIJZING',
    file,
    `Werkblad '${sheet}' van ${fileLabel(file)} kan niet worden gelezen: ${where} heeft geen ${cell ? 'celverwijzing (r="A1")' : 'rijverwijzing (r="1")'}, ` +
      'die Excel altijd schrijft. Open het bestand in Excel en sla het opnieuw op.',
    cell ? row : row + 1,
  );
}

function partText(archive: ZipArchive, entry: ZipEntry, options: EntryReadOptions): Readable {
  return Readable.from(entryText(archive, entry, options));
}

function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
}

export async function openWorkbook(file: string, signal?: AbortSignal): Promise<Workbook> {
  signal?.throwIfAborted();
  try {
    if ((await stat(file)).size === 0) throw readerError('BESTAND_LEEG', file, `Het bestand ${fileLabel(file)} is leeg.`);
  } catch (error) {
    throw error instanceof UserError ? error : fileAccessError(file, error);
  }
  let archive: ZipArchive;
  try {
    archive = await openZipArchive(file);
  } catch (error) {
    throw error instanceof NotAZipError ? notAWorkbook(file, error) : fileAccessError(file, error);
  }
  try {
    const { entries } = archive;
    const workbookEntry = entries.get('xl/workbook.xml');
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    if (!workbookEntry || !relsEntry) throw notAWorkbook(file);
    checkSmallPart(file, workbookEntry);
    checkSmallPart(file, relsEntry);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as ExcelWorkbookReader;
    await reader._parseRels(partText(archive, relsEntry, { signal }));
    await reader._parseWorkbook(partText(archive, workbookEntry, { signal }));
    const rels = reader.workbookRels ?? [];
    const relOfType = (type: string) => rels.find((rel) => rel.Type?.endsWith(`/${type}`) && rel.Target);
    const sheets: SheetInfo[] = [];
    for (const sheet of reader.model?.sheets ?? []) {
      if (!sheet?.name) continue;
      const rel = rels.find((candidate) => candidate.Id === sheet.rId);
      if (!rel?.Target || (rel.Type !== undefined && !rel.Type.endsWith('/worksheet'))) continue; // chart sheets have no cells
      sheets.push({ name: sheet.name, hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', entry: entries.get(resolveTarget(rel.Target)) });
    }
    const stylesEntry = entries.get(resolveTarget(relOfType('styles')?.Target ?? 'styles.xml'));
    const stringsEntry = entries.get(resolveTarget(relOfType('sharedStrings')?.Target ?? 'sharedStrings.xml'));
    const date1904 = reader.properties?.model?.date1904 === true;
    let loaded = false;

    const workbook: Workbook = {
      sheets,
      cellPartsSize: (stylesEntry?.compressedSize ?? 0) + (stringsEntry?.compressedSize ?? 0),
      async loadCells(options) {
        if (loaded) return;
        try {
          await loadParts(options);
        } catch (error) {
          throw asReadError(file, error, options.signal);
        }
        loaded = true;
      },
      async *sheetRows(sheet, options) {
        try {
          yield* sheetParts(sheet, options);
        } catch (error) {
          throw asReadError(file, error, options.signal);
        }
      },
      close: () => archive.close(),
    };
    // The preview reads through these directly, so they turn failures into Dutch errors themselves.
    async function loadParts(options: EntryReadOptions): Promise<void> {
      if (stylesEntry) {
        checkSmallPart(file, stylesEntry);
        await reader._parseStyles(partText(archive, stylesEntry, options));
      }
      if (stringsEntry) {
        if (stringsEntry.size > SHARED_STRINGS_MAX_BYTES) {
          throw tooBig(file, `de tabel met gedeelde teksten is uitgepakt ${Math.round(stringsEntry.size / 1024 / 1024).toLocaleString('nl-NL')} MB (hooguit ${SHARED_STRINGS_MAX_BYTES / 1024 / 1024} MB)`);
        }
        const sheetBytes = sheets.reduce((sum, sheet) => sum + (sheet.entry?.size ?? 0), 0);
        const maxStrings = Math.floor(sheetBytes / SHEET_BYTES_PER_STRING) + SHARED_STRINGS_MARGIN;
        const text = Readable.from(boundedSharedStrings(file, entryText(archive, stringsEntry, options), maxStrings));
        for await (const _ of reader._parseSharedStrings(text)) {
          // with sharedStrings: 'cache' the parser fills the cache and yields nothing
        }
      }
    }
    async function* sheetParts(sheet: SheetInfo, options: EntryReadOptions): AsyncGenerator<PhysicalRow[]> {
      if (!sheet.entry) return;
      if (!loaded) throw new Error('loadCells first');
      const zeros = new Map<string, Cell>();
      const xml = checkedSheetXml(file, sheet.name, entryText(archive, sheet.entry, options), zeros);
      const [event] = [...reader._parseWorksheet(xml, sheet.entry.name)];
      if (!event) throw new Error('ExcelJS emitted no worksheet reader');
      const parsed = event.value.parse();
      let lastRow = 0;
      // Driven by hand (to tell where a parse error happened), so closed by hand as well.
      try {
        for (;;) {
          let next: IteratorResult<{ eventType: string; value: unknown }[]>;
          try {
            next = await parsed.next();
          } catch (error) {
            // checkedSheetXml refuses a missing `r=` first; should one still reach ExcelJS, its
            // address decoding fails with a TypeError or "Invalid Address".
            const addressError = error instanceof TypeError || (error instanceof Error && error.message.startsWith('Invalid Address'));
            throw addressError ? missingReference(file, sheet.name, lastRow) : error;
          }
          if (next.done) break;
          const events = next.value;
          options.signal?.throwIfAborted();
          const rows: PhysicalRow[] = [];
          for (const { eventType, value } of events) {
            if (eventType !== 'row') continue;
            const row = value as ExcelRow;
            if (!Number.isInteger(row.number) || row.number < 1) throw missingReference(file, sheet.name, lastRow);
            lastRow = row.number;
            const cells: Cell[] = [];
            row.eachCell((cell, columnNumber) => {
              cells[columnNumber - 1] = toCell(cell.value, cell.numFmt, date1904);
              if (zeros.size > 0 && cells[columnNumber - 1] === null) {
                const ref = `${columnLetter(columnNumber)}${row.number}`;
                const zero = zeros.get(ref);
                if (zero !== undefined) {
                  cells[columnNumber - 1] = zero;
                  zeros.delete(ref);
                }
              }
            });
            for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
            rows.push({ row: row.number, cells });
          }
          if (rows.length > 0) yield rows;
        }
      } finally {
        await parsed.return(undefined);
      }
    }
    return workbook;
  } catch (error) {
    await archive.close();
    throw asReadError(file, error, signal);
  }
}

/** Whether an Excel number format shows a date (same rule as ExcelJS: y, m, d, h, s or b outside quotes and brackets). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === '') return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

const DAY_MS = 86_400_000;

/** A Date at UTC midnight of the calendar day shown for an Excel serial number. */
export function excelSerialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial)) return null;
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}

function calendarDate(date: Date): Date | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}

function textCell(text: string): Cell {
  const trimmed = text.trim();
  return trimmed === '' ? null : detach(trimmed);
}

/** One ExcelJS cell value as a Cell; see the rules at the top of this file. */
export function toCell(value: unknown, numFmt: unknown, date1904: boolean): Cell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
      return textCell(value);
    case 'boolean':
      return value ? 'WAAR' : 'ONWAAR';
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return calendarDate(value);
  const object = value as { richText?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown; result?: unknown; text?: unknown };
  if (Array.isArray(object.richText)) {
    return textCell(object.richText.map((run: { text?: unknown } | null) => (typeof run?.text === 'string' ? run.text : '')).join(''));
  }
  if ('formula' in object || 'sharedFormula' in object || 'result' in object) {
    const result = object.result;
    if (typeof result === 'number' && isDateFormat(numFmt)) return excelSerialToDate(result, date1904);
    if (typeof result === 'object' && result !== null && !(result instanceof Date)) return null; // { error: '#N/A' }
    return toCell(result, undefined, date1904);
  }
  if ('error' in object) return null;
  if (typeof object.text === 'string') return textCell(object.text);
  return null;
}

/** Header list, then batches of data rows of one sheet of an opened workbook (left open). */
export async function* sheetSource(
  file: string,
  workbook: Workbook,
  sheet: SheetInfo,
  headerRow: number,
  options: ReadOptions,
  onExtraCell: (row: number, columnNumber: number) => void = () => undefined,
): AsyncGenerator<SourceEvent> {
  const { signal, onBytes } = options;
  const total = workbook.cellPartsSize + (sheet.entry?.compressedSize ?? 0);
  let done = 0;
  const progress: EntryReadOptions = {
    signal,
    onCompressedBytes: (bytes) => {
      done += bytes;
      onBytes?.(done, total);
    },
  };
  try {
    await workbook.loadCells(progress);
    // a filled cell right of the last named column is a note beside the table: not read
    yield* alignRows(file, workbook.sheetRows(sheet, progress), headerRow, options.batchSize ?? DEFAULT_BATCH_SIZE, onExtraCell);
  } catch (error) {
    throw asReadError(file, error, signal);
  }
}

/**
 * Which sheets a workbook has and how to choose one, for every message about the wrong sheet:
 * in the app the import screen's Werkblad choice, on the command line the koppelprofiel's `lezer.sheet`.
 */
export function sheetAdvice(workbook: { sheets: readonly { name: string; hidden?: boolean }[] }): string {
  const names = workbook.sheets.map((sheet) => `'${sheet.name}'${sheet.hidden ? ' (verborgen)' : ''}`).join(', ');
  return (
    `De werkmap heeft ${workbook.sheets.length === 1 ? 'één werkblad' : `${workbook.sheets.length} werkbladen`}: ${names}. ` +
    'Kies het werkblad met de gegevens bij Werkblad in het importscherm, of op de opdrachtregel met "sheet" onder "lezer" in het koppelprofiel ' +
    '(wijkmonitor mapping schrijft het; geef het mee met --mapping).'
  );
}

export function findSheet(file: string, workbook: Workbook, name: string): SheetInfo {
  const sheet = workbook.sheets.find((candidate) => candidate.name === name);
  if (!sheet) {
    throw readerError('WERKBLAD_NIET_GEVONDEN', file, `De werkmap ${fileLabel(file)} heeft geen werkblad met de naam '${name}'. ${sheetAdvice(workbook)}`);
  }
  return sheet;
}

/** Header list, then batches of data rows; see readRows in index.ts. */
export async function* xlsxSource(file: string, settings: XlsxSettings, options: ReadOptions): AsyncGenerator<SourceEvent> {
  const workbook = await openWorkbook(file, options.signal);
  try {
    yield* sheetSource(file, workbook, findSheet(file, workbook, settings.sheet), settings.headerRow, options);
  } finally {
    await workbook.close();
  }
}
