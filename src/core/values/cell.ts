/**
 * One cell as a reader hands it over: CSV cells are always text; an .xlsx cell keeps the type
 * Excel stored (a number, a date, or text), so `01A01` stays text and a real date needs no guessing.
 * Dates from .xlsx are calendar dates at UTC midnight. `null` is an empty cell.
 */
export type Cell = string | number | Date | null;
