import { describe, expect, test } from 'vitest';
import { parseCode, parseCount, parseHuisnummer } from './text.ts';

describe('parseCode', () => {
  test.each([
    ['01A01', '01A01'],
    ['  01A01  ', '01A01'],
    ['\u00a0007\u00a0', '007'],
    ['73000001', '73000001'],
    ['abc', 'abc'],
    ['A B', 'A B'],
    ['0', '0'],
    ['nb', 'nb'],
    ['-1', '-1'],
  ])('%j → %j', (text, code) => {
    expect(parseCode(text)).toEqual({ kind: 'ok', value: code });
  });

  test('a text without surrounding spaces comes back as the same string', () => {
    const text = '01A01';
    const result = parseCode(text);
    expect(result.kind === 'ok' && result.value).toBe(text);
  });

  test('number cells become their integer text', () => {
    expect(parseCode(73000001)).toEqual({ kind: 'ok', value: '73000001' });
    expect(parseCode(0)).toEqual({ kind: 'ok', value: '0' });
    expect(parseCode(1001)).toEqual({ kind: 'ok', value: '1001' });
    expect(parseCode(123456789012)).toEqual({ kind: 'ok', value: '123456789012' });
  });

  test('fractions, negatives, huge numbers and dates are invalid', () => {
    for (const cell of [1.5, -3, 2 ** 53, Number.NaN, new Date(0)]) {
      expect(parseCode(cell)).toEqual({ kind: 'invalid', reason: 'geen geldige code' });
    }
  });

  test('empty and placeholders', () => {
    for (const cell of [null, '', ' \t ']) expect(parseCode(cell)).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', '--', 'n.v.t.', 'NVT', 'onbekend', ' ? ', 'NULL']) expect(parseCode(cell)).toEqual({ kind: 'empty', placeholder: true });
  });
});

describe('parseHuisnummer', () => {
  test.each([
    ['12', '12', ''],
    ['12a', '12', 'A'],
    ['12A', '12', 'A'],
    ['12 A', '12', 'A'],
    ['12 a', '12', 'A'],
    ['12-2', '12', '2'],
    ['12 - 2', '12', '2'],
    ['12/2', '12', '2'],
    ['12 bis', '12', 'BIS'],
    ['12-bis', '12', 'BIS'],
    ['12 hs', '12', 'HS'],
    ['12-1hg', '12', '1HG'],
    ['12 III', '12', 'III'],
    ['12a-1', '12', 'A-1'],
    ['12\u00a0a', '12', 'A'],
    ['  12  ', '12', ''],
    ['12-', '12', ''],
    ['012', '12', ''],
    ['1', '1', ''],
    ['99999', '99999', ''],
    ['99999zz', '99999', 'ZZ'],
  ])('%j → %s + %j', (text, huisnummer, toevoeging) => {
    expect(parseHuisnummer(text)).toEqual({ kind: 'ok', value: { huisnummer, toevoeging } });
  });

  test('number cells', () => {
    expect(parseHuisnummer(12)).toEqual({ kind: 'ok', value: { huisnummer: '12', toevoeging: '' } });
    expect(parseHuisnummer(99999)).toEqual({ kind: 'ok', value: { huisnummer: '99999', toevoeging: '' } });
    for (const cell of [0, -1, 12.5, 100000, Number.NaN, new Date(0)]) {
      expect(parseHuisnummer(cell)).toEqual({ kind: 'invalid', reason: 'geen geldig huisnummer' });
    }
  });

  test.each(['0', '000', '100000', 'a', 'a12', 'twaalf', '12 t/m 14', '12 a b', '12 abcdefg', '12a--1', '12a-', '12 ä',
    '12,5', '12.5', '12 (achter)'])('%j is invalid', (text) => {
    expect(parseHuisnummer(text)).toEqual({ kind: 'invalid', reason: 'geen geldig huisnummer' });
  });

  test('empty and placeholders', () => {
    expect(parseHuisnummer(null)).toEqual({ kind: 'empty', placeholder: false });
    expect(parseHuisnummer(' ')).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', 'onbekend', 'n.v.t.']) expect(parseHuisnummer(cell)).toEqual({ kind: 'empty', placeholder: true });
  });
});

describe('parseCount', () => {
  test.each([
    ['1', ',', 1],
    ['1,5', ',', 1.5],
    ['0,25', ',', 0.25],
    ['1.250', ',', 1250],
    ['1.250,75', ',', 1250.75],
    ['1 250', ',', 1250],
    ['+3', ',', 3],
    ['0', ',', 0],
    ['-0', ',', 0],
    [' 7 ', ',', 7],
    ['1.5', '.', 1.5],
    ['1,250.5', '.', 1250.5],
    ['0.1', '.', 0.1],
    ['2,333333333', ',', 2.333333333],
    ['2,33333333399', ',', 2.333333333], // at most nine decimals read
    ['1234567890123,5', ',', 1234567890123.5],
  ])('%j (%s) → %d', (text, decimal, value) => {
    expect(parseCount(text, decimal as ',' | '.')).toEqual({ kind: 'ok', value });
  });

  test('reads the exact decimal value', () => {
    for (let i = 0; i < 5000; i += 7) {
      const text = `${Math.floor(i / 100)},${String(i % 100).padStart(2, '0')}`;
      expect(parseCount(text, ',')).toEqual({ kind: 'ok', value: Number(text.replace(',', '.')) });
    }
  });

  test('negative counts are invalid', () => {
    for (const cell of ['-1', '-1,5', '\u22122', -1, -0.5]) expect(parseCount(cell, ',')).toEqual({ kind: 'invalid', reason: 'negatief aantal' });
  });

  test.each(['1,5 uur', '€ 5', '(5)', '5-', '1.5', '12,', 'abc', '1,2,3', '12,-'])('%j is invalid with decimal comma', (text) => {
    expect(parseCount(text, ',')).toEqual({ kind: 'invalid', reason: 'geen geldig aantal' });
  });

  test('number cells as they are', () => {
    expect(parseCount(1.5, ',')).toEqual({ kind: 'ok', value: 1.5 });
    expect(parseCount(0, '.')).toEqual({ kind: 'ok', value: 0 });
    expect(parseCount(Number.NaN, ',').kind).toBe('invalid');
    expect(parseCount(new Date(0), ',').kind).toBe('invalid');
  });

  test('too large, empty and placeholders', () => {
    expect(parseCount('99999999999999', ',')).toEqual({ kind: 'invalid', reason: 'aantal te groot' });
    expect(parseCount(null, ',')).toEqual({ kind: 'empty', placeholder: false });
    expect(parseCount('', ',')).toEqual({ kind: 'empty', placeholder: false });
    expect(parseCount('-', ',')).toEqual({ kind: 'empty', placeholder: true });
    expect(parseCount('n.v.t.', ',')).toEqual({ kind: 'empty', placeholder: true });
  });
});
