import { closeSync, openSync } from 'node:fs';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { writeAllSync } from '../files/writeErrors.ts';
import type { AuditRow, DisclosedFigure } from './discloseFigures.ts';

/*
 * The suppressed long CSV (DESIGN.md "Figures output": a suppressed value is empty with status
 * `onderdrukt`) and audit.csv beside it, for the privacy officer only. Same dialect as every
 * CSV here; written to a temp name and renamed, so a failed export leaves no half file.
 */

const FIGURE_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'waarde', 'status'] as const;
const AUDIT_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'soort', 'ondergrens', 'bovengrens'] as const;

async function writeRows(file: string, header: readonly string[], rows: Iterable<(string | number)[]>): Promise<number> {
  let n = 0;
  await withAtomicFile(file, async (temp) => {
    const fd = openSync(temp, 'wx');
    try {
      writeAllSync(fd, UTF8_BOM + csvChunk([header]));
      let chunk: (string | number)[][] = [];
      for (const row of rows) {
        chunk.push(row);
        n++;
        if (chunk.length >= 5000) {
          writeAllSync(fd, csvChunk(chunk));
          chunk = [];
        }
      }
      if (chunk.length > 0) writeAllSync(fd, csvChunk(chunk));
    } finally {
      closeSync(fd);
    }
  });
  return n;
}

export function writeDisclosedFiguresCsv(file: string, figures: readonly DisclosedFigure[]): Promise<number> {
  return writeRows(
    file,
    FIGURE_COLUMNS,
    figures.map((f) => [f.periode, f.gemeente, f.niveau === 'wijk' ? f.gebied : '', f.indicator, f.dimensie, f.status === 'ok' ? f.waarde : '', f.status]),
  );
}

/** A bound the published figures do not limit is written as `onbegrensd`. */
function bound(n: number): string | number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 'onbegrensd';
}

export function writeAuditCsv(file: string, rows: readonly AuditRow[]): Promise<number> {
  return writeRows(
    file,
    AUDIT_COLUMNS,
    rows.map((r) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.soort, bound(r.ondergrens), bound(r.bovengrens)]),
  );
}
