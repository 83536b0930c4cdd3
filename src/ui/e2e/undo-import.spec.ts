import { generateFixtures } from '../../../fixtures/generate.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-fixtures-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20261, rows: 300, outDir: fixtures });
});

test('an export read in with the wrong period is listed, removed after a confirmation (logged) and read in again with the right one', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  const csv = path.join(fixtures, 'GM9903', 'export_2026Q3.csv');
  await shell.importExport(harness, csv, '2026Q2');

  const list = app.getByTestId('imported-files');
  await expect(list.getByRole('table', { name: 'Periode 2026Q2' })).toContainText('export_2026Q3.csv');
  const row = list.getByRole('row', { name: /export_2026Q3\.csv/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('300');
  await expect(row.getByRole('cell').nth(4)).toHaveText(/^\d{2}-\d{2}-\d{4},? \d{2}:\d{2}$/);

  // Removing asks first; "Nee" keeps it.
  await row.getByRole('button', { name: 'export_2026Q3.csv (2026Q2) verwijderen' }).click();
  const question = app.getByRole('alertdialog');
  await expect(question).toContainText('export_2026Q3.csv (periode 2026Q2) verwijderen?');
  await question.getByRole('button', { name: 'Nee, bewaren' }).click();
  await expect(row).toBeVisible();

  // "Opnieuw inlezen met andere instellingen": removed, the same file opened again with a fresh form.
  await row.getByRole('button', { name: 'export_2026Q3.csv (2026Q2) opnieuw inlezen met andere instellingen' }).click();
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-verwijderen-1366x768.png', mask: [app.getByTestId('preview-grid')] });
  await app.getByRole('alertdialog').getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(list.getByRole('status')).toContainText('export_2026Q3.csv (2026Q2) is verwijderd');
  await expect(list).toContainText('Nog geen export ingelezen.');
  await expect(app.getByLabel('Periode van de export')).toHaveValue('');
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.csv (2026Q3)');
  await expect(list.getByRole('table', { name: 'Periode 2026Q3' })).toContainText('export_2026Q3.csv');
  await expect(list.getByRole('table', { name: 'Periode 2026Q2' })).toHaveCount(0);

  // The logboek (Instellingen) records the removal.
  await shell.open('Instellingen');
  await expect(app.getByRole('row', { name: /export verwijderd/ }).first()).toContainText('bestand export_2026Q3.csv, periode 2026Q2, rijen 287');
  await app.screenshot({ path: 'test-results/screens/gemeente-instellingen-logboek-1366x768.png' });
});
