import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { generatedFixtures } from './generatedFixtures.ts';

const fixture = generatedFixtures();

test('Dutch words: mapping fields by their Dutch names with code lists only in a tooltip, and AG Grid in Dutch', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.chooseExports(harness, [fixture('GM9903', 'export_2026Q3.csv')]);
  const mapping = app.locator('table.mapping');
  for (const label of ['Naam aanbieder', 'Reden einde', 'AGB-code aanbieder', 'Productcodeverplicht', 'Begindatumverplicht']) {
    await expect(mapping.getByRole('rowheader', { name: label, exact: true })).toBeVisible();
  }
  await expect(app.getByLabel('Naam aanbieder', { exact: true })).toHaveValue('Leverancier');
  const text = await mapping.innerText();
  expect(text).not.toMatch(/aanbieder_naam|reden_einde|COD327|JZ588|WJ756|WMO757/);
  await expect(mapping.getByRole('row', { name: /^Verwijzer/ }).locator('td[title]')).toHaveAttribute('title', 'Codelijst COD327');
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-koppelen-1366x768.png', mask: [app.getByTestId('preview-grid')] });

  // AG Grid's own texts, read and heard, in Dutch.
  const grid = app.getByTestId('preview-grid');
  await expect(grid.getByRole('columnheader').first()).toBeVisible();
  const html = await grid.innerHTML();
  expect(html).not.toMatch(/Press ENTER|No Rows To Show|Loading\.\.\./);
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toBeVisible();
  await shell.open('Kwaliteit');
  await app.getByTestId('quality-report').getByRole('button', { name: 'Einddatum: ver in de toekomst' }).click();
  const findings = app.getByTestId('findings-grid');
  const rowHeader = findings.getByRole('columnheader', { name: 'Rij', exact: true });
  await expect(rowHeader).toBeVisible();
  await expect(findings).toContainText('Rijen per pagina:');
  // What a screen reader hears on a sortable header.
  await rowHeader.focus();
  await expect(findings.locator('.ag-aria-description-container')).toContainText('Druk op Enter om te sorteren');
  expect(await findings.innerHTML()).not.toMatch(/Press ENTER|Page Size|First Page/);
});
