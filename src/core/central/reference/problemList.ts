import path from 'node:path';
import { UserError } from '../../errors.ts';

/** Enough to fix a file in one go without flooding the screen. */
const SHOWN = 10;

export type ProblemList = {
  add(row: number | null, column: string | null, text: string): void;
  /** True once enough problems are known: reading on only costs time. */
  readonly full: boolean;
  /** Throws one Dutch UserError naming file, row and column of every problem found. */
  throwIfAny(code: string): void;
};

/** Collects what is wrong with a reference file, so the user sees more than the first mistake. */
export function problemList(file: string): ProblemList {
  const label = path.basename(file);
  const found: { row: number | null; column: string | null; text: string }[] = [];
  return {
    add(row, column, text) {
      if (found.length <= SHOWN) found.push({ row, column, text });
    },
    get full() {
      return found.length > SHOWN;
    },
    throwIfAny(code) {
      if (found.length === 0) return;
      const lines = found.slice(0, SHOWN).map(({ row, column, text }) => {
        const where = [row === null ? null : `rij ${row}`, column === null ? null : `kolom "${column}"`].filter((w) => w !== null).join(', ');
        return where === '' ? text : `${where}: ${text}`;
      });
      const more = found.length > SHOWN ? ' (en mogelijk meer)' : '';
      const first = found[0]!;
      const location: { file: string; row?: number; column?: string } = { file: label };
      if (first.row !== null) location.row = first.row;
      if (first.column !== null) location.column = first.column;
      throw new UserError(code, `${label}: ${lines.join('; ')}${more}.`, location);
    },
  };
}
