import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PRODUCT_COLUMNS } from '../classification/productTable.ts';
import { writeTableFile } from '../classification/tableFiles.ts';
import { writeQualityWorkbook } from '../quality/qualityWorkbook.ts';
import { tempDir } from '../testing/tempDir.ts';

/* Every table written for people goes through the privacy scan, like a delivery. */

const product = { productcode: '01A01', product: 'Hulp bij het huishouden', pijler: 'WMO', categorie: '01', voorziening: 'WMO-01', leefdomein: 'LD02', financier: 'gemeente' };

describe('written tables', () => {
  test.each(['csv', 'xlsx'])('a vertaaltabel (.%s) with a BSN in a product name is refused and not written', async (ext) => {
    const dir = tempDir();
    const file = path.join(dir, `vertaaltabel.${ext}`);
    await expect(writeTableFile(file, PRODUCT_COLUMNS, [product, { ...product, productcode: '01A02', product: 'Begeleiding 999.913.141' }])).rejects.toThrow(
      `Tabel niet geschreven door de privacycontrole: vertaaltabel.${ext}, rij 3, kolom product`,
    );
    expect(readdirSync(dir)).toEqual([]);
    await writeTableFile(file, PRODUCT_COLUMNS, [product]);
    expect(existsSync(file)).toBe(true);
  });

  test('with the exports’ BSNs, a code equal to one without its leading zero is refused too', async () => {
    const dir = tempDir();
    const row = { ...product, productcode: '99990004' };
    await writeTableFile(path.join(dir, 'a.csv'), PRODUCT_COLUMNS, [row]);
    await expect(writeTableFile(path.join(dir, 'b.csv'), PRODUCT_COLUMNS, [row], new Set([99990004]))).rejects.toThrow('b.csv, rij 2, kolom productcode');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  test('the quality workbook refuses a column name or title that may be a BSN', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'kwaliteit.xlsx');
    const finding = { bestand: 'export.csv', rij: 2, gegeven: 'kosten' as const, kolom: '999913141', controle: 'ongeldig', uitgesloten: false };
    await expect(writeQualityWorkbook(file, 'Datakwaliteit', [], [finding])).rejects.toThrow('Rapport niet geschreven door de privacycontrole: kwaliteit.xlsx, rij 2, kolom Kolom');
    await expect(writeQualityWorkbook(file, 'Datakwaliteit 999 913 141', [], [])).rejects.toThrow('kolom titel');
    expect(readdirSync(dir)).toEqual([]);
    await writeQualityWorkbook(file, 'Datakwaliteit', [], [{ ...finding, kolom: 'Bedrag' }]);
    expect(existsSync(file)).toBe(true);
  });
});
