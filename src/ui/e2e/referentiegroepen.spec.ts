import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';

/** The real CBS Kerncijfers 2024 of the whole country (fixtures/cbs, byte for byte from StatLine). */
const REAL_CBS_2024 = path.resolve(import.meta.dirname, '../../../fixtures/cbs/kwb2024_85984NED_statline-export_NL.csv');
const fixture = generatedFixtures();

test('Referentiegroepen: groups of the whole country from the real CBS file, profile, scatter, map, peers; a fixed number recomputes', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const shell = new AppPage(app);
  await shell.chooseEdition('Analist-editie');
  // Referentiedata is a screen of its own (another part of this issue): the files go in through its API call.
  await harness.scriptDialogs({ open: [[REAL_CBS_2024, fixture('geo', 'wijken.geojson')]] });
  const reference = (await app.evaluate(`window.wijkmonitor.central.reference({ jaar: 2024 })`)) as { ok: boolean; result: { status: string }[] };
  expect(reference.result.map((r) => r.status)).toEqual(['nieuw', 'nieuw']);

  await shell.open('Referentiegroepen');
  await app.getByRole('button', { name: 'Referentiegroepen berekenen' }).click();
  await expect(app.getByTestId('job-progress')).toBeVisible();
  const summary = app.getByTestId('groepen-samenvatting');
  await expect(summary).toContainText('over 3.367 wijken uit de CBS Kerncijfers 2024', { timeout: 120_000 });
  await expect(summary).toContainText('gekozen op het hoogste gemiddelde silhouet');
  await expect(app.getByTestId('groepen-tabel')).toContainText('RG01');
  await expect(app.getByRole('heading', { name: 'Profiel van RG01' })).toBeVisible();
  await app.screenshot({ path: 'test-results/screens/analist-referentiegroepen-1366x768.png' });

  // The profile as a table: each kenmerk against all wijken.
  await app.getByRole('heading', { name: 'Profiel van RG01' }).locator('..').getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(app.getByTestId('profiel-tabel')).toContainText('Aandeel inwoners van 65 jaar of ouder');
  await app.getByTestId('profiel-groep').selectOption('RG02');
  await expect(app.getByRole('heading', { name: 'Profiel van RG02' })).toBeVisible();

  // Per wijk: its group and its ten nearest peers in other gemeenten.
  const wijken = app.getByTestId('wijken-tabel');
  await wijken.getByRole('gridcell').first().click();
  const buren = app.getByTestId('wijk-buren');
  await expect(buren.getByRole('heading', { level: 3 })).toContainText(/RG\d\d/);
  await expect(app.getByTestId('buren-tabel').getByRole('row')).toHaveCount(11);
  // By keyboard: the next row with the arrow key, chosen with Enter.
  const first = await buren.getByRole('heading', { level: 3 }).textContent();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(buren.getByRole('heading', { level: 3 })).not.toHaveText(first!);
  await buren.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-referentiegroepen-buren-1366x768.png' });

  // The map coloured by group: the loaded GeoJSON (the fixture's wijken) does not cover these real wijken, and says so.
  await expect(app.getByTestId('groepen-kaart-inhoud')).toContainText('3.367 wijken met een cijfer staan niet op de kaart');

  // Fixing the number of groups recomputes, with progress.
  await app.getByTestId('groepen-aantal').fill('8');
  await app.getByRole('button', { name: 'Opnieuw berekenen' }).click();
  await expect(summary).toContainText('8 groepen voor de wijken vanaf 2.500 inwoners', { timeout: 120_000 });
  await expect(summary).toContainText('door de analist vastgelegd');
});
