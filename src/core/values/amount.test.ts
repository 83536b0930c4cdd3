import { describe, expect, test } from 'vitest';
import { detectDecimalSeparator, parseAmount } from './amount.ts';

const euros = (value: number) => ({ kind: 'ok', value });

describe('parseAmount with decimal comma', () => {
  test.each([
    ['1.234,56', 1234.56],
    ['1234,56', 1234.56],
    ['-12,50', -12.5],
    ['+12,50', 12.5],
    ['\u221212,50', -12.5], // Unicode minus sign
    ['- 12,50', -12.5],
    ['€ 1.234', 1234],
    ['€1.234', 1234],
    ['€1.234,-', 1234],
    ['€ 1.234,--', 1234],
    ['12,-', 12],
    ['€ -12,50', -12.5],
    ['-€ 12,50', -12.5],
    ['€-12,50', -12.5],
    ['12,50 €', 12.5],
    ['12,50 EUR', 12.5],
    ['EUR 12,50', 12.5],
    ['eur 1.000.000,00', 1000000],
    ['(12,50)', -12.5],
    ['( 12,50 )', -12.5],
    ['(€ 1.234,56)', -1234.56],
    ['€ (1.234,56)', -1234.56],
    ['12,50-', -12.5],
    ['1.234,56-', -1234.56],
    ['12,50 -', -12.5],
    ['  12,50  ', 12.5],
    ['\u00a012,50\u00a0', 12.5],
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234,56', 1234.56],
    ['1 234 567,89', 1234567.89],
    ['1.234.567,89', 1234567.89],
    ['0,50', 0.5],
    [',50', 0.5],
    ['0', 0],
    ['0,00', 0],
    ['-0,00', 0],
    ['007', 7],
    ['12', 12],
    ['12,5', 12.5],
    ['12,505', 12.51], // half away from zero
    ['12,504', 12.5],
    ['-12,505', -12.51],
    ['0,004', 0],
    ['-0,004', 0],
    ['0,005', 0.01],
    ['1,123456789123', 1.12],
    ['1.234', 1234], // ambiguous: read with the separator given
    ['9.999.999.999.999,99', 9999999999999.99],
  ])('%j → %d', (text, value) => {
    expect(parseAmount(text, ',')).toEqual(euros(value));
  });

  test('-0 never comes out', () => {
    for (const text of ['-0', '-0,00', '(0,00)', '0,00-', '-0,001']) {
      const result = parseAmount(text, ',');
      expect(result.kind === 'ok' && Object.is(result.value, 0)).toBe(true);
    }
  });

  test.each([
    '12.50', // wrong separator: refused, not read as 1250
    '1234.56',
    '1,234.56',
    '0.123',
    '12.3456',
    '1.23.456',
    '1.2345',
    '1.234 567',
    '12,',
    ',',
    ',-',
    '€',
    'EUR',
    '€ €12',
    '--12',
    '-12,50-',
    '(-12,50)',
    '(12,50',
    '12,50)',
    '12,50 12',
    '12 ,50',
    '12a',
    'twaalf',
    '1e3',
    '0x10',
    '#WAARDE!',
    '12,50 USD',
    '12,5,0',
  ])('%j is invalid', (text) => {
    expect(parseAmount(text, ',')).toEqual({ kind: 'invalid', reason: 'geen geldig bedrag' });
  });

  test('too large', () => {
    expect(parseAmount('12345678901234', ',')).toEqual({ kind: 'invalid', reason: 'bedrag te groot' });
    expect(parseAmount(1e13, ',')).toEqual({ kind: 'invalid', reason: 'bedrag te groot' });
    expect(parseAmount('1234567890123', ',')).toEqual(euros(1234567890123));
  });

  test('empty and placeholders', () => {
    for (const cell of [null, '', '   ', '\u00a0']) expect(parseAmount(cell, ',')).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', '--', 'n.v.t.', 'nvt', 'onbekend', '\u2013']) expect(parseAmount(cell, ',')).toEqual({ kind: 'empty', placeholder: true });
  });
});

describe('parseAmount with decimal point', () => {
  test.each([
    ['1234.56', 1234.56],
    ['1,234.56', 1234.56],
    ['1,234,567.89', 1234567.89],
    ['-12.50', -12.5],
    ['(12.50)', -12.5],
    ['12.50-', -12.5],
    ['$ 12', Number.NaN],
    ['.5', 0.5],
    ['1,234', 1234],
    ['12.5', 12.5],
    ['1.005', 1.01],
    ['€ 1,234.-', 1234],
  ])('%j → %d', (text, value) => {
    const result = parseAmount(text, '.');
    if (Number.isNaN(value)) expect(result.kind).toBe('invalid');
    else expect(result).toEqual(euros(value));
  });

  test.each(['12,50', '1.234,56', '1234,56', '1,23'])('%j is invalid', (text) => {
    expect(parseAmount(text, '.').kind).toBe('invalid');
  });
});

describe('parseAmount: number and Date cells', () => {
  test('numbers are taken as they are, rounded to cents', () => {
    expect(parseAmount(1234.56, ',')).toEqual(euros(1234.56));
    expect(parseAmount(-12.5, '.')).toEqual(euros(-12.5));
    expect(parseAmount(0, ',')).toEqual(euros(0));
    expect(parseAmount(1.005, ',')).toEqual(euros(1.01));
    expect(parseAmount(2.675, ',')).toEqual(euros(2.68));
    expect(parseAmount(-1.005, ',')).toEqual(euros(-1.01));
    expect(parseAmount(0.285, ',')).toEqual(euros(0.29));
    expect(parseAmount(1.004, ',')).toEqual(euros(1));
    expect(parseAmount(0.1 + 0.2, ',')).toEqual(euros(0.3));
    expect(parseAmount(123456789.125, ',')).toEqual(euros(123456789.13));
    const negativeZero = parseAmount(-0.001, ',');
    expect(negativeZero.kind === 'ok' && Object.is(negativeZero.value, 0)).toBe(true);
  });

  test('non-finite numbers and dates are invalid', () => {
    expect(parseAmount(Number.NaN, ',').kind).toBe('invalid');
    expect(parseAmount(Number.POSITIVE_INFINITY, ',').kind).toBe('invalid');
    expect(parseAmount(new Date(0), ',')).toEqual({ kind: 'invalid', reason: 'geen geldig bedrag' });
  });

  test('text parsing matches the exact decimal value', () => {
    for (let cents = -100000; cents <= 100000; cents += 37) {
      const text = (cents < 0 ? '-' : '') + String(Math.floor(Math.abs(cents) / 100)) + ',' + String(Math.abs(cents) % 100).padStart(2, '0');
      expect(parseAmount(text, ',')).toEqual(euros(cents === 0 ? 0 : Number(text.replace(',', '.'))));
    }
  });
});

describe('detectDecimalSeparator', () => {
  test.each([
    [['1.234,5'], ','],
    [['12,50'], ','],
    [['1,5'], ','],
    [['1.234,56', '12,50'], ','],
    [['1.234.567'], ','],
    [['€ 1.234,-'], ','],
    [['12,-'], ','],
    [['0,125'], ','], // 0 cannot start a thousands group
    [['1234,567'], ','], // four digits cannot be a first group
    [['12.50'], '.'],
    [['1,234.56'], '.'],
    [['1,234,567'], '.'],
    [['0.125'], '.'],
    [['1234.567'], '.'],
    [['1.234'], ','], // ambiguous alone: Dutch default
    [['1,234'], ','], // ambiguous alone: Dutch default
    [['1.234', '12.50'], '.'], // the ambiguous one does not count
    [['1,234', '12.5'], '.'],
    [[], ','],
    [['', '12', '-', 'n.v.t.'], ','],
    [['12.50', '13.75', '1.234,56'], '.'], // majority
    [['12.50', '1.234,56'], ','], // tie: Dutch default
  ])('%j → %s', (samples, expected) => {
    expect(detectDecimalSeparator(samples)).toBe(expected);
  });

  test('a detected separator parses every sample of a realistic column', () => {
    const dutch = ['1.234,56', '12,50', '€ 7,-', '(3,10)', '1.000', '0,99'];
    const english = ['1,234.56', '12.50', '7', '(3.10)', '1,000', '0.99'];
    const d = detectDecimalSeparator(dutch);
    const e = detectDecimalSeparator(english);
    expect(d).toBe(',');
    expect(e).toBe('.');
    expect(dutch.map((s) => parseAmount(s, d)).every((r) => r.kind === 'ok')).toBe(true);
    expect(english.map((s) => parseAmount(s, e)).every((r) => r.kind === 'ok')).toBe(true);
  });
});
