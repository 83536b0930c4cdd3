import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { saveExport, saveWorkbook } from './savedExport.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-overzicht-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20262, rows: 600, outDir: fixtures });
});

test('Overzicht: two quarters imported, switch periods, compare, table view, export a grid and a chart', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await shell.startGemeente(harness, ['2026Q2', '2026Q3'].map((periode) => [path.join(fixtures, 'GM9903', `export_${periode}.csv`), periode] as const), ['GM9903', 'Maasvoorde']);
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();

  await shell.open('Overzicht');
  const periode = app.getByTestId('overzicht-periode');
  await expect(periode.locator('option')).toHaveText(['2026Q3', '2026Q2']);
  await expect(periode).toHaveValue('2026Q3');
  await expect(app.getByTestId('overzicht-vergelijk')).toHaveValue('2026Q2');
  const clients = app.getByTestId('tegel-clienten');
  await expect(clients.locator('.tile-value')).toHaveText(/^\d{1,3}(\.\d{3})*$/);
  await expect(clients.locator('.tile-change')).toContainText('t.o.v. 2026Q2');
  await expect(clients.locator('.definition')).toContainText('Aantal verschillende cliënten');
  await expect(app.getByTestId('tegel-kosten').locator('.tile-value')).toHaveText(/^€\s[\d.]+,\d{2}$/);
  // With Q2 loaded there is no warning about the preceding period; every product is classified.
  await expect(app.locator('.warning')).toHaveCount(0);
  const q3 = await clients.locator('.tile-value').textContent();
  // Two quarters are a trend: drawn, with no sentence in its place.
  await expect(app.getByTestId('panel-trend').locator('.chart')).toBeVisible();
  await expect(app.getByTestId('geen-grafiek-trend')).toHaveCount(0);
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-1366x768.png', fullPage: true });

  await periode.selectOption('2026Q2');
  await expect(app.getByTestId('overzicht-vergelijk')).toHaveValue('');
  await expect(clients.locator('.tile-change')).toHaveCount(0);
  // Q2 has no quarter before it here: the inflow warning says so.
  await expect(app.locator('.warning')).toContainText('(2026Q1) is niet ingelezen');
  await periode.selectOption('2026Q3');
  await expect(clients.locator('.tile-value')).toHaveText(q3!);

  const wijken = app.getByTestId('panel-wijken');
  await wijken.getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(app.getByTestId('table-wijken').getByRole('row').nth(1)).toBeVisible();
  await expect(app.getByTestId('table-wijken').getByRole('columnheader', { name: 'Kosten per cliënt' })).toBeVisible();

  const aanbieders = app.getByTestId('panel-aanbieders');
  await expect(app.getByTestId('table-aanbieders').getByRole('row').nth(1)).toBeVisible();
  const workbook = await saveWorkbook(harness, aanbieders, { button: 'Excel (intern)…', naam: 'aanbieders.xlsx' });
  const sheet = workbook.getWorksheet('Intern')!;
  expect(String(sheet.getCell('A1').value)).toContain('INTERN');
  expect(sheet.getRow(4).values).toEqual([undefined, 'Product', 'Aanbieder', 'Omzet', 'Cliënten', 'Aandeel cliënten', 'Gemiddelde kosten per cliënt']);
  expect(typeof sheet.getCell('C5').value).toBe('number');
  // The grid scrolls; the workbook shows the whole table down to its total.
  expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('Totaal');

  const split = app.getByTestId('panel-uitsplitsing');
  await app.getByTestId('uitsplitsing-niveau').selectOption('gemeente');
  await app.getByTestId('uitsplitsing-1').selectOption('productcode');
  await app.getByTestId('uitsplitsing-2').selectOption('aanbieder');
  await expect(split.getByRole('columnheader', { name: 'Aanbieder', exact: true })).toBeVisible();
  await expect(split.getByRole('columnheader', { name: 'Naam aanbieder' })).toBeVisible();
  await expect(split.getByRole('columnheader', { name: 'Productcode' })).toBeVisible();
  await expect(split.getByRole('columnheader', { name: 'Wijk' })).toHaveCount(0);
  await app.getByTestId('uitsplitsing-1').selectOption('');
  await expect(app.getByTestId('uitsplitsing-2')).toBeDisabled();
  await expect(split.getByRole('columnheader', { name: 'Instroom' })).toBeVisible();

  const png = await saveExport(harness, app.getByTestId('panel-stapeling'), { button: 'PNG…', naam: 'stapeling.png' });
  expect(existsSync(png) && readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

  await shell.open('Begrippen');
  await expect(app.getByTestId('begrippen')).toContainText('Omzet (aanbiedersanalyse)');
  await app.screenshot({ path: 'test-results/screens/gemeente-begrippen-1366x768.png' });
});
