import { describe, expect, test } from 'vitest';
import { parsePostcode } from './postcode.ts';

describe('parsePostcode', () => {
  test.each([
    ['1234 ab', '1234', '1234AB'],
    ['1234 AB', '1234', '1234AB'],
    ['1234AB', '1234', '1234AB'],
    ['1234ab', '1234', '1234AB'],
    ['1234aB', '1234', '1234AB'],
    ['  1234 AB  ', '1234', '1234AB'],
    ['1234\u00a0AB', '1234', '1234AB'],
    ['\u00a01234AB\u00a0', '1234', '1234AB'],
    ['1000AA', '1000', '1000AA'],
    ['9999ZZ', '9999', '9999ZZ'],
    ['1234SB', '1234', '1234SB'],
    ['1234AS', '1234', '1234AS'],
    ['1234', '1234', null],
    [' 1234 ', '1234', null],
  ])('%j → %s / %s', (text, pc4, pc6) => {
    expect(parsePostcode(text)).toEqual({ kind: 'ok', value: { pc4, pc6 } });
  });

  test('number cells are pc4', () => {
    expect(parsePostcode(1234)).toEqual({ kind: 'ok', value: { pc4: '1234', pc6: null } });
    expect(parsePostcode(1000)).toEqual({ kind: 'ok', value: { pc4: '1000', pc6: null } });
    expect(parsePostcode(9999)).toEqual({ kind: 'ok', value: { pc4: '9999', pc6: null } });
  });

  test.each(['0123AB', '0123', '123', '123AB', '12345', '12345AB', '1234A', '1234ABC', '1234  AB', '1234-AB', 'AB1234',
    '1234 A B', '1234 1B', '1234Ä B', 'postcode', '1234 ab x'])('%j is invalid', (text) => {
    expect(parsePostcode(text)).toEqual({ kind: 'invalid', reason: 'geen geldige postcode' });
  });

  test.each(['1234SA', '1234 sa', '1234SD', '1234 sd', '1234SS', '1234ss'])('%j is never issued', (text) => {
    expect(parsePostcode(text)).toEqual({ kind: 'invalid', reason: 'postcode bestaat niet' });
  });

  test('invalid number and date cells', () => {
    for (const cell of [123, 999, 10000, 1234.5, -1234, Number.NaN, new Date(0)]) {
      expect(parsePostcode(cell)).toEqual({ kind: 'invalid', reason: 'geen geldige postcode' });
    }
  });

  test('empty and placeholders', () => {
    for (const cell of [null, '', ' ', '\u00a0']) expect(parsePostcode(cell)).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', 'onbekend', 'n.v.t.', 'nvt']) expect(parsePostcode(cell)).toEqual({ kind: 'empty', placeholder: true });
  });
});
