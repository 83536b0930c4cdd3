import { UserError } from '../errors.ts';
import { carriesBsn, maskBsnRuns } from '../privacy/bsnRuns.ts';

/**
 * The last gate before anything leaves the laptop or enters the store: it refuses (never merely
 * warns) when a field could carry a BSN, by the rules of `privacy/bsnRuns.ts` — numbers by their
 * integer digits, text by its digit runs, and with the input's BSNs at hand any value holding one
 * of them, also without its leading zeros while at least 7 digits remain.
 */
export type PrivacyScan = {
  check(value: string | number, where: { file: string; row: number; column: string }): void;
  /**
   * `check` for the hot loops (every field of a million rows): the same test, the place passed
   * as arguments, so no object is made unless the value is refused.
   */
  checkAt(value: string | number, file: string, row: number, column: string): void;
  /**
   * Whether any value inside this text (values joined by `;`, line breaks or quotes, as in a CSV
   * chunk) could carry a BSN: one pass over a batch instead of a call per field. It never misses
   * what `check` would refuse in a value of the text, numbers written as text included, but may
   * answer true where no field is refused (a number's decimals read as digits): a true is to be
   * followed by `check` per field, which decides and names the place.
   */
  mayCarry(text: string): boolean;
  /** The input's BSNs, for masking messages that may quote values (product codes, headers). */
  readonly inputBsns: ReadonlySet<number> | undefined;
};

/** `refused` opens the message: what did not happen ("Levering geweigerd", "Inlezen geweigerd"). */
export function createPrivacyScan(inputBsns?: ReadonlySet<number>, refused = 'Levering geweigerd', afterwards = 'er is geen bestand geschreven'): PrivacyScan {
  const options = { inputBsns };
  const refuse = (where: { file: string; row: number; column: string }): never => {
    const column = maskBsnRuns(where.column, options);
    throw new UserError(
      'PRIVACYSCAN',
      `${refused} door de privacycontrole: ${where.file}, rij ${where.row}, kolom ${column} bevat een getal dat een BSN kan zijn. ` +
        `Controleer welke exportkolom aan dit veld is gekoppeld; ${afterwards}.`,
      { ...where, column },
    );
  };
  return {
    inputBsns,
    check(value, where) {
      if (carriesBsn(value, options)) refuse(where);
    },
    checkAt(value, file, row, column) {
      if (carriesBsn(value, options)) refuse({ file, row, column });
    },
    mayCarry(text) {
      return carriesBsn(text, options);
    },
  };
}

/** Every field of a table (header row 1, data from row 2) through the scan, before it is written. */
export function scanTable(scan: PrivacyScan, file: string, columns: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): void {
  columns.forEach((column, c) => scan.check(column, { file, row: 1, column: `${c + 1}` }));
  rows.forEach((row, i) =>
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) scan.check(value, { file, row: i + 2, column: columns[c] ?? `${c + 1}` });
    }),
  );
}

/** The numeric forms under which an input BSN could reappear, for `createPrivacyScan`. */
export function addInputBsn(set: Set<number>, bsn9: string): void {
  // As a number, "012345678" and "12345678" are the same key, which is exactly the point.
  set.add(Number(bsn9));
}
