import { catalogueMigrations } from './catalogueMigrations.ts';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { openDuckDb, duckTempDir } from './duckdb.ts';
import { openCentralStore, recordsPath } from './centralStore.ts';

describe('central store', () => {
  test('creates the catalogue with its schema and reopens it', async () => {
    const dir = tempDir();
    const store = await openCentralStore(dir);
    const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['levering', 'gemeente', 'akkoord', 'cbs_regio', 'cbs_kenmerk', 'cbs_pc6', 'bron_cijfer', 'geo_gebied', 'referentiegroep', 'referentiegroep_wijk', 'levering_lasten', 'pakket_status']));
    store.close();
    const again = await openCentralStore(dir);
    expect(again.db.pragma('user_version', { simple: true })).toBe(catalogueMigrations.at(-1)!.version);
    again.close();
  });

  test('a refused delivery has no records file, an accepted one must have one', async () => {
    const store = await openCentralStore(tempDir());
    const insert = store.db.prepare("INSERT INTO levering (bestand, sha256, ontvangen, status, parquet) VALUES ('x.zip', 'ab', '2026-01-01', ?, ?)");
    expect(() => insert.run('geweigerd', 'records/x.parquet')).toThrow(/CHECK/);
    expect(() => insert.run('actueel', null)).toThrow(/CHECK/);
    store.close();
  });

  test('records live in hive-partitioned folders', () => {
    expect(recordsPath('2026Q3', 'GM9901', 'abcdef0123456789')).toBe('records/periode=2026Q3/gemeente=GM9901/abcdef012345.parquet');
  });

  test('DuckDB never loads an extension on its own', async () => {
    const duck = await openDuckDb({ tempDir: duckTempDir(tempDir()) });
    const reader = await duck.connection.runAndReadAll(
      "SELECT current_setting('autoinstall_known_extensions') AS i, current_setting('autoload_known_extensions') AS l",
    );
    expect(reader.getRowObjects()).toEqual([{ i: false, l: false }]);
    duck.close();
  });
});
