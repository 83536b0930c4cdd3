import { describe, expect, test } from 'vitest';
import { passesElfproef } from '../pseudonym/bsn.ts';
import { carriesBsn, maskBsnRuns } from './bsnRuns.ts';

// 999913141 passes the 11-proef (a test BSN); 999913142 does not.
const BSN = '999913141';

describe('carriesBsn', () => {
  test('the test numbers are what they claim', () => {
    expect(passesElfproef(BSN)).toBe(true);
    expect(passesElfproef('999913142')).toBe(false);
  });

  test('numbers count by their integer digits', () => {
    expect(carriesBsn(999913141)).toBe(true);
    expect(carriesBsn(999913141.25)).toBe(true);
    expect(carriesBsn(-999913141)).toBe(true);
    expect(carriesBsn(999913142)).toBe(false);
    expect(carriesBsn(1234.56)).toBe(false);
    // An AGB-sized number is not refused on the 11-proef alone…
    expect(carriesBsn(99990004)).toBe(false);
    // …but is when it is an input BSN without its leading zero.
    expect(carriesBsn(99990004, { inputBsns: new Set([99990004]) })).toBe(true);
  });

  test.each([
    BSN,
    `Begeleiding ${BSN}`,
    '999 913 141',
    '999.913.141',
    '999-913-141',
    '9999.13.141',
    'Zorggroep t.a.v. 999913141',
    'Zorggroep t.a.v. 999.913.141',
    `${BSN}.00`,
    `(${BSN})`,
    `a-${BSN}`,
    `12 ${BSN} 34`,
  ])('text %j carries a BSN', (text) => {
    expect(carriesBsn(text)).toBe(true);
  });

  test.each([
    '2026-07-01',
    '01-07-2026',
    '2026-07-01 12:30',
    '75001074',
    '7520EG',
    '7520 EG 12',
    '1.737,68',
    '1234567.89',
    '06-12345678',
    '999913142',
    'a999913141',
    '999913141b',
    'WK990301',
    '01A01',
    '',
    '999 91 31 41',
    // Two amounts joined by a space make 9 digits passing the 11-proef, but not in a BSN's shape.
    '99991 3141',
  ])('text %j does not', (text) => {
    expect(carriesBsn(text)).toBe(false);
  });

  test('a hex pseudonym with a nine-digit stretch passing the 11-proef is not a BSN', () => {
    const pseudonym = `23ad5b4e${BSN}a27b41b2535dd97`;
    expect(pseudonym).toMatch(/^[0-9a-f]{32}$/);
    expect(carriesBsn(pseudonym)).toBe(false);
    expect(carriesBsn(`${BSN}ad5b4eaea27b41b2535dd`)).toBe(false);
  });

  test('with the input BSNs, any 7–9 digit stretch of whole groups equal to one is refused', () => {
    const inputBsns = new Set([99990004, 12]);
    expect(carriesBsn('99990004', { inputBsns })).toBe(true);
    expect(carriesBsn('099990004', { inputBsns })).toBe(true);
    expect(carriesBsn('9999 0004', { inputBsns })).toBe(true);
    expect(carriesBsn('Verwezen door 99-99-00-04', { inputBsns })).toBe(true);
    // Too short to mean anything.
    expect(carriesBsn('12', { inputBsns })).toBe(false);
    expect(carriesBsn('0000012', { inputBsns })).toBe(false);
    // An AGB code passes unless it equals an input BSN.
    expect(carriesBsn('75001074', { inputBsns })).toBe(false);
    expect(carriesBsn('x99990004', { inputBsns })).toBe(false);
  });

  test('an ISO date is a run of 8 digits, refused only if it equals an input BSN', () => {
    expect(carriesBsn('2026-07-01')).toBe(false);
    expect(carriesBsn('2026-07-01', { inputBsns: new Set([20260701]) })).toBe(true);
  });

  test('loose mode (the preview) also takes 7 and 8 digits that pass the 11-proef after padding', () => {
    expect(carriesBsn('0000012', { loose: true })).toBe(true);
    expect(carriesBsn('999 91 31 41', { loose: true })).toBe(true);
    expect(carriesBsn('2026-07-01', { loose: true })).toBe(false);
  });
});

describe('maskBsnRuns', () => {
  test('masks only the run, keeps the rest', () => {
    expect(maskBsnRuns(`Begeleiding ${BSN} en 999.913.141 t.a.v. x`)).toBe('Begeleiding ••••••••• en ••••••••• t.a.v. x');
    expect(maskBsnRuns('Begeleiding 2026-07-01')).toBe('Begeleiding 2026-07-01');
  });
});
