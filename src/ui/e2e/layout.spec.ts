import type { Locator, Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';

const fixture = generatedFixtures(600, 20266);

/** Cells and headers whose text is wider than their box: what the eye sees as "€ 110.123…". */
async function cutOff(grid: Locator): Promise<string[]> {
  await expect(grid.locator('.ag-row').first()).toBeVisible();
  return grid.evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('.ag-cell, .ag-cell-value, .ag-header-cell-text')]
      .filter((el) => el.textContent !== '' && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? ''),
  );
}

async function panelWidths(page: Page): Promise<number[]> {
  return page.locator('.content > .panel, .content > section.panel').evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().width)));
}

test('no cut-off figures or headers in the Overzicht and Producten tables; the panels of one screen are equally wide', async ({ app, harness }) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('GM9903', 'Maasvoorde');
  await shell.createKey();

  // Importeren: the file panel is as wide as the preview and mapping panels below it.
  await shell.open('Importeren');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'export_2026Q3.csv')]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByTestId('preview-grid')).toBeVisible();
  const widths = await panelWidths(app);
  expect(widths.length).toBeGreaterThan(2);
  expect(new Set(widths).size).toBe(1);
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toBeVisible();

  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  expect(await cutOff(app.getByTestId('products-grid'))).toEqual([]);
  expect(new Set(await panelWidths(app)).size).toBe(1);
  await app.screenshot({ path: 'test-results/screens/gemeente-producten-niet-afgekapt-1366x768.png' });
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();
  expect(await cutOff(app.getByTestId('areas-grid'))).toEqual([]);
  expect(new Set(await panelWidths(app)).size).toBe(1);

  await shell.open('Kwaliteit');
  await app.getByTestId('quality-report').getByRole('button', { name: 'Einddatum: ver in de toekomst' }).click();
  expect(await cutOff(app.getByTestId('findings-grid'))).toEqual([]);
  expect(new Set(await panelWidths(app)).size).toBe(1);

  await shell.open('Overzicht');
  const aanbieders = app.getByTestId('table-aanbieders');
  await aanbieders.scrollIntoViewIfNeeded();
  // Euro amounts of six and seven figures, shown whole.
  await expect(aanbieders).toContainText(/€\s\d{1,3}\.\d{3}(\.\d{3})?,\d{2}/);
  expect(await cutOff(aanbieders)).toEqual([]);
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-aanbieders-1366x768.png' });
  expect(await cutOff(app.getByTestId('table-informatievragen'))).toEqual([]);
  await app.getByTestId('uitsplitsing-1').selectOption('productcode');
  await app.getByTestId('uitsplitsing-2').selectOption('aanbieder');
  await expect(app.getByTestId('table-uitsplitsing').getByRole('columnheader', { name: 'Naam aanbieder' })).toBeVisible();
  expect(await cutOff(app.getByTestId('table-uitsplitsing'))).toEqual([]);
  await app.getByTestId('table-uitsplitsing').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-uitsplitsing-1366x768.png' });
  const wijken = app.getByTestId('panel-wijken');
  await wijken.getByRole('button', { name: 'Tabel tonen' }).click();
  expect(await cutOff(app.getByTestId('table-wijken'))).toEqual([]);
  await wijken.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-overzicht-tabel-wijken-1366x768.png' });
});
