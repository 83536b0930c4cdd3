import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { csvChunk } from './csvChunk.ts';

describe('csvChunk', () => {
  test('quotes per RFC 4180 and neutralises formulas, but never numbers', () => {
    expect(csvChunk([['a', 'b;c', 'zeg "hoi"', 'twee\r\nregels', -12.5, '-12.50', '-1-2', '=SOM(A1)', '@x', '+31', '']])).toBe(
      `a;"b;c";"zeg ""hoi""";"twee\r\nregels";-12.5;-12.50;'-1-2;'=SOM(A1);'@x;'+31;\r\n`,
    );
  });

  test('PapaParse reads back exactly what was written (formula prefix aside)', () => {
    const rows = [
      ['client', 'product', 'kosten'],
      ['a1', 'Hulp; "thuis"\nen meer', 12.25],
      ['b2', 'Gewoon', 0],
    ];
    const parsed = Papa.parse<string[]>(csvChunk(rows), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed).toEqual(rows.map((r) => r.map(String)));
  });
});
