import { describe, expect, test } from 'vitest';
import type { Cell } from '../values/cell.ts';
import { isCanonicalAdres, normaliseAdres } from './adres.ts';

const ok = (postcode: string, huisnummer: string, toevoeging = '') => ({
  kind: 'ok',
  adres: { postcode, huisnummer, toevoeging },
});

describe('normaliseAdres', () => {
  test('postcode upper-case without spaces; toevoeging upper-case and trimmed', () => {
    expect(normaliseAdres('1234AB', '12', 'A')).toEqual(ok('1234AB', '12', 'A'));
    expect(normaliseAdres(' 1234 ab ', ' 12 ', ' a ')).toEqual(ok('1234AB', '12', 'A'));
    expect(normaliseAdres('1234ab', 12, null)).toEqual(ok('1234AB', '12'));
    expect(normaliseAdres('1234AB', '12')).toEqual(ok('1234AB', '12'));
    expect(normaliseAdres('1234AB', 12, 2)).toEqual(ok('1234AB', '12', '2'));
    expect(normaliseAdres('1234AB', '12', ' 1 hoog ')).toEqual(ok('1234AB', '12', '1 HOOG'));
  });

  test.each<[Cell, Cell]>([
    ['12a', null],
    ['12 a', ''],
    ['12-a', null],
    [' 12A ', '  '],
    ['012a', null],
    ['12a', 'A'],
    [12, 'a'],
  ])('huisnummer %j with toevoeging %j is 12 + A', (huisnummer, toevoeging) => {
    expect(normaliseAdres('1234AB', huisnummer, toevoeging)).toEqual(ok('1234AB', '12', 'A'));
  });

  test('leading zeros of the huisnummer go, so text and number cells agree', () => {
    expect(normaliseAdres('1234AB', '0012', null)).toEqual(normaliseAdres('1234AB', 12, null));
  });

  test('empty when all cells are empty', () => {
    expect(normaliseAdres(null, null, null)).toEqual({ kind: 'empty' });
    expect(normaliseAdres(' ', '', ' ')).toEqual({ kind: 'empty' });
  });

  test.each<[Cell, Cell, Cell, string]>([
    [null, '12', null, 'postcode ontbreekt'],
    ['1234AB', null, 'A', 'huisnummer ontbreekt'],
    ['1234A', '12', null, 'postcode is niet van de vorm 1234AB'],
    ['0234AB', '12', null, 'postcode is niet van de vorm 1234AB'],
    [1234, '12', null, 'postcode is niet van de vorm 1234AB'],
    ['1234AB', 'a12', null, 'huisnummer begint niet met een getal'],
    ['1234AB', '0', null, 'huisnummer ligt niet tussen 1 en 99999'],
    ['1234AB', '123456', null, 'huisnummer ligt niet tussen 1 en 99999'],
    ['1234AB', 12.5, null, 'huisnummer is geen geheel getal'],
    ['1234AB', '12a', 'B', 'huisnummer en toevoeging geven elk een andere toevoeging'],
    [new Date(0), '12', null, 'postcode is een datum'],
    ['1234AB', new Date(0), null, 'huisnummer is een datum'],
    ['1234AB', '12', new Date(0), 'toevoeging is een datum'],
  ])('%j %j %j is invalid: %s', (postcode, huisnummer, toevoeging, reason) => {
    expect(normaliseAdres(postcode, huisnummer, toevoeging)).toEqual({ kind: 'invalid', reason });
  });

  test('isCanonicalAdres accepts exactly what normaliseAdres gives', () => {
    const result = normaliseAdres(' 1234 ab', '12 a', null);
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(isCanonicalAdres(result.adres)).toBe(true);
    expect(isCanonicalAdres({ postcode: '1234ab', huisnummer: '12', toevoeging: '' })).toBe(false);
    expect(isCanonicalAdres({ postcode: '1234AB', huisnummer: '12a', toevoeging: '' })).toBe(false);
    expect(isCanonicalAdres({ postcode: '1234AB', huisnummer: '012', toevoeging: '' })).toBe(false);
    expect(isCanonicalAdres({ postcode: '1234AB', huisnummer: '12', toevoeging: 'a' })).toBe(false);
    expect(isCanonicalAdres({ postcode: '1234AB', huisnummer: '12', toevoeging: ' A' })).toBe(false);
  });
});
