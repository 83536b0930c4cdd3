import type { Cell } from '../../values/cell.ts';
import { headerList, headerWarnings } from './detect.ts';
import { fileLabel, readerError } from './readerErrors.ts';
import type { RawRow, RowReader } from './types.ts';

/** What a format reader produces: first the header list, then batches of data rows. */
export type SourceEvent = { kind: 'headers'; headers: string[]; warnings: string[] } | { kind: 'rows'; rows: RawRow[] };

/** One physical row of a file before the header is known, with trimmed cells (null when empty). */
export type PhysicalRow = { row: number; cells: Cell[] };

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * V8 keeps a substring as a view on the string it was cut from, so one kept cell could pin a whole
 * 1 MB chunk of the file in memory. Copying strings of 13+ characters (shorter ones are copied by
 * V8 anyway) makes each cell independent.
 */
export function detach(text: string): string {
  return text.length >= 13 ? (' ' + text).slice(1) : text;
}

/**
 * Turns physical rows into the header list and batches of data rows aligned with it. `headerRow`
 * is the physical row number of the header; `extraCell` decides what happens to a filled cell to
 * the right of the last named column (CSV: an error, since the fields are misaligned; .xlsx:
 * ignored). Fully empty rows are skipped.
 */
export async function* alignRows(
  file: string,
  rows: AsyncIterable<PhysicalRow[]>,
  headerRow: number,
  batchSize: number,
  extraCell: (row: number, columnNumber: number, headerCount: number) => void,
): AsyncGenerator<SourceEvent> {
  let width = -1;
  let batch: RawRow[] = [];
  for await (const chunk of rows) {
    for (const physical of chunk) {
      if (width < 0) {
        if (physical.row < headerRow) continue;
        if (physical.row > headerRow || physical.cells.every((cell) => cell === null)) {
          throw emptyHeaderRow(file, headerRow);
        }
        const list = headerList(physical.cells);
        width = list.headers.length;
        yield { kind: 'headers', headers: list.headers, warnings: headerWarnings(list) };
        continue;
      }
      // the physical row's array becomes the data row's array (cut or padded to the header width)
      const cells = physical.cells;
      let filled = 0;
      for (let i = 0; i < cells.length; i++) {
        if (cells[i] === null) continue;
        if (i >= width) {
          extraCell(physical.row, i + 1, width);
          break;
        }
        filled++;
      }
      if (filled === 0) continue;
      if (cells.length > width) cells.length = width;
      while (cells.length < width) cells.push(null);
      batch.push({ row: physical.row, cells });
      if (batch.length >= batchSize) {
        yield { kind: 'rows', rows: batch };
        batch = [];
      }
    }
  }
  if (width < 0) throw emptyHeaderRow(file, headerRow);
  if (batch.length > 0) yield { kind: 'rows', rows: batch };
}

function emptyHeaderRow(file: string, headerRow: number) {
  return readerError(
    'KOPREGEL_LEEG',
    file,
    `Rij ${headerRow} van ${fileLabel(file)} is leeg of bestaat niet, dus daar staan geen kolomnamen. Kies de rij met de kolomnamen.`,
    headerRow,
  );
}

/**
 * Wraps a source in the public RowReader shape. Nothing is opened until `headers` is used or
 * `batches` is iterated; both share one pass over the file. The headers promise is only created
 * on demand, so a failure never becomes an unhandled rejection for a caller that only iterates.
 */
export function toRowReader(start: () => AsyncGenerator<SourceEvent>): RowReader {
  let source: AsyncGenerator<SourceEvent> | undefined;
  let headers: Promise<string[]> | undefined;
  let iterated = false;

  const ensureHeaders = (): Promise<string[]> => {
    headers ??= (async () => {
      source = start();
      const first = await source.next();
      if (first.done || first.value.kind !== 'headers') throw new Error('reader produced no header list');
      return first.value.headers;
    })();
    return headers;
  };

  const close = async (): Promise<void> => {
    if (source) await source.return(undefined);
  };

  async function* batches(): AsyncGenerator<RawRow[]> {
    if (iterated) throw new Error('readRows: batches can be iterated only once');
    iterated = true;
    try {
      await ensureHeaders();
      for (;;) {
        const next = await source!.next();
        if (next.done) return;
        if (next.value.kind === 'rows') yield next.value.rows;
      }
    } finally {
      await close();
    }
  }

  return {
    get headers() {
      const promise = ensureHeaders();
      promise.catch(() => undefined);
      return promise;
    },
    batches: { [Symbol.asyncIterator]: batches },
    close,
  };
}
