import { describe, expect, test } from 'vitest';
import { parseGeslacht } from './geslacht.ts';

describe('parseGeslacht', () => {
  test.each([
    ['M', '1'], ['m', '1'], ['Man', '1'], ['MAN', '1'], ['man', '1'], ['mannelijk', '1'], ['Mannelijk', '1'], ['1', '1'],
    ['male', '1'], ['Male', '1'], [' M ', '1'], ['M.', '1'], ['\u00a0m\u00a0', '1'], ['01', '1'],
    ['V', '2'], ['v', '2'], ['Vrouw', '2'], ['VROUW', '2'], ['vrouwelijk', '2'], ['2', '2'], ['female', '2'], ['F', '2'],
    ['f', '2'], ['V.', '2'],
    ['O', '0'], ['o', '0'], ['0', '0'], ['Onbekend', '0'], ['onbekend', '0'], ['ONBEKEND', '0'], ['X', '0'], ['x', '0'],
    ['Anders', '0'], ['Overig', '0'], ['Niet gespecificeerd', '0'], ['niet-gespecificeerd', '0'],
    ['Niet  gespecificeerd', '0'], ['Niet bekend', '0'], ['U', '0'], ['unknown', '0'],
  ])('%j → %s', (text, code) => {
    expect(parseGeslacht(text)).toEqual({ kind: 'ok', value: code });
  });

  test('number cells 0, 1, 2', () => {
    expect(parseGeslacht(1)).toEqual({ kind: 'ok', value: '1' });
    expect(parseGeslacht(2)).toEqual({ kind: 'ok', value: '2' });
    expect(parseGeslacht(0)).toEqual({ kind: 'ok', value: '0' });
  });

  test.each(['3', '9', 'Q', 'mv', 'M/V', 'vrouwen', 'mevrouw', 'Jan', 'w', '12', 'nb'])('%j is invalid', (text) => {
    expect(parseGeslacht(text)).toEqual({ kind: 'invalid', reason: 'onbekend geslacht' });
  });

  test('invalid cells of other types', () => {
    for (const cell of [3, -1, 1.5, Number.NaN, new Date(0)]) expect(parseGeslacht(cell)).toEqual({ kind: 'invalid', reason: 'onbekend geslacht' });
  });

  test('empty and placeholders (Onbekend is a value, not a placeholder)', () => {
    for (const cell of [null, '', '  ']) expect(parseGeslacht(cell)).toEqual({ kind: 'empty', placeholder: false });
    for (const cell of ['-', '.', '--', 'n.v.t.', 'nvt', 'NULL']) expect(parseGeslacht(cell)).toEqual({ kind: 'empty', placeholder: true });
  });
});
