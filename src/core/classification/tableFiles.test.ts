import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { tempDir } from '../testing/tempDir.ts';
import { AREA_COLUMNS } from './areaTable.ts';
import { PRODUCT_COLUMNS, type ProductRow } from './productTable.ts';
import { readAreaFile, readProductFile, writeTableFile } from './tableFiles.ts';

const ref = loadReferenceTables();
const products: ProductRow[] = [
  { productcode: '01A01', product: 'Hulp bij het huishouden', pijler: 'WMO', categorie: '01', voorziening: 'WMO-01', leefdomein: 'LD02', financier: 'gemeente' },
  { productcode: 'PW-BB01', product: 'Bijzondere bijstand; individueel', pijler: 'PW', categorie: '', voorziening: 'PW-02', leefdomein: 'LD03', financier: 'gemeente' },
];

describe('interchange table files', () => {
  test.each(['producten.csv', 'producten.xlsx'])('products survive a round trip through %s (codes stay text)', async (name) => {
    const file = path.join(tempDir(), name);
    await writeTableFile(file, PRODUCT_COLUMNS, products);
    expect(await readProductFile(file, ref)).toEqual(products);
  });

  test.each(['gebieden.csv', 'gebieden.xlsx'])('areas survive a round trip through %s', async (name) => {
    const file = path.join(tempDir(), name);
    const areas = [
      { postcode: '1011', wijk: 'WK036301', wijknaam: 'Burgwallen', gebied: 'Centrum' },
      { postcode: '1011AB', wijk: 'WK036302', wijknaam: 'Nieuwmarkt', gebied: 'Centrum' },
    ];
    await writeTableFile(file, AREA_COLUMNS, areas);
    expect(await readAreaFile(file)).toEqual(areas);
  });

  test('a missing required column is named', async () => {
    const file = path.join(tempDir(), 'p.csv');
    await writeTableFile(file, ['productcode', 'product', 'pijler'], [{ productcode: '01A01', product: 'x', pijler: 'WMO' }]);
    await expect(readProductFile(file, ref)).rejects.toThrow('p.csv: kolom voorziening, leefdomein ontbreekt');
  });
});
