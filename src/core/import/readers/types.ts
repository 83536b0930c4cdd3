import type { Cell } from '../../values/cell.ts';

/** How to read a CSV export. `headerRow` is the 1-based physical row (line) of the column names. */
export type CsvSettings = {
  format: 'csv';
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',' | '\t' | '|';
  headerRow: number;
};

/** How to read an .xlsx export: one worksheet by name; `headerRow` is the Excel row number. */
export type XlsxSettings = {
  format: 'xlsx';
  sheet: string;
  headerRow: number;
};

export type ReaderSettings = CsvSettings | XlsxSettings;

/** Settings the caller wants to fix; everything left out is detected. */
export type SettingsOverrides = Partial<CsvSettings> | Partial<XlsxSettings>;

/**
 * One data row. `row` is the 1-based physical row number: for .xlsx the Excel row number, for CSV
 * the line in the file on which the record starts (blank lines and title rows count, so it matches
 * what the user sees in Excel or a text editor; see csvReader.ts for records that contain a line
 * break inside a quoted field). `cells` is aligned with the header list; missing cells are null.
 */
export type RawRow = { row: number; cells: Cell[] };

export type ReadOptions = {
  /** Aborting makes the next step of the iteration throw `signal.reason` (an AbortError) and closes the file. */
  signal?: AbortSignal;
  /** Rows per batch; default 5000. */
  batchSize?: number;
  /**
   * Progress for a progress bar, called after every chunk read from disk. For CSV the bytes are
   * file bytes; for .xlsx they are the compressed bytes of the parts being read (workbook, styles,
   * shared strings and the chosen sheet), out of the total of those parts.
   */
  onBytes?: (bytesRead: number, totalBytes: number) => void;
};

export type RowReader = {
  /**
   * The column names, in file order: trimmed, whitespace collapsed, empty names replaced by
   * `Kolom C` (the Excel column letter) and repeats numbered (`Naam (2)`). Trailing columns without
   * a name are dropped. Reading starts when this is first used or when `batches` is iterated.
   */
  readonly headers: Promise<string[]>;
  /** The data rows after the header row, in order; fully empty rows are skipped. Iterate once. */
  readonly batches: AsyncIterable<RawRow[]>;
  /**
   * Releases the file. Only needed when `headers` was awaited and `batches` is never iterated to
   * its end (breaking out of `for await` or an error closes the file by itself).
   */
  close(): Promise<void>;
};

export type DetectResult = {
  settings: ReaderSettings;
  /** Worksheet names in workbook order (.xlsx only). */
  sheets?: string[];
  /** Dutch notes for the user about what was detected or repaired; never cell values. */
  warnings: string[];
};

export type PreviewResult = DetectResult & {
  headers: string[];
  rows: RawRow[];
};
