import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { recordAction } from '../audit/auditLog.ts';
import { openDatabase } from '../store/database.ts';
import { openTestCore } from '../testing/testCore.ts';

describe('settings', () => {
  test('start empty, then keep edition and gemeente across a reopen', async () => {
    const first = await openTestCore();
    expect(await first.call('settings.get')).toEqual({ edition: null, gemeenteCode: null, gemeenteNaam: null, organisatieNaam: null });
    await first.call('settings.setEdition', { edition: 'gemeente' });
    expect(await first.call('settings.setGemeente', { code: 'gm9901', naam: '  Wijkerveen ' })).toEqual({
      edition: 'gemeente',
      gemeenteCode: 'GM9901',
      gemeenteNaam: 'Wijkerveen',
      organisatieNaam: null,
    });
    first.core.close();

    const again = await openTestCore(first.dataDir);
    expect(await again.call('settings.get')).toMatchObject({ edition: 'gemeente', gemeenteCode: 'GM9901' });
    expect((await again.call('audit.list', { limit: 10 })).map((e) => e.action)).toEqual(['gemeente ingesteld', 'editie gekozen']);
    again.core.close();
  });

  test.each(['0392', 'GM392', 'GM03921', 'WK039201', 'GM 0392', ''])('refuses gemeentecode %j in Dutch', async (code) => {
    const { call, core } = await openTestCore();
    await expect(call('settings.setGemeente', { code, naam: 'Haarlem' })).rejects.toThrow(
      'Een gemeentecode bestaat uit GM gevolgd door 4 cijfers, bijvoorbeeld GM0392.',
    );
    expect(await call('settings.get')).toMatchObject({ gemeenteCode: null });
    core.close();
  });

  test('refuses an empty gemeentenaam and an unknown edition', async () => {
    const { call, core } = await openTestCore();
    await expect(call('settings.setGemeente', { code: 'GM0392', naam: '   ' })).rejects.toThrow('Vul de naam van de gemeente in.');
    await expect(call('settings.setEdition', { edition: 'beheer' as never })).rejects.toThrow(/^edition:/);
    core.close();
  });
});

test('the analyst edition keeps the name of its central organisation, not a gemeente', async () => {
  const { call, core, dataDir } = await openTestCore();
  await call('settings.setEdition', { edition: 'analist' });
  expect(await call('settings.setOrganisatie', { naam: '  Regionaal Onderzoeksbureau Noord ' })).toEqual({ edition: 'analist', gemeenteCode: null, gemeenteNaam: null, organisatieNaam: 'Regionaal Onderzoeksbureau Noord' });
  await expect(call('settings.setOrganisatie', { naam: '  ' })).rejects.toThrow('Vul de naam van de centrale organisatie in.');
  core.close();
  const again = await openTestCore(dataDir);
  expect(await again.call('settings.get')).toMatchObject({ organisatieNaam: 'Regionaal Onderzoeksbureau Noord' });
  expect((await again.call('audit.list', { limit: 1 }))[0]!.action).toBe('organisatie ingesteld');
  again.core.close();
});

describe('audit log export', () => {
  test('asks where to save, writes ; CSV with BOM and neutralises formulas', async () => {
    const test = await openTestCore();
    const target = path.join(test.dataDir, 'logboek.csv');
    test.dialogs.queueSave(target);
    await test.call('settings.setEdition', { edition: 'analist' });
    const result = await test.call('audit.export');
    expect(result).toEqual({ saved: true, path: target });
    const text = readFileSync(target, 'utf8');
    expect(text.startsWith('\uFEFFid;at;action;details\r\n')).toBe(true);
    expect(text).toContain(';editie gekozen;');
    expect(test.dialogs.asked).toEqual([{ kind: 'save', title: 'Logboek opslaan' }]);
    test.core.close();
  });

  test('does nothing when the dialog is cancelled', async () => {
    const { call, core } = await openTestCore();
    expect(await call('audit.export')).toEqual({ saved: false });
    core.close();
  });

  test('formula-looking text is prefixed with a quote', async () => {
    const { core, dataDir } = await openTestCore();
    core.close();
    const db = await openDatabase(path.join(dataDir, 'wijkmonitor.sqlite'));
    recordAction(db, '=HYPERLINK("http://x")', {});
    db.close();
    const reopened = await openTestCore(dataDir);
    const target = path.join(dataDir, 'l.csv');
    reopened.dialogs.queueSave(target);
    await reopened.call('audit.export');
    expect(readFileSync(target, 'utf8')).toContain(`;"'=HYPERLINK(""http://x"")";`);
    reopened.core.close();
  });
});
