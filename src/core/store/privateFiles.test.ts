import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../testing/tempDir.ts';
import { openDatabase } from './database.ts';
import { migrations } from './migrations.ts';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

// Mode bits are what protects the store on Linux and macOS; on Windows the profile's ACL does.
describe.skipIf(process.platform === 'win32')('the store is private to the user', () => {
  test('data folder 0700; the database and its -wal and -shm files 0600', async () => {
    const dir = path.join(tempDir(), 'Wijkmonitor');
    const file = path.join(dir, 'wijkmonitor.sqlite');
    const db = await openDatabase(file);
    db.prepare("INSERT INTO settings (key, value) VALUES ('edition', 'gemeente')").run();
    expect(mode(dir)).toBe('700');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, mode(f)]).toEqual([f, '600']);
    db.close();
  });

  test('an existing database readable by others is narrowed to 0600', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    (await openDatabase(file)).close();
    chmodSync(file, 0o644);
    const db = await openDatabase(file);
    expect(mode(file)).toBe('600');
    db.close();
  });

  test('a backup taken before migrating is 0600 in a 0700 folder', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wijkmonitor.sqlite');
    (await openDatabase(file, { migrations: migrations.slice(0, 1) })).close();
    (await openDatabase(file)).close();
    const backups = path.join(dir, 'backups');
    expect(mode(backups)).toBe('700');
    const [copy] = readdirSync(backups);
    expect(mode(path.join(backups, copy!))).toBe('600');
  });
});
