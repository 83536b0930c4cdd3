import type { Page } from '@playwright/test';
import { rec, writeTestDelivery } from '../../core/central/centralTestKit.ts';
import { tempDir } from '../../core/testing/tempDir.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';

/*
 * The analyst's Benchmark with a levering v2: GM9901 delivers € 3.700 of lasten for product P1
 * beside 37 clients with € 100 each, GM9902 a levering v1. The internal view offers each cost
 * figure also without toerekening and allocated, in the figure choice and in the table.
 */
async function deliveries(): Promise<string[]> {
  const dir = tempDir('wm-e2e-lasten-benchmark-');
  const clients = (gemeente: string, wijk: string, n: number, from: number, begindatum = '2026-04-01') =>
    Array.from({ length: n }, (_, j) => rec({ client: (from + j).toString(16).padStart(32, '0'), wijk, begindatum, einddatum: begindatum < '2026-04-01' ? '2026-03-31' : null, kosten: 100, pijler: 'WMO', productcode: 'P1', huishouden: `${gemeente}-${from + j}` }));
  return [
    // 2026Q1, the trend's ijkperiode: the same 37 clients with € 100 each, € 1.000 of lasten.
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q1', dir, records: [...clients('GM9901', 'WK990101', 20, 0, '2026-01-01'), ...clients('GM9901', 'WK990102', 17, 100, '2026-01-01')], lasten: [{ productcode: 'P1', aanbieder: '', kosten: 1000 }] }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q1', dir, records: clients('GM9902', 'WK990201', 30, 1000, '2026-01-01') }),
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir, records: [...clients('GM9901', 'WK990101', 20, 0), ...clients('GM9901', 'WK990102', 17, 100)], lasten: [{ productcode: 'P1', aanbieder: '', kosten: 3700 }] }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir, records: clients('GM9902', 'WK990201', 30, 1000) }),
  ];
}

const call = <T,>(page: Page, script: string) => page.evaluate(script) as Promise<T>;

test('Benchmark (intern): each cost figure with and without toerekening and the allocated part', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Analist-editie');
  await harness.scriptDialogs({ open: [await deliveries()] });
  const lines = await call<{ uitkomst: string }[]>(app, `window.wijkmonitor.central.import({ jobId: 'intake' }).then((r) => r.result)`);
  expect(lines.map((l) => l.uitkomst)).toEqual(['nieuw', 'nieuw', 'nieuw', 'nieuw']);

  await shell.open('Benchmark');
  await app.getByTestId('benchmark-intern').check();
  await expect(app.getByTestId('benchmark-weergave')).toContainText('Intern');
  const choice = app.getByTestId('benchmark-indicator');
  await expect(choice.locator('option', { hasText: 'Kosten zonder toerekening' })).toHaveCount(1, { timeout: 60_000 });
  await expect(choice.locator('option', { hasText: 'Kosten toegerekend' })).toHaveCount(1);
  await choice.selectOption('kosten_toegerekend');
  await expect(app.getByTestId('panel-vergelijking').getByRole('heading', { level: 2 })).toContainText('Kosten toegerekend');

  await app.getByTestId('panel-vergelijking').getByRole('button', { name: 'Tabel tonen' }).click();
  const table = app.getByTestId('benchmark-tabel');
  for (const titel of ['Kosten met toerekening', 'Kosten zonder toerekening', 'Kosten toegerekend']) await expect(table.getByRole('columnheader', { name: titel })).toHaveCount(1);
  // GM9901's row: 7 400 with, 3 700 recorded per client, 3 700 allocated.
  const gemeente = table.getByRole('row').filter({ hasText: 'GM9901' }).filter({ hasText: 'Testgemeente' });
  await expect(gemeente.locator('[col-id="kosten"]')).toHaveText('€ 7.400,00');
  await expect(gemeente.locator('[col-id="kosten_client"]')).toHaveText('€ 3.700,00');
  await expect(gemeente.locator('[col-id="kosten_toegerekend"]')).toHaveText('€ 3.700,00');
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-toerekening-1366x768.png' });

  // The internal trend against 2026Q1 offers the same three costs; zonder toerekening GM9901 stays at € 3.700, the allocated part grows from € 1.000.
  const trend = app.getByTestId('panel-trend');
  await app.getByTestId('trend-indicator').selectOption('kosten');
  const bron = app.getByTestId('trend-kostenbron');
  await expect(bron.locator('option')).toHaveText(['met toerekening', 'zonder toerekening', 'toegerekend'], { timeout: 60_000 });
  await trend.getByRole('button', { name: 'Tabel tonen' }).click();
  const trendRow = () => app.getByTestId('trend-tabel').getByRole('row').filter({ hasText: 'GM9901' });
  await expect(trendRow().locator('[col-id="ijkwaarde"]')).toHaveText('€ 4.700,00');
  await expect(trendRow().locator('[col-id="waarde"]')).toHaveText('€ 7.400,00');
  await bron.selectOption({ label: 'zonder toerekening' });
  await expect(trendRow().locator('[col-id="ijkwaarde"]')).toHaveText('€ 3.700,00');
  await expect(trendRow().locator('[col-id="waarde"]')).toHaveText('€ 3.700,00');
  await bron.selectOption({ label: 'toegerekend' });
  await expect(trendRow().locator('[col-id="ijkwaarde"]')).toHaveText('€ 1.000,00');
  await expect(trendRow().locator('[col-id="waarde"]')).toHaveText('€ 3.700,00');
  await expect(trend.getByRole('heading', { level: 2 })).toContainText('(intern)');
  await trend.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-trend-toerekening-1366x768.png' });
});
