import ExcelJS from 'exceljs';
import { allDeliveries, startAnalist } from './CentralPage.ts';
import { AppPage } from './AppPage.ts';
import { centralFixtures } from './centralFixtures.ts';
import { expect, test, type RunningHarness } from './harnessFixture.ts';
import { saveWorkbook } from './savedExport.ts';
import type { Locator } from '@playwright/test';

// The fixtures' 200-row exports: enough clients for an sr on at least 5 expected (the internal view runs no disclosure control).
const fixtures = centralFixtures();

test('Instellingen: a threshold is validated by the core, saved, undone, kept across a reload and reset to its default', async ({ app }) => {
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Analist-editie');
  await shell.open('Instellingen');
  await expect(app.getByTestId('thresholds')).toContainText('Een strengere drempel geldt vanaf de volgende export');

  const minimum = app.getByTestId('drempel-minimum_clienten');
  const value = minimum.getByLabel('Waarde (cliënten)');
  await expect(value).toHaveValue('5');
  await expect(minimum.getByRole('button', { name: 'Standaard herstellen (5)' })).toBeDisabled();
  // Lower than the project's rule: refused, in Dutch, and nothing stored.
  await value.fill('4');
  await minimum.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(minimum.getByRole('alert')).toHaveText('Minimum aantal cliënten per gepubliceerde cel: mag alleen strenger dan de afspraak van het project: 5 cliënten of meer, niet 4.');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await value.fill('tien');
  await minimum.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(minimum.getByRole('alert')).toHaveText("Minimum aantal cliënten per gepubliceerde cel: 'tien' is geen getal (bijvoorbeeld 5).");

  await value.fill('10');
  await minimum.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(minimum.getByRole('status')).toHaveText('Opgeslagen: 10 cliënten (was 5).');
  await expect(minimum).toContainText('onder de 10 cliënten');
  await expect(minimum).toContainText(/Gewijzigd op \d{2}-\d{2}-\d{4}/);
  await minimum.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(minimum.getByRole('status')).toHaveText('Teruggezet op 5 cliënten.');
  await expect(value).toHaveValue('5');

  // An nl-NL number with a thousands point; a waarschuwing above its fout is refused.
  const small = app.getByTestId('drempel-kleine_wijk');
  await small.getByLabel('Waarde (inwoners)').fill('3.000');
  await small.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(small.getByRole('status')).toHaveText('Opgeslagen: 3.000 inwoners (was 2.500).');
  const warning = app.getByTestId('drempel-plausibiliteit.verandering_clienten.waarschuwing');
  await warning.getByLabel('Waarde (%)').fill('60');
  await warning.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(warning.getByRole('alert')).toHaveText(/de drempel voor een waarschuwing moet lager liggen dan die voor een fout \(50 %\), niet 60\.$/);

  await value.fill('12');
  await minimum.getByRole('button', { name: 'Drempel opslaan' }).click();
  await expect(minimum.getByRole('status')).toHaveText('Opgeslagen: 12 cliënten (was 5).');
  await minimum.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-instellingen-drempels-1366x768.png' });

  await app.reload();
  await shell.open('Instellingen');
  await expect(value).toHaveValue('12');
  await expect(small.getByLabel('Waarde (inwoners)')).toHaveValue('3.000');
  await minimum.getByRole('button', { name: 'Standaard herstellen (5)' }).click();
  await expect(value).toHaveValue('5');
  await expect(minimum).toContainText('Dit is de standaardwaarde.');
  // Each change is in the analyst's log, old and new value.
  const log = (await app.evaluate(`window.wijkmonitor.central.auditLog({ limit: 10 }).then((r) => r.result)`)) as { action: string; details: { drempel: string; van: number; naar: number } }[];
  expect(log.filter((e) => e.action === 'drempel gewijzigd').map((e) => [e.details.drempel, e.details.van, e.details.naar])).toEqual([
    ['minimum_clienten', 12, 5],
    ['minimum_clienten', 5, 12],
    ['kleine_wijk', 2500, 3000],
    ['minimum_clienten', 10, 5],
    ['minimum_clienten', 5, 10],
  ]);
});

/** Saves a panel's table with its Excel button (the dialog answered with `naam` in the data folder) and opens the file. */
async function saveExcel(harness: RunningHarness, panel: Locator, naam: string): Promise<ExcelJS.Worksheet> {
  return (await saveWorkbook(harness, panel, { button: 'Excel (intern)…', naam })).worksheets[0]!;
}

/** Every cell of a sheet's rows from `from` on, as Excel holds them. */
function sheetRows(sheet: ExcelJS.Worksheet, from: number): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n >= from) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

test('Benchmark: the sr table and the funnel table each save as Excel, the internal view marked intern, with the rows the screen shows', async ({ app, harness }) => {
  test.setTimeout(300_000);
  const shell = await startAnalist(app, harness, allDeliveries(fixtures));
  await harness.scriptDialogs({ open: [[fixtures.cbsFixture]] });
  const reference = (await app.evaluate(`window.wijkmonitor.central.reference({ jaar: 2024 })`)) as { result: { status: string }[] };
  expect(reference.result.map((r) => r.status)).toEqual(['nieuw']);

  await shell.open('Benchmark');
  await app.getByTestId('benchmark-intern').check();
  await expect(app.getByTestId('benchmark-gemeente').locator('option')).toHaveCount(3, { timeout: 120_000 });
  // Maasvoorde: the fixture gemeente with the most clients.
  await app.getByTestId('benchmark-gemeente').selectOption('GM9903');
  await app.getByTestId('benchmark-dimensie').selectOption('pijler=WMO');
  const panel = app.getByTestId('panel-sr');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Gestandaardiseerde ratio (SR) met 95 %-interval (intern)');
  await panel.getByRole('button', { name: 'Tabel tonen' }).click();
  const grid = app.getByTestId('sr-tabel');
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  // The grid's body rows in the order shown (aria-rowindex; the header is row 1).
  const shown = await grid.getByRole('row').evaluateAll((rows) =>
    rows
      .filter((r) => r.querySelector('[role=gridcell]'))
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent!.trim())),
  );

  const sheet = await saveExcel(harness, panel, 'sr-intern.xlsx');
  const asked = (await (await fetch(`${harness.origin}/__harness/dialogs`, { headers: { authorization: `Bearer ${harness.token}` } })).json()) as { kind: string; title: string }[];
  expect(asked.at(-1)).toEqual({ kind: 'save', title: expect.stringMatching(/^Gestandaardiseerde ratio \(SR\) met 95 %-interval: wijken van .+, 2026Q3, pijler: WMO \(intern\) opslaan$/) });

  expect(sheet.name).toBe('Intern');
  expect(String(sheet.getCell('A1').value)).toMatch(/^INTERN — niet onderdrukte cijfers/);
  expect(String(sheet.getCell('A2').value)).toMatch(/^Gestandaardiseerde ratio \(SR\) met 95 %-interval: wijken van /);
  const [header, ...rows] = sheetRows(sheet, 4);
  expect(header).toEqual(['Gebied', 'SR', 'Ondergrens (95 %)', 'Bovengrens (95 %)']);
  // The rows the table view showed, in its order: the area, and an sr inside its interval or why there is none.
  expect(rows.map((r) => r[0])).toEqual(shown.map((r) => r[0]));
  expect(rows.length).toBeGreaterThan(1);
  for (const [gebied, sr, onder, boven] of rows) {
    if (typeof sr === 'number') {
      expect(onder as number).toBeLessThanOrEqual(sr);
      expect(boven as number).toBeGreaterThanOrEqual(sr);
      expect(shown.find((r) => r[0] === gebied)![1]).toBe(sr.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));
    } else if (sr === undefined) {
      // No figure at all: an empty cell, a dash on screen (never 0).
      expect(shown.find((r) => r[0] === gebied)![1]).toBe('–');
    } else expect(sr).toBe('verwacht < 5');
  }
  expect(rows.some((r) => typeof r[1] === 'number')).toBe(true);
  expect(sheet.getColumn(2).numFmt).toBe('#,##0.0');

  // The funnel's table: every wijk with its expected count and sr.
  const funnel = app.getByTestId('panel-trechter');
  await funnel.getByRole('button', { name: 'Tabel tonen' }).click();
  const funnelRows = await app.getByTestId('trechter-tabel').getByRole('row').filter({ has: app.getByRole('gridcell') }).count();
  const funnelSheet = await saveExcel(harness, funnel, 'trechter-intern.xlsx');
  const [funnelHeader, ...funnelData] = sheetRows(funnelSheet, 4);
  expect(String(funnelSheet.getCell('A1').value)).toMatch(/^INTERN/);
  expect(funnelHeader).toEqual(['Wijk', 'Naam', 'Gemeente', 'Verwacht', 'SR']);
  expect(funnelData).toHaveLength(funnelRows);
  for (const r of funnelData) expect(r[3] as number).toBeGreaterThanOrEqual(5);
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-sr-tabel-1366x768.png' });
});
