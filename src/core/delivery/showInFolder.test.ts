import { renameSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DeliveryRecordSummary } from '../../shared/api.ts';
import { createCore, type Core } from '../host/core.ts';
import { createKey } from '../pseudonym/wm1.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { migrations } from '../store/migrations.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { createScriptedDesktop, type ScriptedDesktop } from '../testing/scriptedDesktop.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { deliverExportFiles } from './deliverExportFiles.ts';

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

async function call(core: Core, name: string, args: unknown = {}) {
  const response = await core.call(name, args);
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result;
}

async function storeWithDelivery(): Promise<{ db: Db; core: Core; desktop: ScriptedDesktop; out: string }> {
  const dir = tempDir();
  const db = await openDatabase(path.join(dir, 'wijkmonitor.sqlite'));
  const desktop = createScriptedDesktop();
  const core = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs(), desktop });
  const result = await deliverExportFiles({
    db,
    key: createKey(),
    gemeente: { code: 'GM9903', naam: 'Maasvoorde' },
    periode: '2026Q3',
    exports: [fixtures.export('GM9903', '2026Q3')],
    productsFile: fixtures.products('GM9903'),
    areasFile: fixtures.areas('GM9903'),
    out: dir,
    appVersion: 't',
  });
  return { db, core, desktop, out: result.file };
}

describe('delivery.showInFolder', () => {
  test('shows the written delivery in its folder, by the history’s id; the history itself holds no path', async () => {
    const { core, desktop, out } = await storeWithDelivery();
    const history = (await call(core, 'delivery.history')) as DeliveryRecordSummary[];
    expect(history).toHaveLength(1);
    expect(JSON.stringify(history)).not.toContain(path.dirname(out));
    await call(core, 'delivery.showInFolder', { id: history[0]!.id });
    expect(desktop.shown).toEqual([out]);
    core.close();
  });

  test('says so in Dutch when the file was moved, and asks the desktop nothing', async () => {
    const { core, desktop, out } = await storeWithDelivery();
    const [entry] = (await call(core, 'delivery.history')) as DeliveryRecordSummary[];
    renameSync(out, `${out}.verplaatst`);
    await expect(call(core, 'delivery.showInFolder', { id: entry!.id })).rejects.toThrow(
      `LEVERING_NIET_GEVONDEN: GM9903_2026Q3_levering.zip staat niet meer in ${path.dirname(out)}. Het bestand is verplaatst, hernoemd of verwijderd.`,
    );
    await expect(call(core, 'delivery.showInFolder', { id: entry!.id + 1 })).rejects.toThrow('LEVERING_ONBEKEND: Deze levering staat niet in de geschiedenis.');
    await expect(call(core, 'delivery.showInFolder', { id: '../../etc' })).rejects.toThrow(/^ONGELDIGE_INVOER/);
    expect(desktop.shown).toEqual([]);
    core.close();
  });

  test('a delivery recorded before this version has no folder, and says so', async () => {
    const file = path.join(tempDir(), 'wijkmonitor.sqlite');
    const before = await openDatabase(file, { migrations: migrations.slice(0, 6) });
    before
      .prepare("INSERT INTO levering (periode, gemeentecode, bestand, aangemaakt, rijen, sha256, sleutel) VALUES ('2026Q2', 'GM9903', 'GM9903_2026Q2_levering.zip', '2026-07-01T08:00:00Z', 10, 'ab', 'f00fc7e26609d4ce')")
      .run();
    before.close();
    const db = await openDatabase(file);
    const core = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs(), desktop: createScriptedDesktop() });
    const [old] = (await call(core, 'delivery.history')) as DeliveryRecordSummary[];
    expect(old).toMatchObject({ periode: '2026Q2', bestand: 'GM9903_2026Q2_levering.zip' });
    await expect(call(core, 'delivery.showInFolder', { id: old!.id })).rejects.toThrow(
      'MAP_ONBEKEND: Van GM9903_2026Q2_levering.zip is niet bewaard in welke map het staat: het is gemaakt met een eerdere versie van Wijkmonitor.',
    );
    core.close();
  });

  test('on the command line (no window) it refuses instead of failing inside', async () => {
    const { db, out } = await storeWithDelivery();
    const cli = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs() });
    const [entry] = (await call(cli, 'delivery.history')) as DeliveryRecordSummary[];
    expect(out).toBeTruthy();
    await expect(call(cli, 'delivery.showInFolder', { id: entry!.id })).rejects.toThrow('GEEN_VENSTER: Een map openen kan alleen in het venster van Wijkmonitor.');
    cli.close();
  });
});
