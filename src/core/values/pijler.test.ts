import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../testing/tempDir.ts';
import { createPijlerParser, loadPijlerParser } from './pijler.ts';

const parse = loadPijlerParser();
const code = (value: string) => ({ kind: 'ok', value });

describe('pijler parser from resources/pijlers.csv', () => {
  test.each([
    ['WMO', 'WMO'], ['Wmo', 'WMO'], ['wmo', 'WMO'], ['WMO 2015', 'WMO'], ['Wmo2015', 'WMO'], ['Wmo-2015', 'WMO'],
    ['Wet maatschappelijke ondersteuning', 'WMO'], ['  wmo  ', 'WMO'], ['\u00a0Wmo\u00a0', 'WMO'], ['MO', 'WMO'],
    ['Jeugdwet', 'JW'], ['Jeugd', 'JW'], ['JW', 'JW'], ['jw', 'JW'], ['Jeugdhulp', 'JW'], ['Jeugdzorg', 'JW'],
    ['Participatiewet', 'PW'], ['Bijzondere bijstand', 'PW'], ['BIJZONDERE BIJSTAND', 'PW'], ['Re-integratie', 'PW'],
    ['reintegratie', 'PW'], ['Werk en inkomen', 'PW'], ['WWB', 'PW'],
    ['Schuldhulpverlening', 'SHV'], ['schuldhulp', 'SHV'], ['SHV', 'SHV'], ['Wgs', 'SHV'],
    ['WSW', 'WSW'], ['Beschut werk', 'WSW'], ['Sociale werkvoorziening', 'WSW'],
    ['LLV', 'LLV'], ['Leerlingenvervoer', 'LLV'], ['leerlingvervoer', 'LLV'],
    ['SO', 'SO'], ['Speciaal onderwijs', 'SO'],
    ['Zvw', 'ZVW'], ['Wlz', 'WLZ'], ['UWV', 'UWV'], ['GGD', 'GGD'],
  ])('%j → %s', (text, expected) => {
    expect(parse(text)).toEqual(code(expected));
  });

  test('repeated values give the same frozen result (cached)', () => {
    const first = parse('Wmo');
    expect(parse('Wmo')).toBe(first);
    expect(parse('WMO')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test.each(['Wmo 2007', 'Zorg', 'Onderwijs', 'Wet', 'WMOO', 'P W x', 'JW2'])('%j is an unknown pijler', (text) => {
    expect(parse(text)).toEqual({ kind: 'invalid', reason: 'onbekende pijler' });
  });

  test('numbers, dates, empty and placeholders', () => {
    expect(parse(1)).toEqual({ kind: 'invalid', reason: 'onbekende pijler' });
    expect(parse(new Date(0))).toEqual({ kind: 'invalid', reason: 'onbekende pijler' });
    expect(parse(null)).toEqual({ kind: 'empty', placeholder: false });
    expect(parse('  ')).toEqual({ kind: 'empty', placeholder: false });
    for (const text of ['-', '.', 'n.v.t.', 'onbekend', 'nvt']) expect(parse(text)).toEqual({ kind: 'empty', placeholder: true });
  });
});

describe('createPijlerParser', () => {
  test('uses whatever table it is given', () => {
    const parse = createPijlerParser([{ code: 'X1', naam: 'Iets nieuws', synoniemen: 'nieuw|heel nieuw' }]);
    expect(parse('iets-nieuws')).toEqual(code('X1'));
    expect(parse('HEEL NIEUW')).toEqual(code('X1'));
    expect(parse('x1')).toEqual(code('X1'));
    expect(parse('Wmo')).toEqual({ kind: 'invalid', reason: 'onbekende pijler' });
  });

  test('refuses a table in which one text means two codes', () => {
    expect(() => createPijlerParser([
      { code: 'A', naam: 'Alfa', synoniemen: 'zorg' },
      { code: 'B', naam: 'Beta', synoniemen: 'Zorg' },
    ])).toThrow(/pijlers\.csv: rij 3: 'Zorg' hoort ook bij code A/);
  });

  test('refuses rows without code and duplicate codes', () => {
    expect(() => createPijlerParser([{ code: ' ', naam: 'Alfa', synoniemen: '' }])).toThrow(/rij 2: geen code/);
    expect(() => createPijlerParser([{ code: 'A', naam: 'Alfa', synoniemen: '' }, { code: 'A', naam: 'Ander', synoniemen: '' }]))
      .toThrow(/rij 3: code A staat er twee keer in/);
  });

  test('loads from another resources folder', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pijlers.csv'), '\uFEFFcode;naam;synoniemen\nQQ;Quux;q-q\n');
    const parse = loadPijlerParser(dir);
    expect(parse('Q Q')).toEqual(code('QQ'));
    expect(parse('WMO').kind).toBe('invalid');
  });
});
