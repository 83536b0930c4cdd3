import Papa from 'papaparse';

/**
 * Serialises rows in the delivery's CSV dialect: `;`, CRLF, RFC 4180 quoting, and text starting
 * with = + - @ tab or CR prefixed with ' so no spreadsheet runs it. Numbers are passed as numbers
 * and so are never prefixed (a negative amount is not a formula).
 */
export function csvChunk(rows: readonly (readonly (string | number)[])[]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows as (string | number)[][], { delimiter: ';', newline: '\r\n', escapeFormulae: true, header: false })}\r\n`;
}

export const UTF8_BOM = '\uFEFF';
