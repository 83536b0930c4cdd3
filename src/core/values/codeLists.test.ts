import { describe, expect, test } from 'vitest';
import { createCodeListParser, loadEenheidParser, loadFrequentieParser, parseEenheid, parseFrequentie } from './codeLists.ts';

const code = (value: string) => ({ kind: 'ok', value });

describe('parseEenheid', () => {
  test.each([
    ['01', '01'], ['1', '01'], ['001', '01'], ['Minuut', '01'], ['minuten', '01'], ['min', '01'],
    ['04', '04'], ['4', '04'], ['Uur', '04'], ['uren', '04'],
    ['14', '14'], ['Etmaal', '14'],
    ['16', '16'], ['Dagdeel', '16'], ['dagdelen', '16'], ['Dagdeel (4 uur)', '16'],
    ['82', '82'], ['Stuks (output)', '82'], ['stuks output', '82'], ['STUKS(OUTPUT)', '82'],
    ['83', '83'], ["Euro's", '83'], ['euro', '83'], ['euros', '83'], ['EUR', '83'], ['€', '83'],
    ['84', '84'], ['Stuks (inspanning)', '84'], ['stuks inspanning', '84'],
    [' 04 ', '04'],
  ])('%j → %s', (text, expected) => {
    expect(parseEenheid(text)).toEqual(code(expected));
  });

  test('number cells match numeric codes without their leading zero', () => {
    expect(parseEenheid(1)).toEqual(code('01'));
    expect(parseEenheid(4)).toEqual(code('04'));
    expect(parseEenheid(84)).toEqual(code('84'));
    expect(parseEenheid(2)).toEqual({ kind: 'invalid', reason: 'onbekende eenheid' });
    expect(parseEenheid(4.5)).toEqual({ kind: 'invalid', reason: 'onbekende eenheid' });
  });

  test.each(['02', '85', 'stuks', 'week', 'dag', 'uur x', 'liter'])('%j is unknown', (text) => {
    expect(parseEenheid(text)).toEqual({ kind: 'invalid', reason: 'onbekende eenheid' });
  });

  test('empty and placeholders', () => {
    expect(parseEenheid(null)).toEqual({ kind: 'empty', placeholder: false });
    expect(parseEenheid('')).toEqual({ kind: 'empty', placeholder: false });
    expect(parseEenheid('-')).toEqual({ kind: 'empty', placeholder: true });
    expect(parseEenheid('n.v.t.')).toEqual({ kind: 'empty', placeholder: true });
  });
});

describe('parseFrequentie', () => {
  test.each([
    ['1', '1'], ['01', '1'], ['Per dag', '1'], ['per dag', '1'], ['dag', '1'],
    ['2', '2'], ['Per week', '2'], ['week', '2'], ['PER WEEK', '2'],
    ['3', '3'], ['Per vier weken', '3'], ['per 4 weken', '3'], ['4 weken', '3'], ['4-wekelijks', '3'],
    ['4', '4'], ['Per maand', '4'], ['maand', '4'],
    ['5', '5'], ['Per jaar', '5'], ['jaar', '5'],
    ['6', '6'], ['Totaal binnen geldigheidsduur', '6'], ['totaal binnen geldigheidsduur toewijzing', '6'], ['Totaal', '6'],
  ])('%j → %s', (text, expected) => {
    expect(parseFrequentie(text)).toEqual(code(expected));
  });

  test('number cells', () => {
    expect(parseFrequentie(2)).toEqual(code('2'));
    expect(parseFrequentie(6)).toEqual(code('6'));
    expect(parseFrequentie(7)).toEqual({ kind: 'invalid', reason: 'onbekende frequentie' });
    expect(parseFrequentie(0)).toEqual({ kind: 'invalid', reason: 'onbekende frequentie' });
  });

  test.each(['0', '7', 'per uur', 'per kwartaal', 'weken', 'uur'])('%j is unknown', (text) => {
    expect(parseFrequentie(text)).toEqual({ kind: 'invalid', reason: 'onbekende frequentie' });
  });
});

describe('code-list tables', () => {
  test('the default tables load and cover exactly the documented codes', () => {
    const eenheid = loadEenheidParser();
    const frequentie = loadFrequentieParser();
    expect(['01', '04', '14', '16', '82', '83', '84'].map((c) => eenheid(c))).toEqual(['01', '04', '14', '16', '82', '83', '84'].map(code));
    expect(['1', '2', '3', '4', '5', '6'].map((c) => frequentie(c))).toEqual(['1', '2', '3', '4', '5', '6'].map(code));
  });

  test('a parser from a table passed in', () => {
    const parse = createCodeListParser([{ code: '001', naam: 'Een', synoniemen: 'eerste' }], 'test.csv', 'onbekende waarde');
    expect(parse('1')).toEqual(code('001'));
    expect(parse(1)).toEqual(code('001'));
    expect(parse('EERSTE')).toEqual(code('001'));
    expect(parse('twee')).toEqual({ kind: 'invalid', reason: 'onbekende waarde' });
  });

  test('numeric codes equal after leading zeros are a conflict', () => {
    expect(() => createCodeListParser([
      { code: '01', naam: 'a', synoniemen: '' },
      { code: '1', naam: 'b', synoniemen: '' },
    ], 'test.csv', 'x')).toThrow(/test\.csv: rij 3: '1' hoort ook bij code 01/);
  });
});
