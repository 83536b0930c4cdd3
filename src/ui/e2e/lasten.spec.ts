import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { editAndUndo, importTableText } from './editableTable.ts';
import { saveExport, saveWorkbook } from './savedExport.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-lasten-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20262, rows: 400, outDir: fixtures });
});

const HEADER = 'periode;productcode;aanbieder;kosten';

test('Lasten: import, edit with undo, add and delete; the Overzicht shows costs with and without toerekening', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('GM9903', 'Maasvoorde');
  await shell.createKey();
  await shell.importExport(harness, path.join(fixtures, 'GM9903', 'export_2026Q3.csv'), '2026Q3');
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();

  await shell.open('Overzicht');
  await expect(app.getByTestId('tegel-kosten')).toBeVisible();
  await expect(app.getByTestId('tegel-kosten-zonder')).toHaveCount(0);
  await expect(app.getByTestId('panel-toerekening')).toHaveCount(0);

  await shell.open('Lasten');
  await expect(app.getByText('Nog geen lasten.')).toBeVisible();
  await expect(app.getByText(/standaard naar dagen in zorg binnen de periode/)).toBeVisible();
  await importTableText(harness, app, 'lasten-fout.csv', `${HEADER}\n2026Q3;01A01;;veel\n`);
  await expect(app.getByRole('alert')).toHaveText("Lasten lasten-fout.csv: rij 2, kolom kosten: 'veel' is geen bedrag van 0 of meer.");

  await importTableText(harness, app, 'lasten.csv', `${HEADER}\n2026Q3;01A01;;"50.000,00"\n2026Q4;01A01;;100\n`);
  await expect(app.getByRole('status')).toHaveText('2 regels lasten ingelezen uit lasten.csv (2026Q3, 2026Q4).');
  const grid = app.getByTestId('lasten-grid');
  const firstRow = grid.locator('.ag-row[row-index="0"]');
  await expect(firstRow.locator('[col-id="kosten"]')).toHaveText('€ 50.000,00');
  await expect(firstRow.locator('[col-id="aanbieder"]')).toHaveText('alle aanbieders');

  // An edit is saved at once and can be undone.
  await editAndUndo(app, firstRow.locator('[col-id="kosten"]'), '60000', '€ 60.000,00', '€ 50.000,00');

  // A total beside an amount per aanbieder of the same product is refused.
  const add = app.getByRole('form', { name: 'Lasten toevoegen' });
  await add.getByLabel('Periode').fill('2026Q3');
  await add.getByLabel('Productcode').fill('01A01');
  await add.getByLabel('Aanbieder (AGB of naam)').fill('12345678');
  await add.getByLabel('Lasten (€)').fill('10');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(app.getByRole('alert')).toContainText('óf een totaal zonder aanbieder óf bedragen per aanbieder');
  await add.getByLabel('Productcode').fill('SUBSIDIE');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByRole('status')).toHaveText('Lasten 2026Q3 SUBSIDIE zijn toegevoegd.');
  await expect(grid.locator('.ag-row')).toHaveCount(3);
  await grid.locator('.ag-row').filter({ hasText: 'SUBSIDIE' }).locator('[col-id="periode"]').click();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Regel verwijderen' }).click();
  await expect(grid.locator('.ag-row')).toHaveCount(2);
  await app.screenshot({ path: 'test-results/screens/gemeente-lasten-1366x768.png', fullPage: true });

  const exported = await saveExport(harness, app, { button: 'Exporteren…', naam: 'lasten-export.csv', line: 'among' });
  expect(readFileSync(exported, 'utf8').split('\r\n')).toEqual(['\uFEFF' + HEADER, '2026Q3;01A01;;50000', '2026Q4;01A01;;100', '']);

  await shell.open('Overzicht');
  await expect(app.getByTestId('tegel-kosten-zonder')).toContainText('met toerekening; zonder: €');
  const panel = app.getByTestId('panel-toerekening');
  await expect(panel).toContainText('Toegerekend: € 50.000,00');
  const table = app.getByTestId('table-toerekening');
  await expect(table.getByRole('row').filter({ hasText: '01A01' })).toContainText('naar dagen in zorg binnen de periode');
  await expect(table.getByRole('row').filter({ hasText: 'Toegerekende lasten' })).toContainText('50.000');
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-toerekening-1366x768.png' });
  // The aanbiedersanalyse: its omzet with toerekening, without it and the allocated part, on screen and in its Excel export.
  const aanbieders = app.getByTestId('table-aanbieders');
  for (const kolom of ['Omzet met toerekening', 'Omzet zonder toerekening', 'Omzet toegerekend']) await expect(aanbieders.getByRole('columnheader', { name: kolom })).toBeVisible();
  await aanbieders.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-aanbieders-toerekening-1366x768.png' });
  const workbook = await saveWorkbook(harness, app.getByTestId('panel-aanbieders'), { button: 'Excel (intern)…', naam: 'aanbieders-toerekening.xlsx' });
  const sheet = workbook.getWorksheet('Intern')!;
  const header = sheet.getRow(4).values as unknown[];
  const totaal = sheet.getRow(sheet.rowCount);
  expect(totaal.getCell(1).value).toBe('Totaal');
  expect(totaal.getCell(header.indexOf('Omzet toegerekend')).value).toBe(50_000);
  expect(totaal.getCell(header.indexOf('Omzet met toerekening')).value).toBeCloseTo((totaal.getCell(header.indexOf('Omzet zonder toerekening')).value as number) + 50_000, 2);
  // The Overzicht's other tables have finished too: no call is still running in the core when the harness stops.
  await expect(app.getByText('Tabel wordt berekend…')).toHaveCount(0, { timeout: 180_000 });
});
