import { describe, expect, test } from 'vitest';
import { deliveryColumns, deliveryValue } from './deliveryColumns.ts';

describe('delivery preview in words', () => {
  test('geslacht as man/vrouw, dates and amounts the Dutch way, codes otherwise as written', () => {
    expect(['1', '2', '0'].map((v) => deliveryValue('geslacht', v))).toEqual(['man', 'vrouw', 'onbekend']);
    expect(deliveryValue('begindatum', '2026-07-01')).toBe('01-07-2026');
    expect(deliveryValue('einddatum', '')).toBe('');
    expect(deliveryValue('kosten', '1234.5')).toBe('€\u00a01.234,50');
    expect(deliveryValue('wijk', 'WK990101')).toBe('WK990101');
  });
  test('every contract column has a Dutch header; the file name of the column is in its tooltip', () => {
    const columns = ['client', 'huishouden', 'leeftijd', 'geslacht', 'pc4', 'wijk', 'gebied', 'pijler', 'productcode', 'product', 'categorie', 'voorziening', 'leefdomein', 'financier', 'begindatum', 'einddatum', 'aanbieder', 'aanbieder_naam', 'volume', 'eenheid', 'frequentie', 'kosten', 'verwijzer', 'reden_einde', 'aanvraagdatum'];
    const defs = deliveryColumns(columns, [columns.map(() => '')]);
    for (const [i, def] of defs.entries()) {
      expect(def.headerName, columns[i]).not.toBe(columns[i]);
      expect(def.headerTooltip).toBe(`Kolom ${columns[i]} in voorzieningen.csv`);
    }
    expect(defs.find((d) => d.colId === 'aanbieder_naam')!.headerName).toBe('Naam aanbieder');
  });
});
