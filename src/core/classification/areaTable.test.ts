import { describe, expect, test } from 'vitest';
import { createAreaLookup, validateAreaRows } from './areaTable.ts';

describe('areas', () => {
  const rows = validateAreaRows(
    [
      { row: 2, values: { postcode: '7101', wijk: 'WK990101', wijknaam: 'Centrum', gebied: 'Noord' } },
      { row: 3, values: { postcode: '7101 ab', wijk: '990102', wijknaam: 'Oost', gebied: 'Noord' } },
    ],
    'gebieden.csv',
  );

  test('a PC6 row wins over its PC4 row; bare CBS numbers become WK codes', () => {
    const lookup = createAreaLookup(rows);
    expect(lookup('7101', '7101AB')?.wijk).toBe('WK990102');
    expect(lookup('7101', '7101AC')?.wijk).toBe('WK990101');
    expect(lookup('7101', null)?.wijk).toBe('WK990101');
    expect(lookup('7199', '7199ZZ')).toBeNull();
  });

  test('bad postcodes and duplicates are named by row and column', () => {
    expect(() =>
      validateAreaRows(
        [
          { row: 2, values: { postcode: '0123', wijk: 'WK1' } },
          { row: 3, values: { postcode: '7101', wijk: '' } },
          { row: 4, values: { postcode: '7101', wijk: 'WK2' } },
        ],
        'g.csv',
      ),
    ).toThrow('Gebiedstabel g.csv: rij 2, kolom postcode: geen PC4 (1234) of PC6 (1234AB); rij 3, kolom wijk: wijkcode ontbreekt; rij 4, kolom postcode: komt ook voor in rij 3.');
  });
});
