import path from 'node:path';
import { UserError } from '../../errors.ts';

/**
 * Dutch errors for reading an export. Messages name the file (base name only), the row and the
 * column letter, never a cell value or a column name (a wrongly detected header may be a data row).
 */

export function fileLabel(file: string): string {
  return `'${path.basename(file)}'`;
}

/** 1 → A, 27 → AA: the column letter Excel shows. */
export function columnLetter(columnNumber: number): string {
  let n = columnNumber;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function readerError(code: string, file: string, message: string, row?: number, columnNumber?: number): UserError {
  const location: { file: string; row?: number; column?: string } = { file: path.basename(file) };
  if (row !== undefined) location.row = row;
  if (columnNumber !== undefined) location.column = columnLetter(columnNumber);
  return new UserError(code, message, location);
}

/** Turns a failure to open or read the file into a UserError; anything else passes unchanged. */
export function fileAccessError(file: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    return readerError('BESTAND_NIET_GEVONDEN', file, `Het bestand ${fileLabel(file)} bestaat niet (meer). Kies het bestand opnieuw.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return readerError(
      'BESTAND_NIET_LEESBAAR',
      file,
      `Het bestand ${fileLabel(file)} kan niet worden geopend. Is het nog geopend in Excel of een ander programma? Sluit het en probeer het opnieuw.`,
    );
  }
  if (code === 'EISDIR') {
    return readerError('BESTAND_NIET_LEESBAAR', file, `${fileLabel(file)} is een map, geen bestand.`);
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return readerError('BESTAND_NIET_LEESBAAR', file, `Het bestand ${fileLabel(file)} kan niet worden gelezen (${code}).`);
  }
  return error;
}
