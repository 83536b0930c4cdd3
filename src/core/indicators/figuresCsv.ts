import { closeSync, openSync } from 'node:fs';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { writeAllSync } from '../files/writeErrors.ts';
import type { Figure } from './figures.ts';

export const FIGURES_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'waarde', 'status'] as const;

/**
 * The long figures CSV of DESIGN.md ("Figures output"): gemeente and wijk rows, `.` as decimal
 * point. Unsuppressed figures are all `ok`; suppression belongs to the analyst edition's export.
 */
export async function writeFiguresCsv(file: string, figures: Iterable<Figure>): Promise<number> {
  let rows = 0;
  await withAtomicFile(file, async (temp) => {
    // Synchronous writes: the figures come from SQLite cursors synchronously anyway, and this
    // keeps at most one chunk in memory however many figures there are. writeAllSync, because a
    // short write (file size limit reached) would otherwise cut the file mid-row without an error.
    const fd = openSync(temp, 'wx');
    try {
      writeAllSync(fd, UTF8_BOM + csvChunk([FIGURES_COLUMNS]));
      let chunk: (string | number)[][] = [];
      const flush = () => {
        if (chunk.length > 0) writeAllSync(fd, csvChunk(chunk));
        chunk = [];
      };
      for (const f of figures) {
        if (f.niveau === 'gebied') continue;
        chunk.push([f.periode, f.gemeente, f.niveau === 'wijk' ? f.gebied : '', f.indicator, f.dimensie, f.waarde, 'ok']);
        rows++;
        if (chunk.length >= 5000) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
  });
  return rows;
}
