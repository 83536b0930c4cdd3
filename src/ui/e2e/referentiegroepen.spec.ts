import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing/tempDir.ts';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';

/** The real CBS Kerncijfers 2024 of the whole country (fixtures/cbs, byte for byte from StatLine). */
const REAL_CBS_2024 = path.resolve(import.meta.dirname, '../../../fixtures/cbs/kwb2024_85984NED_statline-export_NL.csv');
const fixture = generatedFixtures();

/**
 * Shapes for seven real wijken of Groningen (GM0014): a synthetic test map (rectangles in RD New,
 * not their real outlines), only so that the map by group has wijken of the real CBS file on it.
 */
function testMapOfRealWijken(): string {
  const features = Array.from({ length: 7 }, (_, i) => {
    const [x, y] = [233000 + (i % 4) * 1500, 581000 + Math.floor(i / 4) * 1500];
    return { type: 'Feature', properties: { statcode: `WK00140${i}` }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1500, y], [x + 1500, y + 1500], [x, y + 1500], [x, y]]] } };
  });
  const file = path.join(tempDir('wm-e2e-kaart-'), 'testkaart_groningen_2024.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

test('Referentiegroepen: groups of the whole country from the real CBS file, profile, scatter, map, peers; a fixed number recomputes', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const shell = new AppPage(app);
  await shell.chooseEdition('Analist-editie');
  // Referentiedata is a screen of its own (another part of this issue): the files go in through its API call.
  await harness.scriptDialogs({ open: [[REAL_CBS_2024, testMapOfRealWijken()]] });
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

  // The map coloured by group: the test map covers 7 of the 3,367 wijken, and says so.
  const map = app.getByTestId('groepen-kaart-inhoud');
  await expect(map).toContainText('Kaart 2024: 7 wijken; 3.360 wijken met een cijfer staan niet op de kaart');
  await expect(map.locator('canvas')).toBeVisible();
  await map.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-referentiegroepen-kaart-1366x768.png' });
  await map.getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(map.getByTestId('groepen-kaart-inhoud-tabel')).toContainText(/WK001400.*RG\d\d/s);

  // Fixing the number of groups recomputes, with progress.
  await app.getByTestId('groepen-aantal').fill('8');
  await app.getByRole('button', { name: 'Opnieuw berekenen' }).click();
  await expect(summary).toContainText('8 groepen voor de wijken vanaf 2.500 inwoners', { timeout: 120_000 });
  await expect(summary).toContainText('door de analist vastgelegd');

  // Saved as CSV: the groups on the page, not what the field says meanwhile; said while it is made.
  const shownGroups = Number((await summary.innerText()).match(/^(\d+) groepen over/)![1]);
  await app.getByTestId('groepen-aantal').fill('12');
  const csv = path.join(harness.dataDir, 'referentiegroepen.csv');
  await harness.scriptDialogs({ save: [csv] });
  await app.getByRole('button', { name: 'Opslaan als CSV…' }).click();
  await expect(app.getByTestId('groepen-opslaan')).toBeVisible();
  await expect(app.getByText(`Opgeslagen in ${csv} (met de buren en kenmerken ernaast)`)).toBeVisible({ timeout: 120_000 });
  const rows = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(';'));
  // A group's line has no gemeente; a wijk's names its gemeente.
  expect(rows.filter((r) => r[1] === '').length).toBe(shownGroups);
});
