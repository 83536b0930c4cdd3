import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openCore } from '../host/core.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { acquireWriterLock, LOCK_FILE } from './writerLock.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/wijkmonitor.js');
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const open = (dataDir: string) => openCore({ dataDir, appVersion: 't', dialogs: createScriptedDialogs() });

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

describe('one writer per data folder', () => {
  test('a second writer in the same process is refused with who holds the folder; after closing it may open', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await expect(open(dir)).rejects.toThrow(
      new RegExp(`^De gegevensmap is in gebruik door Wijkmonitor \\(proces ${process.pid}, gestart \\d+ \\w+ \\d{4} (om )?\\d{2}:\\d{2}\\)\\. Sluit dat programma`),
    );
    first.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await open(dir);
    again.close();
  });

  test('a stale lock (its process has ended) or a damaged one is taken over', async () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), gestart: '2026-11-30T08:00:00.000Z', programma: 'Wijkmonitor', computer: hostname() }));
    const core = await open(dir);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, programma: 'Wijkmonitor' });
    core.close();

    writeFileSync(file, '{"pid": 12');
    acquireWriterLock(dir, 'test').release();
    expect(existsSync(file)).toBe(false);
  });

  test('a lock held on another computer (a shared folder) is never taken over', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), gestart: '2026-11-30T08:00:00.000Z', programma: 'Wijkmonitor', computer: 'andere-laptop' }));
    expect(() => acquireWriterLock(dir, 'test')).toThrow(/in gebruik door Wijkmonitor \(proces \d+ op computer andere-laptop, gestart/);
  });

  test('the lock file is readable by the user only', () => {
    const dir = tempDir();
    const lock = acquireWriterLock(dir, 'test');
    expect(readFileSync(lock.file, 'utf8')).toContain(`"pid":${process.pid}`);
    if (process.platform !== 'win32') expect((spawnSync('stat', ['-c', '%a', lock.file], { encoding: 'utf8' }).stdout.trim())).toBe('600');
    lock.release();
  });

  test('a CLI writer (another process) is refused while the app holds the folder, and writes nothing', async () => {
    const dir = tempDir();
    const app = await open(dir);
    const out = path.join(tempDir(), 'voorstel.csv');
    const result = cli(['products', '--data', dir, '--out', out, fixtures.export('GM9903', '2026Q3')]);
    app.close();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Fout: De gegevensmap is in gebruik door Wijkmonitor (proces ${process.pid}, gestart `);
    expect(existsSync(out)).toBe(false);
  });

  test('`wijkmonitor info` beside the app is read-only: it takes no lock and leaves a running import’s staging batch alone', async () => {
    const dir = tempDir();
    const app = await open(dir);
    // What the app's import writes first: a batch marked staging, flipped to klaar only at the end.
    const other = new Database(path.join(dir, 'wijkmonitor.sqlite'));
    other
      .prepare(
        `INSERT INTO import_batch (periode, bestand, grootte, sha256, ingelezen, profiel, sleutel, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit)
         VALUES ('2026Q3', 'export.csv', 1, 'x', '2026-12-01T09:00:00Z', '{}', '0000000000000000', 0, 0, 0, '{}')`,
      )
      .run();
    const info = cli(['info', '--data', dir]);
    expect(info.stderr).toBe('');
    expect(info.status).toBe(0);
    expect(info.stdout).toContain(`In gebruik door: Wijkmonitor (proces ${process.pid})`);
    expect(other.prepare("SELECT count(*) FROM import_batch WHERE status = 'staging'").pluck().get()).toBe(1);
    other.close();
    app.close();
  });

  test('`wijkmonitor info` on a folder without a store creates nothing', () => {
    const dir = tempDir();
    const info = cli(['info', '--data', dir]);
    expect(info.status).toBe(0);
    expect(info.stdout).toContain('(nog geen database)');
    expect(existsSync(path.join(dir, 'wijkmonitor.sqlite'))).toBe(false);
  });
});
