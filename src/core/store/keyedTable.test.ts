import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../testing/tempDir.ts';
import { openDatabase } from './database.ts';
import { keyedTable } from './keyedTable.ts';

type Row = { jaar: number; code: string; waarde: number | null; notitie: string };

async function store() {
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  db.exec('CREATE TABLE proef (jaar INTEGER NOT NULL, code TEXT NOT NULL, waarde REAL, notitie TEXT NOT NULL, PRIMARY KEY (jaar, code))');
  return { db, table: keyedTable<Row, 'jaar' | 'code'>('proef', ['jaar', 'code', 'waarde', 'notitie'], ['jaar', 'code']) };
}

describe('a table edited row by row', () => {
  test('lists by key, or one key value; replaces whole', async () => {
    const { db, table } = await store();
    table.replace(db, [
      { jaar: 2027, code: 'A', waarde: 1, notitie: '' },
      { jaar: 2026, code: 'B', waarde: null, notitie: 'x' },
      { jaar: 2026, code: 'A', waarde: 3, notitie: '' },
    ]);
    expect(table.list(db).map((r) => `${r.jaar}${r.code}`)).toEqual(['2026A', '2026B', '2027A']);
    expect(table.list(db, { column: 'jaar', value: 2027 })).toEqual([{ jaar: 2027, code: 'A', waarde: 1, notitie: '' }]);
    table.replace(db, [{ jaar: 2030, code: 'Z', waarde: 0, notitie: '' }]);
    expect(table.list(db)).toEqual([{ jaar: 2030, code: 'Z', waarde: 0, notitie: '' }]);
  });

  test('an import that fails halfway leaves the table as it was', async () => {
    const { db, table } = await store();
    table.replace(db, [{ jaar: 2026, code: 'A', waarde: 1, notitie: '' }]);
    const twice = { jaar: 2026, code: 'B', waarde: 2, notitie: '' };
    expect(() => table.replace(db, [twice, twice])).toThrow(/UNIQUE/);
    expect(table.list(db)).toEqual([{ jaar: 2026, code: 'A', waarde: 1, notitie: '' }]);
  });

  test('a row with a key already there gets its other columns; delete says whether there was one', async () => {
    const { db, table } = await store();
    table.upsert(db, { jaar: 2026, code: 'A', waarde: 1, notitie: 'eerst' });
    table.upsert(db, { jaar: 2026, code: 'A', waarde: null, notitie: 'daarna' });
    table.upsert(db, { jaar: 2026, code: 'B', waarde: 5, notitie: '' });
    expect(table.list(db)).toEqual([
      { jaar: 2026, code: 'A', waarde: null, notitie: 'daarna' },
      { jaar: 2026, code: 'B', waarde: 5, notitie: '' },
    ]);
    expect(table.delete(db, { jaar: 2026, code: 'A' })).toBe(true);
    expect(table.delete(db, { jaar: 2026, code: 'A' })).toBe(false);
    expect(table.list(db).map((r) => r.code)).toEqual(['B']);
  });
});
