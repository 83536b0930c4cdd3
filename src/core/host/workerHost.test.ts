import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { createRecordingSecrets } from '../testing/testSecrets.ts';
import { tempDir } from '../testing/tempDir.ts';
import { latestVersion } from '../store/database.ts';
import { DATABASE_FILE } from './core.ts';
import { startCoreWorker } from './workerHost.ts';

describe('core in a worker thread', () => {
  test('answers calls, relays dialogs to the host and closes cleanly', async () => {
    const dataDir = tempDir();
    const dialogs = createScriptedDialogs();
    const core = startCoreWorker({ dataDir, appVersion: '1.2.3', dialogs });
    expect(await core.ready).toBeNull();
    expect(await core.call('app.info', {})).toEqual({ ok: true, result: { version: '1.2.3', schemaVersion: latestVersion() } });
    await core.call('settings.setEdition', { edition: 'gemeente' });

    const target = path.join(dataDir, 'logboek.csv');
    dialogs.queueSave(target);
    expect(await core.call('audit.export', {})).toEqual({ ok: true, result: { saved: true, path: target } });
    expect(readFileSync(target, 'utf8')).toContain('editie gekozen');
    await core.close();

    expect(await core.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'KERN_GESTOPT' } });
  });

  test('a database from the future is reported as a startup failure, not a crash', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    const core = startCoreWorker({ dataDir, appVersion: '1.0.0', dialogs: createScriptedDialogs() });
    const failure = await core.ready;
    expect(failure).toMatchObject({ code: 'DATABASE_TE_NIEUW' });
    expect(await core.call('settings.get', {})).toEqual({ ok: false, error: failure });
    await core.close();
  });

  test('the host thread zeroes its copies of the key once they are passed on', async () => {
    const secrets = createRecordingSecrets();
    const dataDir = tempDir();
    const dialogs = createScriptedDialogs();
    const core = startCoreWorker({ dataDir, appVersion: '1.0.0', dialogs, secrets });
    expect(await core.ready).toBeNull();
    expect(await core.call('key.create', {})).toMatchObject({ ok: true });
    dialogs.queueSave(path.join(dataDir, 'backup.wmkey'));
    expect(await core.call('key.backup', { passphrase: 'een lange test-wachtwoordzin' })).toMatchObject({ ok: true });
    await core.close();
    const seen = [...secrets.given, ...secrets.handedOut];
    expect(seen).toHaveLength(2);
    expect(seen.every((bytes) => bytes.length === 32 && bytes.every((b) => b === 0))).toBe(true);
  });
});
