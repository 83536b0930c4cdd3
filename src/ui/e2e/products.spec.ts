import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';

const fixture = generatedFixtures(200, 20264);

test('Producten: the table import comes first and says what changed; the pick list names each leefdomein; Ctrl+Z undoes an edit and the editor shows the stored value', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Producten');

  // The import is the first thing on the screen, and a primary button.
  const importButton = app.getByRole('button', { name: 'Importeren (CSV of Excel)…' });
  await expect(app.getByRole('heading', { level: 2 }).first()).toHaveText('Vertaaltabel importeren');
  await expect(importButton).not.toHaveClass(/secondary/);

  const source = fixture('GM9903', 'producten.csv');
  const lines = readFileSync(source, 'utf8').trim().split(/\r?\n/);
  const [header, ...rows] = lines as [string, ...string[]];
  await harness.scriptDialogs({ open: [[source]] });
  await importButton.click();
  await expect(app.getByTestId('products-imported')).toHaveText(`${rows.length} producten ingelezen uit producten.csv: ${rows.length} nieuw, 0 gewijzigd.`);

  // A second table: two products renamed, one dropped, one added.
  const next = rows.slice(1).map((line, i) => (i < 2 ? line.replace(/^([^;]*);([^;]*);/, '$1;$2 (nieuw);') : line));
  next.push('00A01;Nieuw product;WMO;01;WMO-01;LD02;gemeente');
  const second = path.join(harness.dataDir, 'vertaaltabel-2.csv');
  writeFileSync(second, [header, ...next].join('\n'));
  await harness.scriptDialogs({ open: [[second]] });
  await importButton.click();
  await expect(app.getByTestId('products-imported')).toHaveText(
    `${next.length} producten ingelezen uit vertaaltabel-2.csv: 1 nieuw, 2 gewijzigd, ${next.length - 3} ongewijzigd. 1 product stond wel in de vorige tabel en niet in deze.`,
  );
  await app.screenshot({ path: 'test-results/screens/gemeente-producten-import-1366x768.png' });

  // The leefdomein shows its name, in the cell and in the pick list.
  const cell = app.getByTestId('products-grid').locator('[row-id="00A01"] [col-id="leefdomein"]');
  await expect(cell).toHaveText(/^LD02 \p{L}/u);
  const stored = (await cell.textContent())!;
  await cell.click();
  await app.keyboard.press('Enter');
  const list = app.getByRole('listbox');
  await expect(list.getByRole('option', { name: /^LD05 \p{L}/u })).toBeVisible();
  await app.screenshot({ path: 'test-results/screens/gemeente-producten-leefdomein-kiezen-1366x768.png' });
  await list.getByRole('option', { name: /^LD05 / }).click();
  await expect(cell).toHaveText(/^LD05 /);
  const undoButton = app.getByRole('button', { name: 'Laatste wijziging ongedaan maken' });
  await expect(undoButton).toBeEnabled();

  // Ctrl+Z on the grid puts back what was stored, and says so in the cell and in its editor.
  await cell.click();
  await app.keyboard.press('Control+z');
  await expect(cell).toHaveText(stored);
  await expect(undoButton).toBeDisabled();
  await shell.open('Gebieden');
  await shell.open('Producten');
  await expect(cell).toHaveText(stored);
  await cell.click();
  await app.keyboard.press('Enter');
  await expect(cell.locator('.ag-picker-field-display')).toHaveText(stored);
  await app.keyboard.press('Escape');
  await expect(cell).toHaveText(stored);
});
