import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore } from '../../host/core.ts';
import { createScriptedDesktop } from '../../testing/scriptedDesktop.ts';
import { createScriptedDialogs } from '../../testing/scriptedDialogs.ts';
import { createTestSecrets } from '../../testing/testSecrets.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { wmo301 } from './testMessages.ts';

/** A gemeente edition's core with a key, and a call that throws the Dutch message of a refusal. */
async function gemeenteCore() {
  const dataDir = tempDir();
  const dialogs = createScriptedDialogs();
  const desktop = createScriptedDesktop();
  const core = await openCore({ dataDir, appVersion: '0.0.0-test', dialogs, desktop, secrets: createTestSecrets() });
  const call = async <T,>(name: string, args: unknown = {}): Promise<T> => {
    const response = await core.call(name as never, args as never);
    if (!response.ok) throw new Error(response.error.message);
    return response.result as T;
  };
  await call('settings.setEdition', { edition: 'gemeente' });
  await call('key.create');
  return { core, call, dialogs, desktop, dataDir };
}

/* The Importeren screen's message calls: choose, preview without a BSN, import into the store. */
describe('import.chooseBerichten / berichtenPreview / berichtenRun', () => {
  test('a chosen message previews its voorziening and is stored with the stored key', async () => {
    const { core, call, dialogs, dataDir } = await gemeenteCore();
    try {
      const dir = path.join(dataDir, 'berichten');
      mkdirSync(dir);
      const file = path.join(dir, 'WMO301_1.xml');
      writeFileSync(file, wmo301({
        gemeente: '9901', aanbieder: '12345678', id: 'H1', dagtekening: '2026-07-01',
        client: { bsn: '999900080', geboortedatum: '1970-01-01', geslacht: '2', postcode: '9901AB', huisnummer: '4' },
        toewijzingen: [{ nummer: '21', categorie: '01', code: '01A01', datum: '2026-07-01', tijd: '08:00:00', ingangsdatum: '2026-07-01', volume: 3, eenheid: '04', frequentie: '2' }],
      }));
      dialogs.queueOpen([file]);
      const chosen = await call<{ id: string; naam: string }[]>('import.chooseBerichten');
      expect(chosen.map((c) => c.naam)).toEqual(['WMO301_1.xml']);
      const preview = await call<Record<string, unknown>>('import.berichtenPreview', { bestandIds: [chosen[0]!.id], periode: '2026Q3' });
      expect(preview).toMatchObject({ berichten: { WMO301: 1 }, ongeldig: 0, aantal: 1, meldingen: [] });
      expect(preview.voorzieningen).toEqual([{ gemeente: '9901', toewijzingnummer: '21', standaard: 'iwmo', categorie: '01', productcode: '01A01', begindatum: '2026-07-01', einddatum: null, aanbieder: '12345678', kosten: null, bestand: 'WMO301_1.xml' }]);
      expect(JSON.stringify(preview)).not.toContain('999900080');
      const result = await call<{ rijenIngelezen: number; bevindingen: { controle: string }[] }>('import.berichtenRun', { jobId: 'b1', bestandIds: [chosen[0]!.id], periode: '2026Q3' });
      expect(result.rijenIngelezen).toBe(1);
      expect(result.bevindingen.map((b) => b.controle)).toEqual(['geen_startbericht']);
      expect(await call<string[]>('import.periods')).toContain('2026Q3');
    } finally {
      core.close();
    }
  }, 60_000);

  test('a dropped folder of messages becomes the messages in it, previewed together', async () => {
    const { core, call, desktop } = await gemeenteCore();
    try {
      const archive = path.join(tempDir(), 'berichtenverkeer');
      mkdirSync(path.join(archive, 'juli'), { recursive: true });
      const client = { bsn: '999900080', geboortedatum: '1970-01-01', geslacht: '2', postcode: '9901AB', huisnummer: '4' } as const;
      const message = (id: string, nummer: string) =>
        wmo301({ gemeente: '9901', aanbieder: '12345678', id, dagtekening: '2026-07-01', client, toewijzingen: [{ nummer, categorie: '01', code: '01A01', datum: '2026-07-01', tijd: '08:00:00', ingangsdatum: '2026-07-01', volume: 3, eenheid: '04', frequentie: '2' }] });
      writeFileSync(path.join(archive, 'juli', 'WMO301_1.xml'), message('H1', '21'));
      writeFileSync(path.join(archive, 'WMO301_2.xml'), message('H2', '22'));
      writeFileSync(path.join(archive, 'notities.docx'), 'geen bericht');
      const dropped = await call<{ bestanden: { id: string; naam: string }[]; geweigerd: string[] }>('import.dropFiles', { drop: desktop.drop([archive]) });
      expect(dropped.bestanden.map((f) => f.naam)).toEqual(['WMO301_2.xml', 'WMO301_1.xml']);
      expect(dropped.geweigerd).toEqual([]);
      const preview = await call<{ aantal: number; berichten: Record<string, number> }>('import.berichtenPreview', { bestandIds: dropped.bestanden.map((f) => f.id), periode: '2026Q3' });
      expect(preview).toMatchObject({ aantal: 2, berichten: { WMO301: 2 } });
    } finally {
      core.close();
    }
  }, 60_000);
});
