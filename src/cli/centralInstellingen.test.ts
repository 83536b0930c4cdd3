import { expect, test } from 'vitest';
import { openCentralStore } from '../core/central/store/centralStore.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

test('central instellingen lists the thresholds, sets them as Instellingen does (same checks, same log) and resets them', async () => {
  const db = tempDir('wm-analist-instellingen-');
  (await openCentralStore(db)).close();

  const list = runCli(['central', 'instellingen', '--db', db]);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^minimum_clienten\t5 cliënten\tstandaard\tMinimum aantal cliënten per gepubliceerde cel$/m);
  expect(list.stdout).toMatch(/^plausibiliteit\.verandering_clienten\.fout\t50 %\tstandaard\t/m);

  const refused = runCli(['central', 'instellingen', '--db', db, '--minimum', '4']);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('mag alleen strenger dan de afspraak van het project: 5 cliënten of meer, niet 4.');
  const text = runCli(['central', 'instellingen', '--db', db, '--kostenbreedte', 'tien']);
  expect(text.stderr).toContain("--kostenbreedte: 'tien' is geen getal (bijvoorbeeld 10 of 12,5).");

  const set = runCli(['central', 'instellingen', '--db', db, '--minimum', '10', '--kostenbreedte', '12,5', '--kleine-wijk', '3000', '--drempel', 'plausibiliteit.verandering_clienten.fout=60']);
  expect(set.code).toBe(0);
  expect(set.stdout).toContain('4 drempel(s) opgeslagen. Een strengere publicatiedrempel geldt vanaf de volgende export.');
  expect(set.stdout).toMatch(/^minimum_clienten\t10 cliënten\tgewijzigd \d{4}-\d\d-\d\d, standaard 5\t/m);
  expect(set.stdout).toMatch(/^kosten_breedte\t12,5 %\tgewijzigd/m);
  expect(set.stdout).toMatch(/^kleine_wijk\t3\.000 inwoners\tgewijzigd/m);
  expect(set.stdout).toMatch(/^plausibiliteit\.verandering_clienten\.fout\t60 %\tgewijzigd/m);

  const reset = runCli(['central', 'instellingen', '--db', db, '--standaard', 'minimum_clienten']);
  expect(reset.stdout).toMatch(/^minimum_clienten\t5 cliënten\tstandaard\t/m);
  const store = await openCentralStore(db);
  expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'drempel gewijzigd'").pluck().get()).toBe(5);
  store.close();
}, 60_000);
