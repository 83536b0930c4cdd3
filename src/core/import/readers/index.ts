/**
 * Streaming readers for client-system exports (CSV and .xlsx): detection of the reading settings,
 * a preview for the import screen, and batch-wise reading of all rows with bounded memory.
 */
import { csvSource } from './csvReader.ts';
import { DELIMITERS } from './detect.ts';
import { formatOf } from './format.ts';
import { fileLabel, readerError } from './readerErrors.ts';
import { toRowReader } from './rowSource.ts';
import type { SourceEvent } from './rowSource.ts';
import type { ReadOptions, ReaderSettings, RowReader } from './types.ts';
import { xlsxSource } from './xlsxReader.ts';

export type {
  CsvSettings,
  DetectResult,
  PreviewResult,
  RawRow,
  ReadOptions,
  ReaderSettings,
  RowReader,
  SettingsOverrides,
  XlsxSettings,
} from './types.ts';
export { detectSettings, previewFile } from './preview.ts';
export { formatOf } from './format.ts';

/**
 * Reads all data rows of a file with settings from detectSettings/previewFile. Nothing is read
 * until `headers` is used or `batches` is iterated; rows come in batches of `batchSize` (default
 * 5000) and the file is read only as fast as the batches are consumed. Errors (a UserError in
 * Dutch with file, row and column, or the abort reason) come out of `headers` or the iteration.
 */
export function readRows(file: string, settings: ReaderSettings, options: ReadOptions = {}): RowReader {
  return toRowReader(() => source(file, settings, options));
}

async function* source(file: string, settings: ReaderSettings, options: ReadOptions): AsyncGenerator<SourceEvent> {
  options.signal?.throwIfAborted();
  if (!Number.isInteger(settings.headerRow) || settings.headerRow < 1) throw new RangeError(`headerRow must be a positive integer, got ${settings.headerRow}`);
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1)) {
    throw new RangeError(`batchSize must be a positive integer, got ${options.batchSize}`);
  }
  const format = formatOf(file);
  if (format !== settings.format) {
    throw readerError('FORMAAT_KLOPT_NIET', file, `Het bestand ${fileLabel(file)} is geen ${settings.format === 'csv' ? 'CSV-bestand' : 'Excel-werkmap'}. Kies het bestand opnieuw.`);
  }
  if (settings.format === 'csv') {
    if (!DELIMITERS.includes(settings.delimiter)) throw new RangeError(`unsupported delimiter ${JSON.stringify(settings.delimiter)}`);
    if (settings.encoding !== 'utf-8' && settings.encoding !== 'windows-1252') throw new RangeError(`unsupported encoding ${String(settings.encoding)}`);
    yield* csvSource(file, settings, options);
  } else {
    yield* xlsxSource(file, settings, options);
  }
}
