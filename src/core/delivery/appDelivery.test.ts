import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ImportPreview } from '../../shared/api.ts';
import { openCore } from '../host/core.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { createRecordingSecrets } from '../testing/testSecrets.ts';
import { deliveryFiles } from './deliveryTestKit.ts';
import { verifyDelivery } from './verifyDelivery.ts';

const PASS = 'een lange test-wachtwoordzin';

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});


/** The app's whole gemeente flow through the core's handlers, as the screens call them. */
async function appWithImport() {
  const dataDir = tempDir();
  const dialogs = createScriptedDialogs();
  const secrets = createRecordingSecrets();
  const core = await openCore({ dataDir, appVersion: 't', dialogs, secrets });
  const call = async <T>(name: string, args: unknown = {}): Promise<T> => {
    const response = await core.call(name, args);
    if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
    return response.result as T;
  };
  await call('settings.setEdition', { edition: 'gemeente' });
  await call('settings.setGemeente', { code: 'GM9903', naam: 'Testgemeente' });
  await call('key.create');
  const backup = path.join(dataDir, 'backup.wmkey');
  dialogs.queueSave(backup);
  await call('key.backup', { passphrase: PASS });
  dialogs.queueOpen([backup]);
  await call('key.confirmBackup', { passphrase: PASS });
  dialogs.queueOpen([fixtures.products('GM9903')]);
  await call('products.import');
  dialogs.queueOpen([fixtures.areas('GM9903')]);
  await call('areas.import');
  dialogs.queueOpen([fixtures.export('GM9903', '2026Q3')]);
  const [chosen] = await call<{ id: string }[]>('import.chooseFiles');
  const preview = await call<ImportPreview>('import.preview', { bestandId: chosen!.id });
  const handedOutBeforeImport = secrets.handedOut.length;
  await call('import.run', { jobId: 'import-1', bestandId: chosen!.id, periode: '2026Q3', lezer: preview.lezer, kolommen: preview.kolommen, decimaal: preview.decimaal });
  expect(secrets.handedOut.length).toBeGreaterThan(handedOutBeforeImport);
  await call('quality.acknowledge', { periode: '2026Q3' });
  return { core, call, dialogs, secrets, dataDir };
}

describe('the app’s import and delivery (handlers)', () => {
  test('every plain key handed out for the import and the delivery is zeroed when the job ends', async () => {
    const { core, call, dialogs, secrets } = await appWithImport();
    const out = path.join(tempDir(), 'GM9903_2026Q3_levering.zip');
    dialogs.queueSave(out);
    expect(await call('delivery.write', { periode: '2026Q3', jobId: 'levering-1' })).toMatchObject({ saved: true, path: out });
    expect(await verifyDelivery(out)).toMatchObject({ ok: true });
    expect(await call<unknown[]>('delivery.history')).toHaveLength(1);
    core.close();
    expect(secrets.handedOut.length).toBeGreaterThanOrEqual(3);
    expect(secrets.handedOut.every((bytes) => bytes.every((b) => b === 0))).toBe(true);
  });

  test('delivery.write with the store locked by another program: no file, no history, the lock named', async () => {
    const { core, call, dialogs, dataDir } = await appWithImport();
    const folder = tempDir();
    const out = path.join(folder, 'GM9903_2026Q3_levering.zip');
    const other = new Database(path.join(dataDir, 'wijkmonitor.sqlite'), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    dialogs.queueSave(out);
    const started = Date.now();
    const response = await core.call('delivery.write', { periode: '2026Q3', jobId: 'levering-1' });
    other.exec('ROLLBACK');
    other.close();
    expect(response).toMatchObject({ ok: false, error: { code: 'DATABASE_VERGRENDELD' } });
    expect(!response.ok && response.error.message).toContain('is vergrendeld door een ander proces');
    // Refused before the work, after the store's own 5 s wait, not after writing the zip.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readdirSync(folder)).toEqual([]);
    expect(await call<unknown[]>('delivery.history')).toHaveLength(0);
    dialogs.queueSave(out);
    expect(await call('delivery.write', { periode: '2026Q3', jobId: 'levering-2' })).toMatchObject({ saved: true });
    expect(existsSync(out)).toBe(true);
    expect(await call<unknown[]>('delivery.history')).toHaveLength(1);
    core.close();
  });
});

describe('the store’s vertaaltabel as the code lists read it today', () => {
  test('a financier an older version stored as free text is delivered as its code, an unknown one refuses the delivery', async () => {
    const { core, call, dialogs, dataDir } = await appWithImport();
    // What an older version let an edit store: the financier as typed.
    const older = new Database(path.join(dataDir, 'wijkmonitor.sqlite'));
    const [first, second] = older.prepare('SELECT productcode FROM product ORDER BY productcode LIMIT 2').pluck().all() as string[];
    older.prepare("UPDATE product SET financier = 'Wet langdurige zorg' WHERE productcode = ?").run(first);
    const out = path.join(tempDir(), 'GM9903_2026Q3_levering.zip');
    dialogs.queueSave(out);
    expect(await call('delivery.write', { periode: '2026Q3', jobId: 'levering-1' })).toMatchObject({ saved: true });
    const producten = (await deliveryFiles(out)).get('producten.csv')!;
    expect(producten.split('\n').find((line) => line.startsWith(`${first};`))).toMatch(/;wlz-uitvoerder\r?$/);

    older.prepare("UPDATE product SET financier = 'de pot van de wethouder' WHERE productcode = ?").run(second);
    older.close();
    const refused = path.join(tempDir(), 'GM9903_2026Q3_levering.zip');
    dialogs.queueSave(refused);
    await expect(call('delivery.write', { periode: '2026Q3', jobId: 'levering-2' })).rejects.toThrow(/de vertaaltabel in Producten.*rij 2, kolom financier: onbekende financier/);
    expect(existsSync(refused)).toBe(false);
    core.close();
  });
});
