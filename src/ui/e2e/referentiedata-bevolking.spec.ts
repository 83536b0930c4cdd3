import path from 'node:path';
import { startAnalist } from './CentralPage.ts';
import { centralFixtures } from './centralFixtures.ts';
import { expect, test } from './harnessFixture.ts';

const fixtures = centralFixtures();
/** Synthetic (invented numbers, CBS's layout): fixtures/cbs-03759ned.ts. */
const STATLINE_03759NED = path.resolve(import.meta.dirname, '../../../fixtures/synthetisch_03759ned_statline.csv');

test('Referentiedata: CBS 03759ned is recognised by its header, its gemeenten found by name in the Kerncijfers, and listed among the sources', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const shell = await startAnalist(app, harness, [fixtures.levering('GM9901', '2026Q3')]);
  await shell.open('Referentiedata');
  const result = app.getByTestId('reference-result');
  // The fixtures' Kerncijfers name Heidebroek and Lindewaarde, which the StatLine export of 03759ned uses.
  await app.getByLabel('Jaar (alleen als het bestand het niet zegt)').fill('2024');
  await harness.scriptDialogs({ open: [[fixtures.cbsFixture]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(result.getByRole('row', { name: /^kerncijfers_wijken_buurten_2024\.csv nieuw/ })).toBeVisible({ timeout: 120_000 });
  await harness.scriptDialogs({ open: [[STATLINE_03759NED]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(result.getByRole('row', { name: /^synthetisch_03759ned_statline\.csv nieuw CBS bevolking naar geslacht en leeftijd \(03759ned\) 2024/ })).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText('StatLine-export: 2024 (2 gemeenten); leeftijden 20 groepen: 0 tot 5 jaar, 5 tot 10 jaar … 95 jaar of ouder.');
  const sources = app.getByTestId('reference-sources');
  await expect(sources.getByRole('gridcell', { name: 'synthetisch_03759ned_statline.csv' })).toBeAttached();
  await expect(sources.getByRole('gridcell', { name: 'CBS bevolking naar geslacht en leeftijd (03759ned)' })).toBeAttached();
  await app.screenshot({ path: 'test-results/screens/analist-referentiedata-03759ned-1366x768.png', fullPage: true });
});
