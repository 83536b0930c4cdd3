import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore } from '../host/core.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { createRecordingSecrets } from '../testing/testSecrets.ts';
import { openDatabase } from '../store/database.ts';
import { writeKeyFile } from './keyFile.ts';
import { createStoredKey, withPseudonymiser, withStoredKey } from './keyVault.ts';
import { createKey, createPseudonymiser } from './wm1.ts';

const PASS = 'een lange test-wachtwoordzin';
const BSN = '999913141';


const allZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

describe('creating the key', () => {
  test('two key.create calls at once: one key is made, the other call is refused, the first key stays', async () => {
    const secrets = createRecordingSecrets();
    secrets.slow = true;
    const core = await openCore({ dataDir: tempDir(), appVersion: 't', dialogs: createScriptedDialogs(), secrets });
    const [a, b] = await Promise.all([core.call('key.create', {}), core.call('key.create', {})]);
    const outcomes = [a, b];
    expect(outcomes.filter((r) => r.ok)).toHaveLength(1);
    expect(outcomes.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual([
      { code: 'SLEUTEL_BESTAAT', message: 'Er is al een sleutel. Een bestaande sleutel wordt nooit vervangen door een nieuwe.' },
    ]);
    const created = outcomes.find((r) => r.ok) as { ok: true; result: { vingerafdruk: string } };
    // The key the store holds really is the one reported, not a later one written over it.
    const status = await core.call('key.status', {});
    expect(status).toMatchObject({ ok: true, result: { vingerafdruk: created.result.vingerafdruk } });
    core.close();
  });

  test('the database refuses a second key row even when the first check is passed', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    const secrets = createRecordingSecrets();
    secrets.slow = true;
    const results = await Promise.allSettled([createStoredKey(db, secrets), createStoredKey(db, secrets)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const kept = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>).value;
    expect(db.prepare('SELECT vingerafdruk FROM sleutel').pluck().all()).toEqual([kept]);
    db.close();
  });
});

describe('the key in memory lives only as long as the job', () => {
  test('withStoredKey zeroes the key when the job ends, also when it fails', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    const secrets = createRecordingSecrets();
    await createStoredKey(db, secrets);
    let seen: Buffer | null = null;
    await withStoredKey(db, secrets, async (key) => {
      expect(allZero(key)).toBe(false);
      seen = key;
    });
    expect(allZero(seen!)).toBe(true);
    await expect(
      withStoredKey(db, secrets, async () => {
        throw new Error('mislukt');
      }),
    ).rejects.toThrow('mislukt');
    expect(secrets.handedOut).toHaveLength(2);
    expect(secrets.handedOut.every(allZero)).toBe(true);
    db.close();
  });

  test('withPseudonymiser zeroes the key at once and wipes the pseudonymiser at the end', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    const secrets = createRecordingSecrets();
    await createStoredKey(db, secrets);
    let kept: ReturnType<typeof createPseudonymiser> | null = null;
    const pseudonym = await withPseudonymiser(db, secrets, async (p) => {
      expect(secrets.handedOut.every(allZero)).toBe(true);
      kept = p;
      return p.client(BSN);
    });
    expect(pseudonym).toMatch(/^[0-9a-f]{32}$/);
    expect(() => kept!.client(BSN)).toThrow('de sleutel is uit het geheugen gewist');
    db.close();
  });

  test('key.backup through the core leaves no plain key behind', async () => {
    const secrets = createRecordingSecrets();
    const dialogs = createScriptedDialogs();
    const dataDir = tempDir();
    const core = await openCore({ dataDir, appVersion: 't', dialogs, secrets });
    expect((await core.call('key.create', {})).ok).toBe(true);
    dialogs.queueSave(path.join(dataDir, 'backup.wmkey'));
    expect(await core.call('key.backup', { passphrase: PASS })).toMatchObject({ ok: true });
    expect(secrets.handedOut.length).toBeGreaterThan(0);
    expect(secrets.handedOut.every(allZero)).toBe(true);
    core.close();
  });

  test('a wiped pseudonymiser refuses to compute with the zeroed blocks', () => {
    const p = createPseudonymiser(createKey());
    const before = p.client(BSN);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    p.wipe();
    expect(() => p.client(BSN)).toThrow();
    expect(() => p.household({ postcode: '1234AB', huisnummer: '1', toevoeging: '' })).toThrow();
  });
});

describe.skipIf(process.platform === 'win32')('key files', () => {
  test('a .wmkey backup is created readable by the user only', async () => {
    const file = path.join(tempDir(), 'gemeente.wmkey');
    await writeKeyFile(file, createKey(), PASS);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });
});
