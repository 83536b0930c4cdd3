import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { UserError } from '../errors.ts';
import { openCore } from '../host/core.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { openDatabase, openDatabaseReadOnly } from './database.ts';
import { storeFailureKind } from './storeFailure.ts';

const rejection = async (opening: Promise<unknown>) => {
  try {
    await opening;
  } catch (error) {
    return error as UserError;
  }
  throw new Error('expected the store to be refused');
};

describe('storeFailureKind', () => {
  test.each([
    ['SQLITE_CORRUPT', 'beschadigd'],
    ['SQLITE_CORRUPT_INDEX', 'beschadigd'],
    ['SQLITE_NOTADB', 'beschadigd'],
    ['SQLITE_BUSY', 'vergrendeld'],
    ['SQLITE_BUSY_SNAPSHOT', 'vergrendeld'],
    ['SQLITE_LOCKED', 'vergrendeld'],
    ['SQLITE_READONLY', 'alleen-lezen'],
    ['SQLITE_READONLY_DIRECTORY', 'alleen-lezen'],
    ['EROFS', 'alleen-lezen'],
    ['EACCES', 'alleen-lezen'],
    ['SQLITE_CANTOPEN', 'niet-te-openen'],
    ['SQLITE_CONSTRAINT', null],
    ['SQLITE_FULL', 'vol'],
    ['SQLITE_IOERR_WRITE', 'vol'],
    ['ENOSPC', 'vol'],
    ['ENOENT', 'niet-te-openen'],
    ['ECONNRESET', null],
  ])('%s → %s', (code, kind) => {
    expect(storeFailureKind(Object.assign(new Error('x'), { code }))).toBe(kind);
  });

  test('no code, or no error at all, is not a store failure', () => {
    expect(storeFailureKind(new Error('x'))).toBeNull();
    expect(storeFailureKind('SQLITE_BUSY')).toBeNull();
  });
});

describe('opening a store that cannot be used names the file and the reason', () => {
  test('a file that is not a database is "beschadigd" and is left as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wijkmonitor.sqlite');
    writeFileSync(file, 'dit is geen database, maar een tekstbestand dat zo heet'.repeat(100));
    const before = readFileSync(file);
    const error = await rejection(openDatabase(file));
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('DATABASE_BESCHADIGD');
    expect(error.message).toContain(`De database wijkmonitor.sqlite in ${dir} is beschadigd`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('a database whose pages are damaged is "beschadigd" too', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    (await openDatabase(file)).close();
    const bytes = readFileSync(file);
    // Keep the header (so SQLite recognises the file) and overwrite the schema page.
    bytes.fill(0xa5, 100, bytes.length);
    writeFileSync(file, bytes);
    const error = await rejection(openDatabase(file));
    expect(error.code).toBe('DATABASE_BESCHADIGD');
  });

  test('a database held by another connection is "vergrendeld", named as a lock', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wijkmonitor.sqlite');
    (await openDatabase(file)).close();
    // Another program with the database open in rollback mode and an exclusive lock.
    const other = new Database(file);
    other.pragma('journal_mode = DELETE');
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    const opening = openDatabase(file, { busyTimeoutMs: 50 });
    const error = await rejection(opening);
    other.exec('ROLLBACK');
    other.close();
    expect(error.code).toBe('DATABASE_VERGRENDELD');
    expect(error.message).toContain('is vergrendeld door een ander proces');
  });

  test('a store opened read-only refuses writes as "alleen-lezen"', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    (await openDatabase(file)).close();
    const db = openDatabaseReadOnly(file)!;
    let caught: unknown;
    try {
      db.prepare("INSERT INTO settings (key, value) VALUES ('edition', 'gemeente')").run();
    } catch (error) {
      caught = error;
    }
    db.close();
    expect(storeFailureKind(caught)).toBe('alleen-lezen');
  });

  test('a data folder that cannot be made (a file is in the way) is named, not an internal error', async () => {
    const blocker = path.join(tempDir(), 'Wijkmonitor');
    writeFileSync(blocker, '');
    const error = await rejection(openCore({ dataDir: path.join(blocker, 'gegevens'), appVersion: 't', dialogs: createScriptedDialogs() }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('DATABASE_NIET_TE_OPENEN');
    expect(error.message).toContain(`De gegevensmap ${path.join(blocker, 'gegevens')} kan niet worden gemaakt of geopend`);
  });

  test('the app’s start-up reports a locked data folder with its own code', async () => {
    const dir = tempDir();
    const first = await openCore({ dataDir: dir, appVersion: 't', dialogs: createScriptedDialogs() });
    const error = await rejection(openCore({ dataDir: dir, appVersion: 't', dialogs: createScriptedDialogs() }));
    first.close();
    expect(error.code).toBe('GEGEVENSMAP_IN_GEBRUIK');
  });
});
