import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { packTestStore, PACK_PERIODE } from './packTestKit.ts';

// The analyst edition's pack settings through the core, as the Export screen calls them.
let c: TestCore;
beforeAll(async () => {
  const dir = tempDir('wm-pack-settings-');
  (await packTestStore(dir)).close();
  c = await openTestCore(dir);
}, 60_000);
afterAll(() => c?.core.close());

describe('central.packSettings and central.setPackSetting', () => {
  test('lists the approved gemeenten of the period, voorlopig without toelichting until set', async () => {
    const rows = await c.call('central.packSettings', { periode: PACK_PERIODE });
    expect(rows.map((r) => [r.gemeente, r.status, r.toelichting, r.gewijzigd])).toEqual([
      ['GM9901', 'voorlopig', '', null],
      ['GM9902', 'voorlopig', '', null],
    ]);
    expect(rows[0]!.akkoord).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0]!.gemeentenaam).toBe('Testgemeente 9901');
    expect(await c.call('central.packSettings', { periode: '2025Q1' })).toEqual([]);
  });

  test('stores status and toelichting per gemeente; refuses a gemeente without akkoord and a wrong status', async () => {
    const set = await c.call('central.setPackSetting', { gemeente: 'GM9902', periode: PACK_PERIODE, status: 'definitief', toelichting: 'Wijk West: nieuwe aanbieder sinds april.' });
    expect(set).toMatchObject({ gemeente: 'GM9902', status: 'definitief', toelichting: 'Wijk West: nieuwe aanbieder sinds april.' });
    expect(set.gewijzigd).not.toBeNull();
    const rows = await c.call('central.packSettings', { periode: PACK_PERIODE });
    expect(rows.find((r) => r.gemeente === 'GM9901')).toMatchObject({ status: 'voorlopig', toelichting: '' });
    expect(rows.find((r) => r.gemeente === 'GM9902')).toMatchObject({ status: 'definitief', toelichting: 'Wijk West: nieuwe aanbieder sinds april.' });
    await expect(c.call('central.setPackSetting', { gemeente: 'GM9903', periode: PACK_PERIODE, status: 'definitief', toelichting: '' })).rejects.toThrow('GM9903 zit niet in de release van 2026Q2');
    await expect(c.call('central.setPackSetting', { gemeente: 'GM9902', periode: PACK_PERIODE, status: 'klaar' as never, toelichting: '' })).rejects.toThrow();
    expect((await c.call('central.packSettings', { periode: PACK_PERIODE })).find((r) => r.gemeente === 'GM9902')!.status).toBe('definitief');
  });

  test('a pack uses the stored setting; Toon in map shows only a pack this session wrote', async () => {
    await expect(c.call('central.packShowInFolder', { gemeente: 'GM9902' })).rejects.toThrow('Van GM9902 is in deze sessie geen pakket gemaakt.');
    const out = tempDir('wm-pack-settings-out-');
    c.dialogs.queueSave(out);
    const result = await c.call('central.pack', { periode: PACK_PERIODE, gemeenten: ['GM9902', 'GM9903'], jobId: 'pack-1' });
    if (!result.saved) throw new Error('niet opgeslagen');
    const [made, refused] = result.gemeenten;
    expect(made).toMatchObject({ gemeente: 'GM9902', ok: true, setting: { status: 'definitief', toelichting: 'Wijk West: nieuwe aanbieder sinds april.' } });
    expect(refused).toMatchObject({ gemeente: 'GM9903', ok: false, fout: expect.stringContaining('GM9903 zit niet in de release') });
    await c.call('central.packShowInFolder', { gemeente: 'GM9902' });
    expect(c.desktop.shown).toEqual([path.join(out, `GM9902_${PACK_PERIODE}_pakket.xlsx`)]);
    await expect(c.call('central.packShowInFolder', { gemeente: 'GM9903' })).rejects.toThrow('geen pakket gemaakt');
  }, 240_000);
});
