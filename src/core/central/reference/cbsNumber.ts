/**
 * A CBS figure as text. CBS writes a missing or secret value as `.` (padded with spaces in the
 * typed dataset) or leaves the field empty: that is no value, never zero. Numbers use a decimal
 * point; a decimal comma (a table opened and saved by Dutch Excel) is read too. CBS files have
 * no thousands separators, so `1,5` cannot mean fifteen.
 */
export type CbsNumber = { kind: 'value'; value: number } | { kind: 'missing' } | { kind: 'invalid' };

const MISSING: CbsNumber = { kind: 'missing' };
const INVALID: CbsNumber = { kind: 'invalid' };
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

export function parseCbsNumber(text: string | null | undefined): CbsNumber {
  if (text === null || text === undefined) return MISSING;
  const value = text.trim();
  if (value === '' || value === '.') return MISSING;
  if (!NUMBER.test(value)) return INVALID;
  return { kind: 'value', value: Number(value.replace(',', '.')) };
}
