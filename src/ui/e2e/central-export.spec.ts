import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allDeliveries, matrixCell, startAnalist } from './CentralPage.ts';
import { centralFixtures } from './centralFixtures.ts';
import { expect, test } from './harnessFixture.ts';

// Small exports (20, 20 and 40 rows a quarter): disclosure control proves every suppressed cell
// with an LP, and the browser test is about the screen, not about the solver's speed.
const fixtures = centralFixtures(40);

test('Export: the release of a period, disclosure control with its audit summary, the suppressed CSV', async ({ app, harness }) => {
  test.setTimeout(600_000);
  const shell = await startAnalist(app, harness, allDeliveries(fixtures));
  await shell.open('Export');
  await expect(app.getByRole('combobox', { name: /^Periode/ })).toHaveValue('2026Q3');
  await expect(app.getByRole('button', { name: 'Onthullingscontrole uitvoeren en cijfers opslaan…' })).toBeDisabled();

  for (const g of ['GM9902', 'GM9903']) {
    await shell.open('Leveringen');
    await matrixCell(app, g, '2026Q3').click();
    await app.getByLabel('Akkoord gegeven door (naam of functie bij de gemeente)').fill('Afdeling onderzoek');
    await app.getByRole('button', { name: 'Akkoord van de gemeente vastleggen' }).click();
    await expect(matrixCell(app, g, '2026Q3')).toHaveText(/akkoord/);
  }
  await shell.open('Export');
  await expect(app.getByTestId('release-summary')).toContainText('3 gemeenten leverden over 2026Q3; 2 daarvan gaven akkoord');
  const release = app.getByTestId('release-table');
  await expect(release.getByRole('row', { name: /^GM9901 Heidebroek/ })).toContainText('nee, voorlopig');
  await expect(release.getByRole('row', { name: /^GM9902 Lindewaarde/ })).toContainText(/ja, akkoord \d{2}-\d{2}-\d{4}/);

  const csv = path.join(harness.dataDir, 'export', 'cijfers_2026Q3.csv');
  mkdirSync(path.dirname(csv), { recursive: true });
  // Cancelled while it runs: said so, and no file.
  await harness.scriptDialogs({ save: [csv] });
  await app.getByRole('button', { name: 'Onthullingscontrole uitvoeren en cijfers opslaan…' }).click();
  await expect(app.getByRole('progressbar', { name: 'Voortgang van de export' })).toBeVisible();
  await app.getByRole('button', { name: 'Annuleren' }).click();
  await expect(app.getByRole('alert')).toHaveText(/^Geannuleerd\./, { timeout: 120_000 });
  expect(existsSync(csv)).toBe(false);
  await harness.scriptDialogs({ save: [csv] });
  await app.getByRole('button', { name: 'Onthullingscontrole uitvoeren en cijfers opslaan…' }).click();
  const summary = app.getByTestId('export-summary');
  await expect(summary.getByRole('heading', { name: 'Resultaat van de onthullingscontrole' })).toBeVisible({ timeout: 480_000 });
  await expect(summary.getByRole('status')).toContainText(`Opgeslagen in ${csv}`);
  await expect(summary.getByRole('status')).toContainText('over GM9902, GM9903');
  const audit = summary.getByTestId('audit-summary');
  await expect(audit.getByRole('row', { name: /^Primair onderdrukt \(minder dan 5 cliënten\) [\d.]+$/ })).toBeVisible();
  await expect(audit.getByRole('row', { name: /^Secundair onderdrukt \(tegen terugrekenen\) [\d.]+$/ })).toBeVisible();
  await expect(summary.getByTestId('audit-passed')).toContainText('Alle controles geslaagd');
  const written = readFileSync(csv, 'utf8');
  expect(written).toContain('GM9902');
  expect(written).not.toContain('GM9901');
  expect(existsSync(path.join(path.dirname(csv), 'audit.csv'))).toBe(true);
  await app.screenshot({ path: 'test-results/screens/analist-export-1366x768.png', fullPage: true });

  // The internal version is marked as such wherever it appears.
  const intern = path.join(harness.dataDir, 'export', 'cijfers_2026Q3-intern.csv');
  await harness.scriptDialogs({ save: [intern] });
  await app.getByRole('button', { name: 'Interne versie opslaan (niet onderdrukt)…' }).click();
  await expect(summary.getByRole('heading', { name: 'Interne versie (intern, niet onderdrukt)' })).toBeVisible({ timeout: 480_000 });
  await expect(summary.getByTestId('audit-summary')).toHaveCount(0);
  expect(readFileSync(intern, 'utf8')).toContain('GM9901');
});
