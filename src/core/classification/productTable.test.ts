import { describe, expect, test } from 'vitest';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { compareProductTables, type ProductRow, suggestClassification, validateProductRows } from './productTable.ts';

const ref = loadReferenceTables();
const line = (row: number, values: Record<string, string>) => ({ row, values });

describe('validateProductRows', () => {
  test('accepts a valid table and normalises codes', () => {
    const rows = validateProductRows(
      [line(2, { productcode: '45A04', product: 'Jeugdhulp ambulant', pijler: 'jw', categorie: '45', voorziening: 'jw-45', leefdomein: 'ld07', financier: '' })],
      'producten.csv',
      ref,
    );
    expect(rows).toEqual([
      { productcode: '45A04', product: 'Jeugdhulp ambulant', pijler: 'JW', categorie: '45', voorziening: 'JW-45', leefdomein: 'LD07', financier: 'gemeente' },
    ]);
  });

  test('reports every problem with row and column in one Dutch message', () => {
    expect(() =>
      validateProductRows(
        [
          line(2, { productcode: '01A01', pijler: 'WMO', voorziening: 'WMO-01', leefdomein: 'LD02' }),
          line(3, { productcode: '01A01', pijler: 'WMO', voorziening: 'JW-45', leefdomein: 'LD99' }),
          line(4, { productcode: 'X', pijler: 'ABC', voorziening: 'NEE', leefdomein: 'LD01', categorie: '7a' }),
        ],
        'producten.csv',
        ref,
      ),
    ).toThrow(
      'Producttabel producten.csv: rij 3, kolom productcode: productcode komt ook voor in rij 2; ' +
        'rij 3, kolom voorziening: voorzieningsoort JW-45 hoort bij pijler JW, niet bij WMO; ' +
        'rij 3, kolom leefdomein: onbekend leefdomein; ' +
        'rij 4, kolom pijler: onbekende pijler; ' +
        'rij 4, kolom voorziening: onbekende voorzieningsoort; ' +
        'rij 4, kolom categorie: een productcategorie bestaat uit 2 cijfers. ' +
        'Toegestaan in kolom pijler: WMO, JW, PW, SHV, WSW, LLV, SO, ZVW, WLZ, UWV, GGD; ' +
        'in kolom voorziening: de code of de naam van een voorzieningsoort: WMO-01, WMO-02, ',
    );
  });

  // A person filling in the table writes a leefdomein as its number or name, a voorziening and a
  // financier by name; what is stored (and delivered) is always the code.
  const valid = { productcode: 'P1', pijler: 'WMO', voorziening: 'WMO-01', leefdomein: 'LD02', financier: '' };
  const one = (values: Record<string, string>) => validateProductRows([line(2, { ...valid, ...values })], 'producten.csv', ref)[0]!;

  test.each(['LD02', 'ld02', '2', '02', ' 2 ', 'ADL en huishouden', 'adl EN Huishouden', 'ADL / Huishouden'])('leefdomein %j is LD02', (leefdomein) => {
    expect(one({ leefdomein }).leefdomein).toBe('LD02');
  });

  test('every leefdomein by its number with and without leading zero, and by its name', () => {
    for (const [i, l] of ref.leefdomeinen.entries()) {
      for (const form of [String(i + 1), String(i + 1).padStart(2, '0'), l.naam, l.naam.toUpperCase(), l.code.toLowerCase()]) {
        expect(one({ leefdomein: form }).leefdomein, form).toBe(l.code);
      }
    }
    expect(one({ leefdomein: 'Financien' }).leefdomein).toBe('LD03'); // accents as typed
  });

  test.each([
    ['WMO-01', 'WMO-01'],
    ['wmo-01', 'WMO-01'],
    ['Hulp bij het huishouden', 'WMO-01'],
    ['hulp bij het HUISHOUDEN', 'WMO-01'],
  ])('voorziening %j is %s', (voorziening, code) => {
    expect(one({ voorziening }).voorziening).toBe(code);
  });

  test('a voorziening by name is checked against the pijler by its code', () => {
    expect(one({ pijler: 'Jeugdwet', voorziening: 'Jeugdhulp ambulant', leefdomein: 'Opvoeden en opgroeien' })).toMatchObject({ pijler: 'JW', voorziening: 'JW-45', leefdomein: 'LD07' });
    expect(() => one({ voorziening: 'Jeugdhulp ambulant' })).toThrow('rij 2, kolom voorziening: voorzieningsoort JW-45 hoort bij pijler JW, niet bij WMO.');
  });

  test.each([
    ['', 'gemeente'],
    ['-', 'gemeente'],
    ['gemeente', 'gemeente'],
    ['Gemeente', 'gemeente'],
    ['Zorgverzekeraar', 'zorgverzekeraar'],
    ['Zvw', 'zorgverzekeraar'],
    ['Wlz-uitvoerder', 'wlz-uitvoerder'],
    ['WLZ UITVOERDER', 'wlz-uitvoerder'],
    ['zorgkantoor', 'wlz-uitvoerder'],
    ['UWV', 'uwv'],
    ['anders', 'overig'],
    ['Overig', 'overig'],
  ])('financier %j is %s', (financier, code) => {
    expect(one({ financier }).financier).toBe(code);
  });

  test('an unknown leefdomein, voorziening or financier is refused with file, row, column and what is allowed, never the value', () => {
    const refusal = (values: Record<string, string>) => {
      try {
        one(values);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    const leefdomein = refusal({ leefdomein: '11' });
    expect(leefdomein).toBe(
      'Producttabel producten.csv: rij 2, kolom leefdomein: onbekend leefdomein. Toegestaan in kolom leefdomein: de code, het nummer of de naam: ' +
        'LD01 of 1 (Fysieke gezondheid), LD02 of 2 (ADL en huishouden), LD03 of 3 (Financiën), LD04 of 4 (Werk, onderwijs en dagbesteding), ' +
        'LD05 of 5 (Psychische gezondheid en verslaving), LD06 of 6 (Sociaal netwerk en participatie), LD07 of 7 (Opvoeden en opgroeien), ' +
        'LD08 of 8 (Wonen en verblijf), LD09 of 9 (Mobiliteit), LD10 of 10 (Veiligheid en justitie).',
    );
    for (const leefdomein of ['0', '011', 'LD11', 'Gezondheid']) {
      expect(refusal({ leefdomein }), leefdomein).toContain('rij 2, kolom leefdomein: onbekend leefdomein.');
    }
    expect(refusal({ leefdomein: '' })).toContain('rij 2, kolom leefdomein: leefdomein ontbreekt.');

    const financier = refusal({ financier: 'Stichting Geldpot' });
    expect(financier).toBe(
      'Producttabel producten.csv: rij 2, kolom financier: onbekende financier. Toegestaan in kolom financier: ' +
        'gemeente (Gemeente), zorgverzekeraar (Zorgverzekeraar), wlz-uitvoerder (Wlz-uitvoerder), uwv (UWV), overig (Overig); leeg is gemeente.',
    );
    const voorziening = refusal({ voorziening: 'Huishoudhulp 999913141' });
    expect(voorziening).toMatch(/^Producttabel producten\.csv: rij 2, kolom voorziening: onbekende voorzieningsoort\. Toegestaan in kolom voorziening: de code of de naam van een voorzieningsoort: WMO-01, .*, SO-01\.$/);
    for (const message of [leefdomein, financier, voorziening]) expect(message).not.toMatch(/Geldpot|Huishoudhulp|999913141/);
  });
});

describe('suggestClassification', () => {
  test('from a standard product code', () => {
    expect(suggestClassification({ productcode: '45A04' }, ref)).toEqual({
      pijler: 'JW',
      categorie: '45',
      voorziening: 'JW-45',
      leefdomein: 'LD07',
      reden: 'standaard productcode: categorie 45',
    });
    expect(suggestClassification({ productcode: '01A01' }, ref)?.voorziening).toBe('WMO-01');
    expect(suggestClassification({ productcode: '11X01' }, ref)?.voorziening).toBe('WMO-11');
  });

  test('from a category column, which wins over the code', () => {
    expect(suggestClassification({ productcode: 'LOK-7', categorie: '7' }, ref)).toMatchObject({ voorziening: 'WMO-07', reden: 'productcategorie 07 in de export' });
  });

  test('from the product name, most specific first', () => {
    expect(suggestClassification({ productcode: 'PW-BB01', product: 'Bijzondere bijstand (individueel)' }, ref)?.voorziening).toBe('PW-02');
    expect(suggestClassification({ productcode: 'SR-1', product: 'Schuldhulpverlening - schuldregeling', pijler: 'SHV' }, ref)?.voorziening).toBe('SHV-01');
  });

  test('nothing when nothing points anywhere', () => {
    expect(suggestClassification({ productcode: 'ABC', product: 'Maatwerk divers' }, ref)).toBeNull();
    expect(suggestClassification({ productcode: '39A01' }, ref)).toBeNull();
  });
});

describe('compareProductTables', () => {
  const row = (productcode: string, leefdomein = 'LD01'): ProductRow => ({ productcode, product: '', pijler: 'WMO', categorie: '', voorziening: 'WMO-01', leefdomein, financier: 'gemeente' });
  test('counts new, changed, unchanged and dropped products by code', () => {
    const before = [row('A'), row('B'), row('C'), row('D')];
    const after = [row('A'), row('B', 'LD02'), row('C'), row('E'), row('F'), row('G')];
    expect(compareProductTables(before, after)).toEqual({ nieuw: 3, gewijzigd: 1, ongewijzigd: 2, vervallen: 1 });
  });
  test('a first import is all new', () => {
    expect(compareProductTables([], [row('A'), row('B')])).toEqual({ nieuw: 2, gewijzigd: 0, ongewijzigd: 0, vervallen: 0 });
  });
});
