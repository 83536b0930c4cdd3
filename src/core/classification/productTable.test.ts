import { describe, expect, test } from 'vitest';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { suggestClassification, validateProductRows } from './productTable.ts';

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
        'rij 3, kolom leefdomein: onbekend leefdomein (LD01 tot en met LD10); ' +
        'rij 4, kolom pijler: onbekende pijler (kies uit WMO, JW, PW, SHV, WSW, LLV, SO, ZVW, WLZ, UWV, GGD); ' +
        'rij 4, kolom voorziening: onbekende voorzieningsoort (zie de lijst van voorzieningsoorten); ' +
        'rij 4, kolom categorie: een productcategorie bestaat uit 2 cijfers.',
    );
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
