import { describe, expect, test } from 'vitest';
import type { Cell } from '../values/cell.ts';
import { normaliseBsn, passesElfproef } from './bsn.ts';

// Only synthetic numbers: 9999xxxxx, or below 000001000, that pass the 11-proef.
const SYNTHETIC_OK = '999900006';
const SYNTHETIC_FAILS = '999900007';

/** The synthetic BSNs below 1000 that pass, found rather than typed, so none is a real person's. */
function smallValid(): string[] {
  return Array.from({ length: 1000 }, (_, n) => String(n).padStart(9, '0')).filter(
    (bsn) => bsn !== '000000000' && passesElfproef(bsn),
  );
}

describe('passesElfproef', () => {
  test('weights 9..2 and -1', () => {
    expect(passesElfproef(SYNTHETIC_OK)).toBe(true);
    expect(passesElfproef(SYNTHETIC_FAILS)).toBe(false);
    expect(passesElfproef('000000012')).toBe(true);
    expect(passesElfproef('000000000')).toBe(true);
    expect(passesElfproef('999999999')).toBe(false);
  });

  test('refuses anything but 9 digits', () => {
    expect(passesElfproef('00000012')).toBe(false);
    expect(passesElfproef('0000000120')).toBe(false);
    expect(passesElfproef('00000001a')).toBe(false);
    expect(passesElfproef('')).toBe(false);
  });
});

describe('normaliseBsn', () => {
  test('a valid BSN as text or number', () => {
    expect(normaliseBsn(SYNTHETIC_OK)).toEqual({ kind: 'ok', bsn: SYNTHETIC_OK, padded: false });
    expect(normaliseBsn(999900006)).toEqual({ kind: 'ok', bsn: SYNTHETIC_OK, padded: false });
    expect(normaliseBsn('  999900006 ')).toEqual({ kind: 'ok', bsn: SYNTHETIC_OK, padded: false });
  });

  test.each(['9999.00.006', '9999 00 006', '9999-00-006', 'BSN 999900006', '999.900.006'])('drops separators: %j', (cell) => {
    expect(normaliseBsn(cell)).toEqual({ kind: 'ok', bsn: SYNTHETIC_OK, padded: false });
  });

  test('pads what Excel shortened: 12 becomes 000000012', () => {
    expect(normaliseBsn(12)).toEqual({ kind: 'ok', bsn: '000000012', padded: true });
    expect(normaliseBsn('12')).toEqual({ kind: 'ok', bsn: '000000012', padded: true });
    // Nine digits as given are not padding, even with leading zeros.
    expect(normaliseBsn('000000012')).toEqual({ kind: 'ok', bsn: '000000012', padded: false });
  });

  test('an 8-digit value that is valid after padding', () => {
    const small = smallValid();
    expect(small.length).toBeGreaterThan(10);
    for (const bsn of small) {
      const eight = bsn.slice(1);
      expect(eight).toHaveLength(8);
      expect(normaliseBsn(eight)).toEqual({ kind: 'ok', bsn, padded: true });
      expect(normaliseBsn(Number(bsn))).toEqual({ kind: 'ok', bsn, padded: true });
    }
  });

  test('empty cells', () => {
    expect(normaliseBsn(null)).toEqual({ kind: 'empty' });
    expect(normaliseBsn('')).toEqual({ kind: 'empty' });
    expect(normaliseBsn('   ')).toEqual({ kind: 'empty' });
  });

  test('000000000 and 999999999 mean "geen BSN", whether they pass the 11-proef or not', () => {
    for (const cell of ['000000000', '999999999', 999999999, 0, '0', '000.000.000', '9999 99999']) {
      expect(normaliseBsn(cell)).toEqual({ kind: 'sentinel' });
    }
  });

  test.each<[Cell, string]>([
    [SYNTHETIC_FAILS, 'voldoet niet aan de 11-proef'],
    [Number(SYNTHETIC_FAILS), 'voldoet niet aan de 11-proef'],
    ['13', 'voldoet niet aan de 11-proef'],
    ['9999000060', 'te veel cijfers'],
    [9999000060, 'te veel cijfers'],
    [1e25, 'te veel cijfers'],
    ['onbekend', 'geen getal'],
    ['-', 'geen getal'],
    [Number.NaN, 'geen getal'],
    [Number.POSITIVE_INFINITY, 'geen getal'],
    [999900006.5, 'geen geheel getal'],
    [-999900006, 'negatief getal'],
    [new Date(Date.UTC(2020, 0, 1)), 'een datum, geen BSN'],
  ])('%j is invalid: %s', (cell, reason) => {
    expect(normaliseBsn(cell)).toEqual({ kind: 'invalid', reason });
  });

  test('a reason never contains the value', () => {
    const cells: Cell[] = [SYNTHETIC_FAILS, '9999000060', '999.900.007', 999900007, 999900006.5, -999900006, '99990000612345'];
    for (const cell of cells) {
      const result = normaliseBsn(cell);
      if (result.kind !== 'invalid') throw new Error('expected invalid');
      const digits = String(cell).replace(/[^0-9]/g, '');
      expect(result.reason).not.toContain(digits);
      expect(result.reason).not.toContain(digits.slice(0, 4));
      expect(result.reason).not.toMatch(/[0-9]{3}/);
    }
  });
});
