import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { editAndUndo, importTableText } from './editableTable.ts';
import { saveExport, saveWorkbook } from './savedExport.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-programmering-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20262, rows: 400, outDir: fixtures });
});

const HEADER = 'jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel';

test('Programmering: import, edit with undo, add and delete a target; the Overzicht sets the realisation against it and exports it', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('GM9903', 'Maasvoorde');
  await shell.createKey();
  for (const periode of ['2026Q2', '2026Q3']) await shell.importExport(harness, path.join(fixtures, 'GM9903', `export_${periode}.csv`), periode);
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();

  await shell.open('Programmering');
  await expect(app.getByText('Nog geen programmering.')).toBeVisible();
  // A wrong table is refused whole, naming file, row and column.
  await importTableText(harness, app, 'programmering-fout.csv', `${HEADER}\n2026;WMO;;;;veel;;\n`);
  await expect(app.getByRole('alert')).toHaveText("Programmering programmering-fout.csv: rij 2, kolom clienten: 'veel' is geen getal van 0 of meer.");

  await importTableText(harness, app, 'programmering.csv', `${HEADER}\n2026;WMO;;;;1;"100.000.000,00";\n2027;WMO;;;;2;;\n`);
  await expect(app.getByRole('status')).toHaveText('2 streefwaarden ingelezen uit programmering.csv (2026, 2027).');
  const grid = app.getByTestId('programmering-grid');
  const firstRow = grid.locator('.ag-row[row-index="0"]');
  await expect(firstRow.locator('[col-id="kosten"]')).toHaveText('€ 100.000.000,00');

  // An edit is saved at once and can be undone.
  await editAndUndo(app, firstRow.locator('[col-id="clienten"]'), '5', '5', '1');

  const add = app.getByRole('form', { name: 'Streefwaarde toevoegen' });
  await add.getByLabel('Jaar').fill('2026');
  await add.getByLabel('Pijler').selectOption('JW');
  await add.getByLabel('Cliënten').fill('veel');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(app.getByRole('alert')).toHaveText("Kolom clienten: 'veel' is geen getal van 0 of meer.");
  await add.getByLabel('Cliënten').fill('12,5');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByRole('status')).toHaveText('Streefwaarde 2026 JW alle producten is toegevoegd.');
  await expect(grid.locator('.ag-row')).toHaveCount(3);
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="clienten"]')).toHaveText('12,5');
  await grid.locator('.ag-row[row-index="0"] [col-id="pijler"]').click();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Regel verwijderen' }).click();
  await expect(grid.locator('.ag-row')).toHaveCount(2);
  await app.screenshot({ path: 'test-results/screens/gemeente-programmering-1366x768.png', fullPage: true });

  const exported = await saveExport(harness, app, { button: 'Exporteren…', naam: 'programmering-export.csv', line: 'among' });
  expect(readFileSync(exported, 'utf8').split('\r\n')).toEqual(['\uFEFF' + HEADER, '2026;WMO;;;;1;100000000;', '2027;WMO;;;;2;;', '']);

  await shell.open('Overzicht');
  const panel = app.getByTestId('panel-programmering');
  const table = app.getByTestId('table-programmering');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(table.locator('[col-id="signaal"]').nth(1)).toHaveText('overschreden');
  // Signalled for attention above the table, not only in its cell.
  await expect(panel.getByTestId('meldingen-programmering')).toHaveText(/^Overschreden: WMO, alle producten \(cliënten [\d.,]+ t\/m nu, prognose [\d.,]+, streefwaarde 1\)\.$/);
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-programmering-1366x768.png' });

  const workbook = await saveWorkbook(harness, panel, { button: 'Excel (intern)…', naam: 'programmering.xlsx' });
  const sheet = workbook.getWorksheet('Intern')!;
  expect(String(sheet.getCell('A2').value)).toContain('Programmering 2026: realisatie t/m 30-09-2026 (2026Q2, 2026Q3)');
  const header = sheet.getRow(4).values as unknown[];
  expect(header).toContain('Signaal');
  // The next year's targets beside this year's: the planned shift in the same table.
  expect(header.slice(-2)).toEqual(['Streef cliënten 2027', 'Streef kosten 2027']);
  expect(sheet.getRow(5).getCell(header.indexOf('Streef cliënten 2027')).value).toBe(2);
  expect(sheet.getRow(5).getCell(header.indexOf('Signaal')).value).toBe('overschreden');
  // The signal below the table, as on screen.
  expect(sheet.getCell('A7').value).toBe('Signalen');
  expect(String(sheet.getCell('A8').value)).toMatch(/^Overschreden: WMO, alle producten/);
  expect(sheet.getRow(5).getCell(header.indexOf('Streef kosten')).value).toBe(100000000);
});
