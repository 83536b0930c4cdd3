import { readFileSync } from 'node:fs';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';
import { saveExport } from './savedExport.ts';

const fixture = generatedFixtures(400, 20263);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Charts: wijk names with the code in the tooltip, nl-NL numbers, a one-quarter trend says so, a captioned PNG', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await shell.startGemeente(harness, [[fixture('GM9903', 'export_2026Q3.csv'), '2026Q3']], ['GM9903', 'Maasvoorde']);
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();
  const [first] = readFileSync(fixture('GM9903', 'gebieden.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1);
  const [, wijkCode, wijkNaam] = first!.split(/[;,]/);

  await shell.open('Overzicht');
  const wijken = app.getByTestId('panel-wijken');
  const chart = wijken.locator('.chart');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  // The bars' tooltip: the wijk's name first, its code beside it, every number nl-NL.
  const tooltip = wijken.locator('.chart div').filter({ hasText: 'Cliënten:' });
  for (let x = box.x + 75; x < box.x + box.width - 100; x += 12) {
    await app.mouse.move(x, box.y + box.height / 2);
    if ((await tooltip.count()) > 0 && (await tooltip.first().textContent())?.includes(`(${wijkCode})`)) break;
  }
  await expect(tooltip.first()).toContainText(`${wijkNaam} (${wijkCode})`);
  await expect(tooltip.first()).toContainText(/Kosten: €\s[\d.]+,\d{2}/);
  await app.screenshot({ path: 'test-results/screens/gemeente-grafiek-wijken-1366x768.png' });
  // What a screen reader hears: the chart's name, then ECharts' description in Dutch.
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`^Diagram: Cliënten en kosten per wijk\\. [^;]+: [\\d.]+ cliënten, €\\s[\\d.]+,\\d{2}; `));
  expect(await chart.getAttribute('aria-label')).toContain(`${wijkNaam}: `);

  // One quarter imported: no lone dot on an axis, a sentence and the table instead.
  const trend = app.getByTestId('panel-trend');
  await expect(app.getByTestId('geen-grafiek-trend')).toHaveText(/Alleen 2026Q3 is ingelezen: een verloop is pas te tekenen vanaf twee kwartalen/);
  await expect(trend.locator('.chart')).toHaveCount(0);
  await expect(app.getByTestId('table-trend').getByRole('row').nth(1)).toBeVisible();
  await trend.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-grafiek-trend-een-kwartaal-1366x768.png' });

  const waaier = app.getByTestId('panel-waaier');
  await waaier.scrollIntoViewIfNeeded();
  await expect(waaier).toContainText('de legenda\'s noemen alle leefdomeinen en pijlers');
  await app.screenshot({ path: 'test-results/screens/gemeente-grafiek-waaier-1366x768.png' });

  // The saved picture is the chart plus a caption band above and below it.
  const png = await saveExport(harness, waaier, { button: 'PNG…', naam: 'waaier.png' });
  const drawn = (await waaier.locator('.chart').boundingBox())!;
  const saved = pngSize(png);
  expect(saved.width).toBe(Math.round(drawn.width) * 2);
  expect(saved.height).toBeGreaterThan(Math.round(drawn.height) * 2 + 100);

  // At the window's minimum width the legends still stand clear of the ring.
  await app.setViewportSize({ width: 1024, height: 768 });
  await waaier.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-grafiek-waaier-1024x768.png' });
});
