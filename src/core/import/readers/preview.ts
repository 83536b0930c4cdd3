import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../errors.ts';
import { csvPhysicalRows, csvSource } from './csvReader.ts';
import { DELIMITERS, HEADER_SEARCH_ROWS, SAMPLE_LINES, detectDelimiter, detectHeaderRow, detectNewline } from './detect.ts';
import type { SampleRow } from './detect.ts';
import { completeUtf8Length, sniffText } from './encoding.ts';
import { formatOf } from './format.ts';
import { dataLikeHeader } from '../../privacy/personalData.ts';
import { columnLetter, fileAccessError, fileLabel, readerError } from './readerErrors.ts';
import type { PhysicalRow, SourceEvent } from './rowSource.ts';
import type { CsvSettings, DetectResult, PreviewResult, RawRow, SettingsOverrides, XlsxSettings } from './types.ts';
import { findSheet, openWorkbook, sheetAdvice, sheetSource } from './xlsxReader.ts';
import type { SheetInfo } from './xlsxReader.ts';

/** Non-empty rows looked at to find the header row. */
const HEADER_SAMPLE_ROWS = HEADER_SEARCH_ROWS + SAMPLE_LINES + 1;

/** Chooses format, encoding, delimiter, sheet and header row for a file; see previewFile. */
export async function detectSettings(file: string): Promise<DetectResult> {
  const result = await inspect(file, undefined, 0);
  const detected: DetectResult = { settings: result.settings, warnings: result.warnings };
  if (result.sheets) detected.sheets = result.sheets;
  return detected;
}

/**
 * The settings (those given, the rest detected), the column names and the first `limit` data
 * rows, for the import screen. Call again with changed settings to re-read.
 */
export async function previewFile(file: string, settings?: SettingsOverrides, limit = 50): Promise<PreviewResult> {
  return inspect(file, settings, limit);
}

async function inspect(file: string, overrides: SettingsOverrides | undefined, limit: number): Promise<PreviewResult> {
  const format = formatOf(file);
  const given = overrides && (overrides.format === undefined || overrides.format === format) ? overrides : {};
  if (given.headerRow !== undefined) checkHeaderRow(given.headerRow);
  const result = await (format === 'csv' ? inspectCsv(file, given as Partial<CsvSettings>, limit) : inspectXlsx(file, given as Partial<XlsxSettings>, limit));
  // Refused here, where every reader of an export passes, so such a row never goes on as column names.
  const dataColumn = dataLikeHeader(result.headers);
  if (dataColumn !== null) {
    throw readerError(
      'KOPREGEL_LIJKT_GEGEVENS',
      file,
      `De kopregel (rij ${result.settings.headerRow}) van ${fileLabel(file)} lijkt een rij met gegevens, geen kolomnamen: kolom ${columnLetter(dataColumn)} bevat een BSN, datum, postcode of getal. ` +
        'Kies bij "Kopregel op rij" (of in het koppelprofiel) de rij waarop de kolomnamen staan.',
      result.settings.headerRow,
      dataColumn,
    );
  }
  return result;
}

function checkHeaderRow(headerRow: number): void {
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new RangeError(`headerRow must be a positive integer, got ${headerRow}`);
}

function noHeaderRow(file: string) {
  return readerError(
    'KOPREGEL_NIET_GEVONDEN',
    file,
    `In de eerste rijen van ${fileLabel(file)} staat geen rij met kolomnamen: de rijen lijken allemaal gegevens (getallen, datums) of titels. ` +
      `Geef aan op welke rij de kolomnamen staan, of voeg een kopregel toe aan de export.`,
  );
}

/** The same error with advice added (which sheets there are): a UserError's message is read-only. */
function withAdvice(error: UserError, advice: string): UserError {
  if (advice === '') return error;
  const result = new UserError(error.code, `${error.message} ${advice}`, error.location);
  result.cause = error.cause;
  return result;
}

/** The first `count` non-empty rows; stops reading (and closes the file) after that. */
async function sampleRows(rows: AsyncGenerator<PhysicalRow[]>, count: number): Promise<SampleRow[]> {
  const sample: SampleRow[] = [];
  try {
    for await (const chunk of rows) {
      for (const row of chunk) {
        if (row.cells.some((cell) => cell !== null)) sample.push(row);
        if (sample.length >= count) return sample;
      }
    }
    return sample;
  } finally {
    await rows.return(undefined);
  }
}

/** Header and up to `limit` rows from a source, then stops it; collects its warnings. */
async function collect(source: AsyncGenerator<SourceEvent>, limit: number, warnings: string[]): Promise<{ headers: string[]; rows: RawRow[] }> {
  let headers: string[] = [];
  const rows: RawRow[] = [];
  try {
    for await (const event of source) {
      if (event.kind === 'headers') {
        headers = event.headers;
        warnings.push(...event.warnings);
        if (limit === 0) break;
        continue;
      }
      rows.push(...event.rows.slice(0, limit - rows.length));
      if (rows.length >= limit) break;
    }
  } finally {
    await source.return(undefined);
  }
  if (limit > 0 && rows.length === 0) warnings.push('Onder de kopregel staan geen gegevens.');
  return { headers, rows };
}

async function inspectCsv(file: string, given: Partial<CsvSettings>, limit: number): Promise<PreviewResult> {
  const warnings: string[] = [];
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileAccessError(file, error);
  }
  let sniff;
  try {
    sniff = await sniffText(file, handle);
  } finally {
    await handle.close();
  }
  const encoding = given.encoding ?? sniff.encoding;
  let delimiter = given.delimiter;
  if (delimiter !== undefined && !DELIMITERS.includes(delimiter)) throw new RangeError(`unsupported delimiter ${JSON.stringify(delimiter)}`);
  if (delimiter === undefined) {
    let bytes = sniff.bom ? sniff.sample.subarray(3) : sniff.sample;
    if (!sniff.complete && encoding === 'utf-8') bytes = bytes.subarray(0, completeUtf8Length(bytes));
    const text = new TextDecoder(encoding).decode(bytes);
    const newline = detectNewline(text) ?? '\n';
    const preferred = path.extname(file).toLowerCase() === '.tsv' ? '\t' : ';';
    const guess = detectDelimiter(text, sniff.complete, newline, preferred);
    delimiter = guess.delimiter;
    if (!guess.found) {
      warnings.push('Er is geen scheidingsteken gevonden: het bestand lijkt maar één kolom te hebben. Controleer het scheidingsteken.');
    }
  }
  let headerRow = given.headerRow;
  if (headerRow === undefined) {
    const sample = await sampleRows(csvPhysicalRows(file, { encoding, delimiter }), HEADER_SAMPLE_ROWS);
    headerRow = detectHeaderRow(sample);
    if (headerRow === undefined) throw noHeaderRow(file);
  }
  const settings: CsvSettings = { format: 'csv', encoding, delimiter, headerRow };
  const { headers, rows } = await collect(csvSource(file, settings, { batchSize: Math.max(limit, 1) }), limit, warnings);
  return { settings, headers, rows, warnings };
}

async function inspectXlsx(file: string, given: Partial<XlsxSettings>, limit: number): Promise<PreviewResult> {
  const warnings: string[] = [];
  const workbook = await openWorkbook(file);
  try {
    const sheets = workbook.sheets.map((sheet) => sheet.name);
    if (workbook.sheets.length === 0) {
      throw readerError('WERKMAP_LEEG', file, `De werkmap ${fileLabel(file)} heeft geen werkbladen met cellen.`);
    }
    await workbook.loadCells({});
    let sheet: SheetInfo | undefined;
    let sample: SampleRow[] = [];
    if (given.sheet !== undefined) {
      sheet = findSheet(file, workbook, given.sheet);
      if (given.headerRow === undefined) sample = await sampleRows(workbook.sheetRows(sheet, {}), HEADER_SAMPLE_ROWS);
    } else {
      // The first sheet with a table (a header row with data under it); a sheet with only a note
      // ("Toelichting", a title) is passed over. Failing that, the first sheet with anything in it.
      const ordered = [...workbook.sheets.filter((s) => !s.hidden), ...workbook.sheets.filter((s) => s.hidden)];
      let fallback: { sheet: SheetInfo; sample: SampleRow[] } | undefined;
      for (const candidate of ordered) {
        const rows = await sampleRows(workbook.sheetRows(candidate, {}), HEADER_SAMPLE_ROWS);
        if (rows.length === 0) continue;
        fallback ??= { sheet: candidate, sample: rows };
        const header = detectHeaderRow(rows);
        if (header !== undefined && rows.some((r) => r.row > header)) {
          sheet = candidate;
          sample = rows;
          break;
        }
      }
      if (!sheet && fallback) ({ sheet, sample } = fallback);
      if (!sheet) throw readerError('WERKMAP_LEEG', file, `De werkmap ${fileLabel(file)} bevat geen gegevens: alle werkbladen zijn leeg.`);
      if (workbook.sheets.length > 1) {
        warnings.push(`De werkmap heeft ${workbook.sheets.length} werkbladen; het eerste werkblad met gegevens is gekozen. Kies zo nodig een ander werkblad.`);
      }
    }
    if (sheet.hidden) warnings.push('Het gekozen werkblad is verborgen in Excel.');
    const advice = `Gelezen is werkblad '${sheet.name}'. ${sheetAdvice(workbook)}`;
    if (sample.length === 0 && given.headerRow === undefined) {
      throw readerError('WERKBLAD_LEEG', file, `Werkblad '${sheet.name}' van ${fileLabel(file)} is leeg. ${sheetAdvice(workbook)}`);
    }
    let headerRow = given.headerRow;
    if (headerRow === undefined) {
      headerRow = detectHeaderRow(sample);
      if (headerRow === undefined) throw withAdvice(noHeaderRow(file), workbook.sheets.length > 1 ? advice : '');
    }
    const settings: XlsxSettings = { format: 'xlsx', sheet: sheet.name, headerRow };
    let extra: { row: number; column: number } | undefined;
    const source = sheetSource(file, workbook, sheet, headerRow, { batchSize: Math.max(limit, 1) }, (row, column) => {
      extra ??= { row, column };
    });
    let collected;
    try {
      collected = await collect(source, limit, warnings);
    } catch (error) {
      throw error instanceof UserError && error.code === 'KOPREGEL_LEEG' ? withAdvice(error, advice) : error;
    }
    const { headers, rows } = collected;
    if (limit > 0 && rows.length === 0 && workbook.sheets.length > 1) warnings.push(advice);
    if (extra) {
      warnings.push(
        `Rij ${extra.row} heeft gevulde cellen rechts van de laatste kolom met een naam (vanaf kolom ${columnLetter(extra.column)}); ` +
          'cellen zonder kolomnaam worden niet ingelezen.',
      );
    }
    return { settings, sheets, headers, rows, warnings };
  } finally {
    await workbook.close();
  }
}

