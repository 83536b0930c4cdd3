import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createTestSecrets } from '../testing/testSecrets.ts';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { openCore } from '../host/core.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { readKeyFile } from './keyFile.ts';
import { fingerprint } from './wm1.ts';

const PASS = 'een lange test-wachtwoordzin';

async function keyCore(dataDir = tempDir()) {
  const dialogs = createScriptedDialogs();
  const core = await openCore({ dataDir, appVersion: 't', dialogs, secrets: createTestSecrets() });
  const call = async (name: string, args: unknown = {}) => {
    const response = await core.call(name, args);
    if (!response.ok) throw new Error(response.error.message);
    return response.result as never;
  };
  return { core, dialogs, call, dataDir };
}

describe('the key on this laptop', () => {
  test('create, back up, confirm the backup by a dry-run restore; never replaced by a new one', async () => {
    const { call, dialogs, core, dataDir } = await keyCore();
    expect(await call('key.status')).toEqual({ vingerafdruk: null, aangemaakt: null, backupBevestigd: null, leveringen: [] });
    const created = (await call('key.create')) as { vingerafdruk: string; backupBevestigd: string | null };
    expect(created.vingerafdruk).toMatch(/^[0-9a-f]{16}$/);
    expect(created.backupBevestigd).toBeNull();
    await expect(call('key.create')).rejects.toThrow('Er is al een sleutel.');

    const file = path.join(dataDir, 'backup.wmkey');
    dialogs.queueSave(file);
    expect(await call('key.backup', { passphrase: PASS })).toEqual({ saved: true, path: file });
    expect(fingerprint(await readKeyFile(file, PASS))).toBe(created.vingerafdruk);

    dialogs.queueOpen([file]);
    await expect(call('key.confirmBackup', { passphrase: 'verkeerde wachtwoordzin' })).rejects.toThrow('is onjuist');
    dialogs.queueOpen([file]);
    const confirmed = (await call('key.confirmBackup', { passphrase: PASS })) as { backupBevestigd: string | null };
    expect(confirmed.backupBevestigd).not.toBeNull();
    core.close();
  });

  test('restore on a new laptop; replacing a different key needs consent', async () => {
    const first = await keyCore();
    await first.call('key.create');
    const file = path.join(first.dataDir, 'a.wmkey');
    first.dialogs.queueSave(file);
    await first.call('key.backup', { passphrase: PASS });
    const original = ((await first.call('key.status')) as { vingerafdruk: string }).vingerafdruk;
    first.core.close();

    const laptop = await keyCore();
    laptop.dialogs.queueOpen([file]);
    const restored = (await laptop.call('key.restore', { passphrase: PASS, vervangen: false })) as { vingerafdruk: string; backupBevestigd: string | null };
    expect(restored.vingerafdruk).toBe(original);
    expect(restored.backupBevestigd).not.toBeNull();

    const other = await keyCore();
    await other.call('key.create');
    other.dialogs.queueOpen([file]);
    await expect(other.call('key.restore', { passphrase: PASS, vervangen: false })).rejects.toThrow('Bevestig eerst dat u die wilt vervangen.');
    other.dialogs.queueOpen([file]);
    expect(((await other.call('key.restore', { passphrase: PASS, vervangen: true })) as { vingerafdruk: string }).vingerafdruk).toBe(original);
    laptop.core.close();
    other.core.close();
  });

  test('without a key store (command line) key calls refuse in Dutch', async () => {
    const { call, core } = await openTestCore();
    await expect(call('key.create')).rejects.toThrow('Hier is geen beveiligde sleutelopslag beschikbaar');
    core.close();
  });
});
