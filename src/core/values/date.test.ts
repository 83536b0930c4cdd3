import { describe, expect, test } from 'vitest';
import type { Cell } from './cell.ts';
import { ageAt, dayNumberToIso, excelSerialToIso, isoToDayNumber, parseDate } from './date.ts';

const okDate = (value: string) => ({ kind: 'ok', value });
const reason = (cell: Cell) => {
  const result = parseDate(cell);
  return result.kind === 'invalid' ? result.reason : `not invalid: ${JSON.stringify(result)}`;
};

describe('parseDate: text', () => {
  test.each([
    ['01-07-2026', '2026-07-01'],
    ['1-7-2026', '2026-07-01'],
    ['01-7-2026', '2026-07-01'],
    ['1-07-2026', '2026-07-01'],
    ['01/07/2026', '2026-07-01'],
    ['1/7/2026', '2026-07-01'],
    ['01.07.2026', '2026-07-01'],
    ['2026-07-01', '2026-07-01'],
    ['2026/07/01', '2026-07-01'],
    ['2026.07.01', '2026-07-01'],
    ['2026-7-1', '2026-07-01'],
    ['20260701', '2026-07-01'],
    ['2026-07-01T13:45:00', '2026-07-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
    ['2026-07-01T23:30:00+02:00', '2026-07-01'],
    ['2026-07-01 00:00:00.000', '2026-07-01'],
    ['01-07-2026 00:00', '2026-07-01'],
    ['01-07-2026 0:00:00', '2026-07-01'],
    ['1-7-2026 12:00:00 AM', '2026-07-01'],
    ['20260701 12:00', '2026-07-01'],
    ['  01-07-2026  ', '2026-07-01'],
    ['\u00a001-07-2026\u00a0', '2026-07-01'],
    ['\ufeff2026-07-01', '2026-07-01'],
    ['31-12-2999', '2999-12-31'],
    ['31-12-9999', '9999-12-31'],
    ['01-01-1800', '1800-01-01'],
    ['29-02-2024', '2024-02-29'],
    ['29-02-2000', '2000-02-29'],
    ['31-01-2026', '2026-01-31'],
    ['30-04-2026', '2026-04-30'],
    ['31-12-1899', '1899-12-31'],
  ])('%j → %s', (text, iso) => {
    expect(parseDate(text)).toEqual(okDate(iso));
  });

  test.each([
    ['31-02-2024', 'datum bestaat niet'],
    ['30-02-2024', 'datum bestaat niet'],
    ['29-02-2023', 'datum bestaat niet'],
    ['29-02-1900', 'datum bestaat niet'], // not a leap year (divisible by 100)
    ['29-02-2100', 'datum bestaat niet'],
    ['31-04-2026', 'datum bestaat niet'],
    ['31-06-2026', 'datum bestaat niet'],
    ['31-09-2026', 'datum bestaat niet'],
    ['31-11-2026', 'datum bestaat niet'],
    ['00-07-2026', 'datum bestaat niet'],
    ['01-13-2026', 'datum bestaat niet'],
    ['01-00-2026', 'datum bestaat niet'],
    ['32-01-2026', 'datum bestaat niet'],
    ['2026-02-30', 'datum bestaat niet'],
    ['20230229', 'datum bestaat niet'],
    ['07/31/2026', 'datum bestaat niet'], // American month-first is not guessed
    ['01-07-26', 'jaartal met twee cijfers'],
    ['1-7-26', 'jaartal met twee cijfers'],
    ['01.07.26', 'jaartal met twee cijfers'],
    ['010726', 'jaartal met twee cijfers'],
    ['31-12-1799', 'jaartal buiten 1800-9999'],
    ['1799-12-31', 'jaartal buiten 1800-9999'],
    ['01-01-0001', 'jaartal buiten 1800-9999'],
    ['1985', 'geen geldige datum'], // a year, not a serial
    ['123', 'geen geldige datum'],
    ['1234567', 'geen geldige datum'],
    ['202607011', 'geen geldige datum'],
    ['01-07/2026', 'geen geldige datum'],
    ['01-07-2026x', 'geen geldige datum'],
    ['01-07-2026 foo', 'geen geldige datum'],
    ['01-07-2026T', 'geen geldige datum'],
    ['01 07 2026', 'geen geldige datum'],
    ['1 juli 2026', 'geen geldige datum'],
    ['001-07-2026', 'geen geldige datum'],
    ['01-007-2026', 'geen geldige datum'],
    ['01-07-20266', 'geen geldige datum'],
    ['2026-07-001', 'geen geldige datum'],
    ['2026-07', 'geen geldige datum'],
    ['01-07-', 'geen geldige datum'],
    ['gisteren', 'geen geldige datum'],
    ['45474,', 'geen geldige datum'],
    ['45474,5x', 'geen geldige datum'],
    ['45474 12:00', 'geen geldige datum'],
    ['#N/B', 'geen geldige datum'],
  ])('%j is invalid: %s', (text, why) => {
    expect(reason(text)).toBe(why);
  });

  test('numeric text: five digits are an Excel serial, eight digits jjjjmmdd', () => {
    expect(parseDate('45474')).toEqual(okDate('2024-07-01'));
    expect(parseDate('45474,5')).toEqual(okDate('2024-07-01'));
    expect(parseDate('45474.75')).toEqual(okDate('2024-07-01'));
    expect(parseDate('10000')).toEqual(okDate('1927-05-18'));
    expect(parseDate('99999')).toEqual(okDate('2173-10-13'));
    expect(parseDate('20240701')).toEqual(okDate('2024-07-01'));
    expect(parseDate('18000101')).toEqual(okDate('1800-01-01'));
    expect(parseDate('00045474').kind).toBe('invalid');
  });

  test('empty cells and placeholders', () => {
    for (const cell of [null, '', ' ', '\t', '\u00a0', '\u00a0 \u202f']) expect(parseDate(cell)).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', '--', 'n.v.t.', 'nvt', 'onbekend', 'NULL', '00-00-0000', '0000-00-00', '00000000', '0000-00-00 00:00:00', ' - '])
      expect(parseDate(cell)).toEqual({ kind: 'empty', placeholder: true });
  });

  test('an ISO text already in shape comes back as the same string', () => {
    const text = '2026-07-01';
    const result = parseDate(text);
    expect(result.kind === 'ok' && result.value).toBe(text);
  });

  test('reasons never echo the value', () => {
    for (const text of ['31-02-1987', '12-03-87', 'Jan Jansen', '19870312x']) {
      const result = parseDate(text);
      expect(result.kind).toBe('invalid');
      if (result.kind === 'invalid') {
        expect(result.reason).not.toContain('87');
        expect(result.reason).not.toContain('Jan');
      }
    }
  });
});

describe('parseDate: number and Date cells', () => {
  test.each([
    [1, '1900-01-01'],
    [2, '1900-01-02'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [45474, '2024-07-01'],
    [45474.999, '2024-07-01'],
    [45474.5, '2024-07-01'],
    [46204, '2026-07-01'],
    [2958465, '9999-12-31'],
    [20240701, '2024-07-01'],
    [29991231, '2999-12-31'],
  ])('%d → %s', (serial, iso) => {
    expect(parseDate(serial)).toEqual(okDate(iso));
  });

  test('Excel serial 60 is the fictitious 29-02-1900', () => {
    expect(reason(60)).toBe('datum bestaat niet');
    expect(reason(60.5)).toBe('datum bestaat niet');
  });

  test.each([0, -1, 0.5, 2958466, 9999999, 20230229.5, Number.NaN, Number.POSITIVE_INFINITY])('%d is no date', (n) => {
    expect(parseDate(n).kind).toBe('invalid');
  });

  test('8-digit numbers are jjjjmmdd and must be real dates', () => {
    expect(reason(20230229)).toBe('datum bestaat niet');
    expect(reason(10000101)).toBe('jaartal buiten 1800-9999');
  });

  test('JS Dates are read in UTC, any time ignored', () => {
    expect(parseDate(new Date(Date.UTC(2024, 6, 1)))).toEqual(okDate('2024-07-01'));
    expect(parseDate(new Date(Date.UTC(2024, 1, 29)))).toEqual(okDate('2024-02-29'));
    expect(parseDate(new Date(Date.UTC(2024, 6, 1, 23, 59, 59)))).toEqual(okDate('2024-07-01'));
    expect(parseDate(new Date(Date.UTC(1899, 11, 31)))).toEqual(okDate('1899-12-31'));
    expect(parseDate(new Date(Date.UTC(2999, 11, 31)))).toEqual(okDate('2999-12-31'));
    expect(reason(new Date(Number.NaN))).toBe('geen geldige datum');
    expect(reason(new Date(Date.UTC(1700, 0, 1)))).toBe('jaartal buiten 1800-9999');
  });
});

describe('excelSerialToIso', () => {
  test('converts the 1900 date system including the leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45474)).toBe('2024-07-01');
    expect(excelSerialToIso(45474.75)).toBe('2024-07-01');
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
  });

  test.each([60, 0, -5, 2958466, Number.NaN, Number.NEGATIVE_INFINITY])('%d throws', (serial) => {
    expect(() => excelSerialToIso(serial)).toThrow(RangeError);
  });

  test('agrees with day arithmetic for every serial from 61 on (sampled)', () => {
    for (let serial = 61; serial <= 2958465; serial += 997) {
      expect(isoToDayNumber(excelSerialToIso(serial))).toBe(serial - 25569);
    }
  });
});

describe('day numbers', () => {
  test('known days', () => {
    expect(isoToDayNumber('1970-01-01')).toBe(0);
    expect(isoToDayNumber('1970-01-02')).toBe(1);
    expect(isoToDayNumber('1969-12-31')).toBe(-1);
    expect(isoToDayNumber('2000-03-01')).toBe(11017);
    expect(isoToDayNumber('2024-07-01')).toBe(19905);
    expect(dayNumberToIso(0)).toBe('1970-01-01');
    expect(dayNumberToIso(-1)).toBe('1969-12-31');
    expect(dayNumberToIso(19905)).toBe('2024-07-01');
    expect(isoToDayNumber('2024-03-01') - isoToDayNumber('2024-02-28')).toBe(2);
    expect(isoToDayNumber('2023-03-01') - isoToDayNumber('2023-02-28')).toBe(1);
    expect(isoToDayNumber('2999-12-31') - isoToDayNumber('2999-01-01')).toBe(364);
  });

  test('agree with Date.UTC and round-trip from 1800 to 9999', () => {
    for (let n = isoToDayNumber('1800-01-01'); n <= isoToDayNumber('9999-12-31'); n += 73) {
      const iso = dayNumberToIso(n);
      expect(iso).toBe(new Date(n * 86400000).toISOString().slice(0, 10));
      expect(isoToDayNumber(iso)).toBe(n);
    }
  });

  test('every day of a leap and a non-leap year round-trips', () => {
    for (let n = isoToDayNumber('2023-01-01'); n <= isoToDayNumber('2024-12-31'); n++) {
      expect(isoToDayNumber(dayNumberToIso(n))).toBe(n);
    }
  });

  test.each(['2024-7-1', '01-07-2024', '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '', '2024-07-01T00:00', 'abcd-ef-gh', '2024/07/01'])(
    'isoToDayNumber(%j) throws', (iso) => {
      expect(() => isoToDayNumber(iso)).toThrow(RangeError);
    });

  test('dayNumberToIso refuses fractions and years beyond 9999', () => {
    expect(() => dayNumberToIso(1.5)).toThrow(RangeError);
    expect(() => dayNumberToIso(isoToDayNumber('9999-12-31') + 1)).toThrow(RangeError);
    expect(dayNumberToIso(isoToDayNumber('0001-01-01'))).toBe('0001-01-01');
  });
});

describe('ageAt', () => {
  test('whole years, birthday counts on the day itself', () => {
    expect(ageAt('2000-07-01', '2026-06-30')).toBe(25);
    expect(ageAt('2000-07-01', '2026-07-01')).toBe(26);
    expect(ageAt('2000-07-01', '2000-07-01')).toBe(0);
    expect(ageAt('2000-12-31', '2001-12-30')).toBe(0);
    expect(ageAt('2000-12-31', '2001-12-31')).toBe(1);
    expect(ageAt('1920-01-01', '2026-01-01')).toBe(106);
  });

  test('born on 29 February: a year older on 1 March in non-leap years', () => {
    expect(ageAt('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageAt('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageAt('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageAt('2008-02-29', '2028-02-29')).toBe(20);
  });

  test('negative before birth', () => {
    expect(ageAt('2026-07-01', '2026-06-30')).toBe(-1);
    expect(ageAt('2026-07-01', '2025-07-01')).toBe(-1);
    expect(ageAt('2026-07-01', '2025-06-30')).toBe(-2);
  });

  test('throws on anything but strict ISO dates', () => {
    expect(() => ageAt('01-07-2000', '2026-07-01')).toThrow(RangeError);
    expect(() => ageAt('2000-07-01', '2026-02-30')).toThrow(RangeError);
  });
});
