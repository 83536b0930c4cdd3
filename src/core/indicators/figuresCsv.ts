import { closeSync, openSync } from 'node:fs';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { writeAllSync } from '../files/writeErrors.ts';
import type { Figure } from './figures.ts';

export const FIGURES_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'waarde', 'status'] as const;

/** A figures CSV being written: rows go out in chunks as they come, so memory holds one chunk. */
export type FiguresFile = { write(figures: Iterable<Figure>): number; close(): void };

/**
 * Opens `temp` (the caller's temporary name, see withAtomicFile) for the long figures CSV of
 * DESIGN.md ("Figures output"): gemeente and wijk rows, `.` as decimal point. Synchronous
 * writes with writeAllSync, because a short write (file size limit reached) would otherwise cut
 * the file mid-row without an error. Unsuppressed figures are all `ok`.
 */
export function openFiguresFile(temp: string): FiguresFile {
  const fd = openSync(temp, 'wx');
  try {
    writeAllSync(fd, UTF8_BOM + csvChunk([FIGURES_COLUMNS]));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return {
    write(figures) {
      let rows = 0;
      let chunk: (string | number)[][] = [];
      for (const f of figures) {
        if (f.niveau === 'gebied') continue;
        chunk.push([f.periode, f.gemeente, f.niveau === 'wijk' ? f.gebied : '', f.indicator, f.dimensie, f.waarde, 'ok']);
        rows++;
        if (chunk.length >= 5000) {
          writeAllSync(fd, csvChunk(chunk));
          chunk = [];
        }
      }
      if (chunk.length > 0) writeAllSync(fd, csvChunk(chunk));
      return rows;
    },
    close: () => closeSync(fd),
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
