import { closeSync, openSync } from 'node:fs';
import { csvChunk, csvField, UTF8_BOM } from '../delivery/csvChunk.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { writeAllSync } from '../files/writeErrors.ts';
import type { Figure } from './figures.ts';

export const FIGURES_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'waarde', 'status'] as const;

/** A figures CSV being written: rows go out through one buffer as they come, so memory holds one buffer. */
export type FiguresFile = { write(figures: Iterable<Figure>): number; close(): void };

/**
 * Rows are encoded one at a time into this buffer and it is written when full. Profiled on the
 * central export (8 M figures): building 5,000-row strings field array by field array and then
 * encoding each such string was a quarter of its JavaScript time, most of it string building
 * and the garbage it left.
 */
const BUFFER_BYTES = 1 << 20;
/** Distinct texts whose CSV form is remembered (a gemeente, wijk, indicator or dimensie recurs for every figure of its group). */
const FIELD_CACHE = 50_000;

/**
 * Opens `temp` (the caller's temporary name, see withAtomicFile) for the long figures CSV of
 * DESIGN.md ("Figures output"): gemeente and wijk rows, `.` as decimal point, in the dialect of
 * csvChunk.ts. Synchronous writes with writeAllSync, because a short write (file size limit
 * reached) would otherwise cut the file mid-row without an error. Unsuppressed figures are all
 * `ok`. The rows reach the file at the latest on close.
 */
export function openFiguresFile(temp: string): FiguresFile {
  const fd = openSync(temp, 'wx');
  try {
    writeAllSync(fd, UTF8_BOM + csvChunk([FIGURES_COLUMNS]));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    if (used > 0) writeAllSync(fd, buffer.subarray(0, used));
    used = 0;
  };
  const fields = new Map<string, string>();
  const text = (value: string) => {
    let field = fields.get(value);
    if (field === undefined) {
      if (fields.size >= FIELD_CACHE) fields.clear();
      field = csvField(value);
      fields.set(value, field);
    }
    return field;
  };
  const value = (v: string | number) => (typeof v === 'number' ? String(v) : text(v));
  return {
    write(figures) {
      let rows = 0;
      for (const f of figures) {
        if (f.niveau === 'gebied') continue;
        // The columns of FIGURES_COLUMNS, as csvChunk writes them.
        const row = `${text(f.periode)};${text(f.gemeente)};${f.niveau === 'wijk' ? text(f.gebied) : ''};${text(f.indicator)};${text(f.dimensie)};${value(f.waarde)};ok\r\n`;
        // A UTF-16 unit takes at most 3 bytes in UTF-8.
        if (used + row.length * 3 > buffer.length) {
          flush();
          if (row.length * 3 > buffer.length) {
            writeAllSync(fd, row);
            rows++;
            continue;
          }
        }
        used += buffer.write(row, used);
        rows++;
      }
      return rows;
    },
    close() {
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The whole figures CSV at once, written atomically. */
export async function writeFiguresCsv(file: string, figures: Iterable<Figure>): Promise<number> {
  let rows = 0;
  await withAtomicFile(file, async (temp) => {
    const out = openFiguresFile(temp);
    try {
      rows = out.write(figures);
    } finally {
      out.close();
    }
  });
  return rows;
}
