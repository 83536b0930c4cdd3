import type { ImportField } from '../import/mapping/fields.ts';

/**
 * One data-quality problem, located as a user finds it in Excel: file, physical row, column
 * header. It never carries the offending value, which may be personal data.
 */
export type Finding = {
  bestand: string;
  rij: number;
  gegeven: ImportField | 'rij';
  kolom: string | null;
  /** A code from resources/controles.csv (`ongeldig`, `open_einddatum`, `dubbel`, …). */
  controle: string;
  /** True when the row was left out because of it. */
  uitgesloten: boolean;
};
