import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { generatedFixtures } from './generatedFixtures.ts';

const fixture = generatedFixtures();

test('the period is accepted as people write it, read back while typing, and refused in a Dutch sentence', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.chooseExports(harness, [fixture('GM9903', 'export_2026Q3.csv')]);
  const input = app.getByLabel('Periode van de export');
  // No grey example inside the field that looks filled in; the example is beside it.
  await expect(input).not.toHaveAttribute('placeholder');
  const readback = app.locator('#period-readback');
  await expect(readback).toHaveText('Bijvoorbeeld 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.');
  for (const [text, code] of [
    ['Q3 2026', '2026Q3'],
    ['2026-Q3', '2026Q3'],
    ['2026 Q3', '2026Q3'],
    ['kwartaal 3 2026', '2026Q3'],
    ['2e halfjaar 2026', '2026H2'],
    ['2026', '2026'],
  ]) {
    await input.fill(text!);
    await expect(readback).toContainText(`Wordt ingelezen als ${code}:`);
  }
  await input.fill('zomer 2026');
  await expect(readback).toHaveText('Deze periode wordt niet herkend. Schrijf haar als 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByRole('alert')).toHaveText(/^Periode "zomer 2026" wordt niet herkend\. Gebruik een kwartaal/);
  // A long sentence no longer meets zod's "Te lang: verwacht dat string <=10 tekens heeft".
  await input.fill('3e kwartaal 2026');
  await expect(app.getByRole('alert')).toHaveCount(0);
  await expect(readback).toHaveText('Wordt ingelezen als 2026Q3: 3e kwartaal 2026 (1 juli t/m 30 september 2026).');
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-periode-1366x768.png', mask: [app.getByTestId('preview-grid')] });
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.csv (2026Q3): 200 rijen gelezen');
  expect(await app.locator('body').innerText()).not.toMatch(/verwacht dat|string|tekens heeft/);
});
