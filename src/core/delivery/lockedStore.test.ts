import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createKey } from '../pseudonym/wm1.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { deliverExportFiles } from './deliverExportFiles.ts';

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

const key = createKey();

function deliver(db: Db, out: string, onProgress?: () => void) {
  return deliverExportFiles({
    db,
    key,
    gemeente: { code: 'GM9903', naam: 'Testgemeente' },
    periode: '2026Q3',
    exports: [fixtures.export('GM9903', '2026Q3')],
    productsFile: fixtures.products('GM9903'),
    areasFile: fixtures.areas('GM9903'),
    out,
    appVersion: 'test',
    onProgress,
  });
}

const history = (db: Db) => (db.prepare('SELECT count(*) AS n FROM levering').get() as { n: number }).n;

/** Another program holding the store's write lock, as DB Browser or a second Wijkmonitor would. */
function holdWriteLock(file: string): () => void {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('deliver with the store locked by another connection', () => {
  test('locked from the start: refused at once, naming the lock; no file, no history; a rerun works', async () => {
    const data = tempDir();
    const file = path.join(data, 'wijkmonitor.sqlite');
    const db = await openDatabase(file);
    db.pragma('busy_timeout = 50');
    const out = tempDir();
    const release = holdWriteLock(file);
    await expect(deliver(db, out)).rejects.toThrow(/De database wijkmonitor\.sqlite in .* is vergrendeld door een ander proces.*Er is geen levering geschreven en niets gewijzigd\./);
    release();
    expect(readdirSync(out)).toEqual([]);
    expect(history(db)).toBe(0);
    const result = await deliver(db, out);
    expect(readdirSync(out)).toEqual([path.basename(result.file)]);
    expect(history(db)).toBe(1);
    db.close();
  });

  test('locked while the zip is written: the zip is never put in place and the history stays empty', async () => {
    const data = tempDir();
    const file = path.join(data, 'wijkmonitor.sqlite');
    const db = await openDatabase(file);
    db.pragma('busy_timeout = 50');
    const out = tempDir();
    let release: (() => void) | null = null;
    // The lock is taken after the early check passed: only the final record-and-rename can see it.
    await expect(deliver(db, out, () => (release ??= holdWriteLock(file)))).rejects.toThrow('is vergrendeld door een ander proces');
    expect(release).not.toBeNull();
    release!();
    expect(readdirSync(out)).toEqual([]);
    expect(history(db)).toBe(0);
    // Nothing disagrees, so the rerun is not refused with "bestaat al".
    await deliver(db, out);
    expect(history(db)).toBe(1);
    expect(readdirSync(out)).toEqual(['GM9903_2026Q3_levering.zip']);
    db.close();
  });
});
