/**
 * A list sheet the way people use it in Excel: the header stays in view while scrolling and has
 * filter buttons. Works for ExcelJS' workbook and streaming sheets alike (a streaming sheet takes
 * its views when it is added, so `frozenHeader` is given to addWorksheet there).
 */
export function frozenHeader(headerRow: number): { state: 'frozen'; xSplit: number; ySplit: number; topLeftCell: string }[] {
  return [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
}

/** `A4:F120`: the header row and the data rows below it, which Excel's filter covers. */
export function filterRange(headerRow: number, columns: number, lastRow: number): string {
  return `A${headerRow}:${columnLetter(columns)}${Math.max(lastRow, headerRow)}`;
}

export function columnLetter(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
