import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readExport } from '../../../fixtures/export-reader.ts';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { deliveryFiles } from '../../core/delivery/deliveryTestKit.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-delivery-'));
const PASS = 'lange wachtwoordzin voor de test';
test.beforeAll(async () => {
  await generateFixtures({ seed: 20261, rows: 1000, outDir: fixtures });
});

test('the whole flow: key and backup, two exports, classify, write the delivery; verify accepts it and it holds no BSN', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('GM9903', 'Maasvoorde');

  await shell.open('Sleutel');
  await app.getByRole('button', { name: 'Sleutel aanmaken' }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).click();
  const backup = path.join(harness.dataDir, 'sleutel.wmkey');
  await harness.scriptDialogs({ save: [backup] });
  await app.getByLabel('Nieuwe wachtwoordzin voor de back-up (minstens 12 tekens)').fill(PASS);
  await app.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(PASS);
  await app.getByRole('button', { name: 'Back-up opslaan…' }).click();
  await expect(app.getByText(`Back-up opgeslagen in ${backup}`)).toBeVisible();
  await harness.scriptDialogs({ open: [[backup]] });
  await app.getByLabel('Wachtwoordzin van de back-up, om te controleren').fill(PASS);
  await app.getByRole('button', { name: 'Back-up kiezen en controleren…' }).click();
  await expect(app.getByTestId('backup-status')).toContainText('gecontroleerd op');

  const csv = path.join(fixtures, 'GM9903', 'export_2026Q3.csv');
  const xlsx = path.join(fixtures, 'GM9901', 'export_2026Q3.xlsx');
  for (const file of [csv, xlsx]) await shell.importExport(harness, file, '2026Q3');

  // One vertaaltabel for both systems, lacking one product that is then classified by hand.
  const table = new Map<string, string>();
  for (const g of ['GM9903', 'GM9901']) {
    const [, ...rows] = readFileSync(path.join(fixtures, g, 'producten.csv'), 'utf8').trim().split('\n');
    for (const row of rows) if (!table.has(row.split(';')[0]!)) table.set(row.split(';')[0]!, row);
  }
  const [missing, ...kept] = [...table.values()];
  const [code, , , , voorziening, leefdomein] = missing!.split(';');
  const tableFile = path.join(harness.dataDir, 'vertaaltabel.csv');
  writeFileSync(tableFile, ['productcode;product;pijler;categorie;voorziening;leefdomein;financier', ...kept].join('\n'));
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[tableFile]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByRole('heading', { name: 'Niet ingedeeld (1)' })).toBeVisible();
  await app.getByLabel(`Voorziening voor ${code}`).selectOption(voorziening!);
  await app.getByLabel(`Leefdomein voor ${code}`).selectOption(leefdomein!);
  await app.getByTestId('unmapped').getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();

  // Gebieden: the area table, and the postcodes in the exports it does not know.
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid')).toBeVisible();
  await expect(app.getByTestId('unknown-postcodes')).toBeVisible();

  await shell.open('Levering');
  await expect(app.getByTestId('preflight').locator('li.open')).toHaveText(['✖ Bekijk de datakwaliteit en geef akkoord — oplossen bij Kwaliteit']);
  await app.getByRole('link', { name: 'oplossen bij Kwaliteit' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Kwaliteit');
  await app.getByRole('button', { name: 'Bevindingen gezien, akkoord' }).click();
  await expect(app.getByTestId('acknowledgement')).toContainText('Bevindingen gezien en akkoord op');

  await shell.open('Levering');
  await expect(app.getByTestId('preflight').locator('li.open')).toHaveCount(0);
  await app.getByRole('button', { name: 'Voorbeeld tonen' }).click();
  const summary = (await app.getByTestId('preview-summary').textContent())!;
  const previewRows = /voorzieningen\.csv: ([\d.]+) rijen/.exec(summary)![1]!;
  await expect(app.getByTestId('preview-rows')).toContainText('WK99');
  // Dutch headers and geslacht in words; the file keeps its contract names and codes.
  const previewGrid = app.getByTestId('preview-rows');
  for (const header of ['Cliënt (pseudoniem)', 'Leeftijd', 'Geslacht', 'Postcode (4 cijfers)']) await expect(previewGrid.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  await expect(previewGrid.getByRole('columnheader', { name: 'pc4', exact: true })).toHaveCount(0);
  const sexes = await previewGrid.locator('.ag-cell[col-id="geslacht"]').allTextContents();
  expect(sexes.length).toBeGreaterThan(0);
  for (const sex of sexes) expect(['man', 'vrouw', 'onbekend']).toContain(sex.trim());
  await app.getByTestId('preview-rows').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-levering-voorbeeld-1366x768.png' });
  const out = path.join(harness.dataDir, 'GM9903_2026Q3_levering.zip');
  await harness.scriptDialogs({ save: [out] });
  await app.getByRole('button', { name: 'Levering opslaan…' }).click();
  await expect(app.getByText(`Levering opgeslagen: ${out} (${previewRows} voorzieningen)`)).toBeVisible();
  await expect(app.getByTestId('delivery-history')).toContainText('GM9903_2026Q3_levering.zip');
  await app.screenshot({ path: 'test-results/levering-1366x768.png' });

  // "Map openen" asks the desktop to show the file; once it is moved, the user is told why not.
  const openFolder = app.getByRole('button', { name: 'Map openen van GM9903_2026Q3_levering.zip' });
  await openFolder.click();
  await expect.poll(() => harness.shownInFolder()).toEqual([out]);
  await expect(shell.alert()).toHaveCount(0);

  // Every gemeente screen with the flow's data, at the laptop size, as test artifacts to review
  // (the viewport as the user sees it first, and the whole page for what lies below).
  const snap = async (name: string) => {
    // The import preview shows the export's own (synthetic) names and birth dates: kept out of artifacts.
    const mask = [app.getByTestId('preview-grid')];
    await app.screenshot({ path: `test-results/screens/gemeente-${name}-met-gegevens-1366x768.png`, mask });
    await app.screenshot({ path: `test-results/screens/gemeente-${name}-met-gegevens-hele-pagina.png`, fullPage: true, mask });
  };
  await snap('levering');
  await shell.open('Sleutel');
  await expect(app.getByTestId('fingerprint')).toBeVisible();
  await snap('sleutel');
  await shell.open('Importeren');
  await harness.scriptDialogs({ open: [[csv]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByTestId('preview-grid').getByRole('columnheader').first()).toBeVisible();
  await snap('importeren');
  await shell.open('Kwaliteit');
  await app.getByTestId('quality-report').getByRole('button', { name: 'Einddatum: ver in de toekomst' }).click();
  await expect(app.getByTestId('findings-grid').getByRole('row').nth(1)).toBeVisible();
  await snap('kwaliteit');
  await shell.open('Producten');
  await expect(app.getByTestId('products-grid').getByRole('row').nth(1)).toBeVisible();
  await snap('producten');
  await shell.open('Gebieden');
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();
  await snap('gebieden');
  await shell.open('Overzicht');
  await snap('overzicht');
  await shell.open('Instellingen');
  await expect(app.getByRole('table')).toContainText('levering geschreven');
  await snap('instellingen');
  await shell.open('Levering');
  await expect(app.getByTestId('delivery-history')).toBeVisible();

  const verify = spawnSync(process.execPath, [path.join(root, 'bin/wijkmonitor.js'), 'verify', out], { encoding: 'utf8' });
  expect(verify.status, verify.stderr).toBe(0);
  const text = [...(await deliveryFiles(out)).values()].join('\n');
  const numbers = new Set(text.match(/(?<!\d)\d{7,9}(?!\d)/g) ?? []);
  const inputs = [...(await readExport(csv, 'csv-cp1252')), ...(await readExport(xlsx, 'xlsx'))]
    .map((r) => String(r.bsn).replace(/\D/g, ''))
    .filter((b) => b.length >= 7 && b !== '999999999');
  expect(inputs.filter((b) => numbers.has(b) || numbers.has(b.padStart(9, '0')))).toEqual([]);

  renameSync(out, path.join(harness.dataDir, 'elders.zip'));
  await openFolder.click();
  await expect(shell.alert()).toHaveText(`GM9903_2026Q3_levering.zip staat niet meer in ${harness.dataDir}. Het bestand is verplaatst, hernoemd of verwijderd.`);
  expect(await harness.shownInFolder()).toEqual([out]);
});
