import { describe, expect, test } from 'vitest';
import { classificationCodes } from '../classification/classificationCodes.ts';
import { IMPORT_FIELDS } from '../import/mapping/fields.ts';
import { loadReferenceTables } from './referenceTables.ts';

describe('reference tables in resources/', () => {
  const tables = loadReferenceTables();

  test('hold the ten leefdomeinen and every iWmo/iJw category as a voorzieningsoort', () => {
    expect(tables.leefdomeinen.map((l) => l.code)).toEqual(Array.from({ length: 10 }, (_, i) => `LD${String(i + 1).padStart(2, '0')}`));
    const codes = new Set(tables.voorzieningsoorten.map((v) => v.code));
    for (let c = 1; c <= 18; c++) expect(codes).toContain(`WMO-${String(c).padStart(2, '0')}`);
    for (let c = 40; c <= 55; c++) expect(codes).toContain(`JW-${c}`);
    for (const own of ['PW-01', 'SHV-01', 'WSW-01', 'LLV-01', 'SO-01']) expect(codes).toContain(own);
  });

  test('are consistent: every default leefdomein and pijler exists', () => {
    const leefdomeinen = new Set(tables.leefdomeinen.map((l) => l.code));
    const pijlers = new Set(tables.pijlers.map((p) => p.code));
    for (const v of tables.voorzieningsoorten) {
      expect(leefdomeinen, v.code).toContain(v.leefdomein);
      expect(pijlers, v.code).toContain(v.pijler);
    }
  });

  test('give each leefdomein its number as a synonym and list the financiers of DOMAIN.md', () => {
    tables.leefdomeinen.forEach((l, i) => expect(l.synoniemen, l.code).toContain(String(i + 1)));
    expect(tables.financiers.map((f) => f.naam)).toEqual(['Gemeente', 'Zorgverzekeraar', 'Wlz-uitvoerder', 'UWV', 'Overig']);
    // No text may mean two codes of one list (the lookup refuses to build then).
    expect(() => classificationCodes(tables)).not.toThrow();
  });

  test('name each import field once, with the required ones marked', () => {
    const names = tables.velden.map((v) => v.veld);
    expect(names).toEqual([...IMPORT_FIELDS]);
    expect(tables.velden.filter((v) => v.verplicht).map((v) => v.veld)).toEqual(['bsn', 'productcode', 'begindatum']);
  });
});
