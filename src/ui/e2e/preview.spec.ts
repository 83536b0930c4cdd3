import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { generatedFixtures } from './generatedFixtures.ts';

const fixture = generatedFixtures();

test('the preview of an Excel export shows Dutch dates and amounts and says what is masked', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.chooseExports(harness, [fixture('GM9901', 'export_2026Q3.xlsx')]);
  const grid = app.getByTestId('preview-grid');
  await expect(grid.getByRole('columnheader').first()).toBeVisible();
  await expect(app.getByTestId('preview-privacy')).toContainText('BSN’s zijn gemaskeerd');
  await expect(app.getByTestId('preview-privacy')).toContainText('alleen maand en jaar');
  const cells = (await grid.getByRole('gridcell').allInnerTexts()).map((t) => t.trim());
  expect(cells.filter((t) => /^\d{4}-\d{2}-\d{2}/.test(t))).toEqual([]);
  expect(cells.some((t) => /^\d{2}-\d{2}-\d{4}$/.test(t))).toBe(true);
  // The kosten column, as the mapping says, in nl-NL: 2.423,56.
  const kosten = await app.getByLabel('Kosten', { exact: true }).inputValue();
  const headers = (await grid.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  const index = headers.indexOf(kosten);
  expect(index).toBeGreaterThanOrEqual(0);
  const amounts = (await grid.locator(`[role="gridcell"][aria-colindex="${index + 1}"]`).allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '');
  expect(amounts.length).toBeGreaterThan(0);
  for (const a of amounts) expect(a).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}$/);
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-voorbeeld-1366x768.png', mask: [grid] });
});
