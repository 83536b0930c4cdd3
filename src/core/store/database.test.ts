import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { UserError } from '../errors.ts';
import { tempDir } from '../testing/tempDir.ts';
import { latestVersion, openDatabase } from './database.ts';
import { migrations, type Migration } from './migrations.ts';

describe('openDatabase', () => {
  test('creates a new store in WAL mode with foreign keys and every migration applied', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    const db = await openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['audit_log', 'benchmark', 'benchmark_cijfer', 'benchmark_wijk', 'bevinding', 'gebied', 'import_batch', 'kwaliteit_akkoord', 'lasten', 'levering', 'product', 'profiel', 'programmering', 'settings', 'sleutel', 'voorziening', 'wijkkaart']);
    db.close();
  });

  test('refuses a database from a newer version and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    const future = new Database(file);
    future.pragma(`user_version = ${latestVersion() + 5}`);
    future.exec('CREATE TABLE uit_de_toekomst (x INTEGER)');
    future.close();
    const before = readFileSync(file);

    const opening = openDatabase(file);
    await expect(opening).rejects.toBeInstanceOf(UserError);
    await expect(opening).rejects.toThrow(/nieuwere versie van Wijkmonitor.*niet gewijzigd/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('backs up an existing database before migrating it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wijkmonitor.sqlite');
    const v1 = await openDatabase(file, { migrations: migrations.slice(0, 1) });
    v1.prepare("INSERT INTO settings (key, value) VALUES ('gemeente_code', 'GM9901')").run();
    v1.close();

    const next: Migration = { version: 2, name: 'test', up: (db) => db.exec('CREATE TABLE extra (x INTEGER)') };
    const now = () => new Date('2026-11-23T10:00:00Z');
    const v2 = await openDatabase(file, { migrations: [...migrations.slice(0, 1), next], now });
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    v2.close();

    const backups = readdirSync(path.join(dir, 'backups'));
    expect(backups).toEqual(['wijkmonitor-v1-2026-11-23T10-00-00-000Z.sqlite']);
    const copy = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT value FROM settings').pluck().get()).toBe('GM9901');
    copy.close();
  });

  test('a failing migration leaves the schema version where it was', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    (await openDatabase(file, { migrations: migrations.slice(0, 1) })).close();
    const broken: Migration = {
      version: 2,
      name: 'kapot',
      up: (db) => {
        db.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('boom');
      },
    };
    await expect(openDatabase(file, { migrations: [...migrations.slice(0, 1), broken] })).rejects.toThrow('boom');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  test('a new database is not backed up (there is nothing to lose)', async () => {
    const dir = tempDir();
    (await openDatabase(path.join(dir, 'wijkmonitor.sqlite'))).close();
    expect(readdirSync(dir)).not.toContain('backups');
  });
});
