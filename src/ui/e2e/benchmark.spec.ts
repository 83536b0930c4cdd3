import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rec, writeTestDelivery } from '../../core/central/centralTestKit.ts';
import { tempDir } from '../../core/testing/tempDir.ts';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test, type RunningHarness } from './harnessFixture.ts';
import { saveExport, saveWorkbook } from './savedExport.ts';
import type { Page } from '@playwright/test';

/*
 * The analyst's Benchmark and the gemeente's wijk map, on the synthetic gemeenten: their CBS
 * Kerncijfers and GeoJSON from the fixture generator, deliveries of two quarters for each (built
 * as the gemeente edition writes them), two of the three approved for publication.
 */
const fixture = generatedFixtures();
/** The real CBS Kerncijfers 2024 of the whole country (fixtures/cbs, byte for byte from StatLine). */
const REAL_CBS_2024 = path.resolve(import.meta.dirname, '../../../fixtures/cbs/kwb2024_85984NED_statline-export_NL.csv');

type Feature = { properties: { wijkcode: string; gemeentecode: string } };

/** Deliveries of 2026Q2 and 2026Q3 per fixture gemeente: clients spread over its wijken, one wijk small enough to be suppressed. */
async function deliveries(): Promise<string[]> {
  const features = (JSON.parse(readFileSync(fixture('geo', 'wijken.geojson'), 'utf8')) as { features: Feature[] }).features;
  const byGemeente = new Map<string, string[]>();
  for (const f of features) byGemeente.set(f.properties.gemeentecode, [...(byGemeente.get(f.properties.gemeentecode) ?? []), f.properties.wijkcode]);
  const dir = tempDir('wm-e2e-leveringen-');
  const files: string[] = [];
  for (const [g, wijken] of byGemeente) {
    for (const [periode, begin, extra] of [['2026Q2', '2026-04-01', 0], ['2026Q3', '2026-07-01', 4]] as const) {
      const recs = wijken.flatMap((wijk, i) => {
        // The last wijk has 3 clients: published, it is suppressed.
        const n = i === wijken.length - 1 ? 3 : 12 + ((i * 7) % 15) + extra;
        // Pseudonyms (32 hex) per wijk and client, the same in both quarters: clients stay, a few are new.
        const client = (j: number) => (i * 1000 + j).toString(16).padStart(32, '0');
        return Array.from({ length: n }, (_, j) =>
          j % 2 === 0
            ? rec({ client: client(j), wijk, begindatum: begin, kosten: 250, leeftijd: 70 + (j % 20), geslacht: '2', pijler: 'WMO' })
            : rec({ client: client(j), wijk, begindatum: begin, kosten: 400, leeftijd: 5 + (j % 60), geslacht: '1', pijler: i % 2 ? 'JW' : 'WMO', voorziening: i % 2 ? 'JW-01' : 'WMO-02' }),
        );
      });
      files.push(await writeTestDelivery({ gemeente: g, naam: `Testgemeente ${g}`, periode, records: recs, dir }));
    }
  }
  return files;
}

async function call<T>(page: Page, script: string): Promise<T> {
  return page.evaluate(script) as Promise<T>;
}

async function analystWithData(app: Page, harness: RunningHarness): Promise<AppPage> {
  const shell = new AppPage(app);
  await shell.chooseEdition('Analist-editie');
  // Leveringen and Referentiedata are screens of their own (another part of this issue); here the
  // data goes in through the same API calls those screens make.
  await harness.scriptDialogs({ open: [await deliveries()] });
  const lines = await call<{ uitkomst: string }[]>(app, `window.wijkmonitor.central.import({ jobId: 'intake' }).then((r) => r.result)`);
  expect(lines.map((l) => l.uitkomst)).toEqual(Array(6).fill('nieuw'));
  return shell;
}

async function approve(app: Page): Promise<void> {
  for (const g of ['GM9901', 'GM9902']) {
    for (const periode of ['2026Q2', '2026Q3']) {
      const r = await call<{ ok: boolean }>(app, `window.wijkmonitor.central.approve({ gemeente: '${g}', periode: '${periode}', door: 'e2e' })`);
      expect(r.ok).toBe(true);
    }
  }
}

/** The real CBS file of the whole country with the fixture gemeenten' Kerncijfers beside it (same year), and the fixture wijken' GeoJSON. */
async function referenceData(app: Page, harness: RunningHarness): Promise<void> {
  await harness.scriptDialogs({ open: [[REAL_CBS_2024, fixture('cbs', 'kerncijfers_wijken_buurten_2024.csv'), fixture('geo', 'wijken.geojson')]] });
  const reference = await call<{ ok: boolean; result: { status: string }[] }>(app, `window.wijkmonitor.central.reference({ jaar: 2024 })`);
  expect(reference.result.map((r) => r.status)).toEqual(['nieuw', 'nieuw', 'nieuw']);
}

test('Benchmark: the published view shows suppressed cells as suppressed, the internal one says intern everywhere, exports included', async ({ app, harness }) => {
  test.setTimeout(180_000);
  const shell = await analystWithData(app, harness);
  await referenceData(app, harness);
  await shell.open('Benchmark');
  // Before any akkoord a publication holds nothing, and the screen says so.
  await expect(app.getByTestId('benchmark-geen-akkoord')).toBeVisible({ timeout: 60_000 });
  await approve(app);
  // Reference groups over the whole country (the real file) with the fixture wijken among them, made on their screen.
  await shell.open('Referentiegroepen');
  await app.getByRole('button', { name: 'Referentiegroepen berekenen' }).click();
  const summary = app.getByTestId('groepen-samenvatting');
  await expect(summary).toContainText(/groepen over [\d.]+ wijken uit de CBS Kerncijfers 2024/, { timeout: 120_000 });
  const grouped = Number((await summary.innerText()).match(/groepen over ([\d.]+) wijken/)![1]!.replaceAll('.', ''));
  // The map by group is the fixture wijken' GeoJSON: every wijk on it has a group (the others are the rest of the country).
  const onMap = (JSON.parse(readFileSync(fixture('geo', 'wijken.geojson'), 'utf8')) as { features: Feature[] }).features.length;
  const groupMap = app.getByTestId('groepen-kaart-inhoud');
  await expect(groupMap).toContainText(`Kaart 2024: ${onMap} wijken; ${(grouped - onMap).toLocaleString('nl-NL')} wijken met een cijfer staan niet op de kaart`);
  await expect(groupMap.locator('canvas')).toBeVisible();
  await groupMap.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-referentiegroepen-fixturekaart-1366x768.png' });
  await groupMap.getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(groupMap.getByTestId('groepen-kaart-inhoud-tabel').getByRole('gridcell', { name: /^RG\d\d / }).first()).toBeVisible();
  await shell.open('Benchmark');
  await expect(app.getByTestId('benchmark-weergave')).toContainText('Zoals gepubliceerd');
  await expect(app.getByTestId('benchmark-onderdrukking')).toContainText('primair');
  // Only the approved gemeenten are in a publication.
  await expect(app.getByTestId('benchmark-gemeente').locator('option')).toHaveText(['Testgemeente GM9901 (GM9901)', 'Testgemeente GM9902 (GM9902)']);
  await app.getByTestId('benchmark-dimensie').selectOption('pijler=WMO');
  await expect(app.getByTestId('panel-sr')).toBeVisible();
  await expect(app.getByTestId('panel-trechter').locator('canvas')).toBeVisible();
  await expect(app.getByTestId('benchmark-kaart-inhoud').locator('canvas')).toBeVisible();
  await app.getByTestId('panel-vergelijking').getByRole('button', { name: 'Tabel tonen' }).click();
  const table = app.getByTestId('benchmark-tabel');
  await expect(table).toContainText('onderdrukt');
  await expect(table).toContainText('Alle deelnemende gemeenten');
  // The reference groups of the gemeente's wijken are in the publication too, as rows of their own.
  await expect(table.getByRole('gridcell', { name: /^RG\d\d$/ }).first()).toBeVisible();
  await expect(app.getByText('Er zijn nog geen referentiegroepen berekend')).toHaveCount(0);
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-gepubliceerd-1366x768.png' });
  // The published trend compares stored publications, and none is stored yet: it says so. Flows
  // have no disclosure control: the published view says so instead of showing them.
  await expect(app.getByTestId('panel-trend')).toContainText('nog geen publicatie opgeslagen');
  await expect(app.getByTestId('panel-trend').getByRole('heading', { level: 2 })).toContainText('(uit de publicaties)');
  await expect(app.getByTestId('stromen-niet-publiceerbaar')).toBeVisible();

  // The funnel has no point for a suppressed wijk; its table lists it as suppressed.
  await app.getByTestId('panel-trechter').getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(app.getByTestId('trechter-tabel').getByRole('gridcell', { name: 'onderdrukt' }).first()).toBeAttached();
  await app.getByTestId('panel-trechter').getByRole('button', { name: 'Grafiek tonen' }).click();
  // The map: the suppressed wijk is grey and says so in the table view.
  await app.getByTestId('benchmark-kaart-inhoud').getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(app.getByTestId('benchmark-kaart-inhoud-tabel')).toContainText('onderdrukt');

  // One wijk against its gemeente and all.
  const wijk = (await app.getByTestId('benchmark-wijk').locator('option').nth(1).getAttribute('value'))!;
  await app.getByTestId('benchmark-wijk').selectOption(wijk);
  await expect(app.getByRole('heading', { name: /tegen referentiegroep, gemeente en alle/ })).toBeVisible();
  // The wijk, its reference group, its gemeente and all, each a bar (or said suppressed).
  await app.getByTestId('panel-vergelijking').getByRole('button', { name: 'Grafiek tonen' }).click();
  const bars = app.getByTestId('panel-vergelijking').getByRole('img');
  await expect(bars).toHaveAttribute('aria-label', /\(wijk\) [^;]+; RG\d\d \(referentiegroep\) [^;]+; .+ \(gemeente\) [^;]+; Alle deelnemende gemeenten /);
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-wijk-referentiegroep-1366x768.png' });
  await app.getByTestId('panel-vergelijking').getByRole('button', { name: 'Tabel tonen' }).click();

  await saveExport(harness, app.getByTestId('panel-vergelijking'), { button: 'Excel…', naam: 'benchmark.xlsx' });

  // Internal: every current delivery (GM9903 too), marked intern on screen and in the export.
  // The internal trend is the engine over two periods: it shows its progress and can be cancelled.
  // Its call and the cancel are held in the browser so the order is fixed however fast the core is:
  // the trend starts, reports its first period, and only then does the cancel reach the core
  // (the first call of each is held until released; later ones pass at once).
  const held = async (call: string) => {
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    await app.route(`**/api/call/${call}`, async (route) => {
      if (first) {
        first = false;
        await until;
      }
      await route.continue();
    });
    return release;
  };
  const releaseTrend = await held('central.trendView');
  const releaseCancel = await held('jobs.cancel');
  await app.getByTestId('benchmark-intern').check();
  await expect(app.getByTestId('benchmark-weergave')).toContainText('Intern');
  const trend = app.getByTestId('panel-trend');
  await expect(trend.getByRole('progressbar', { name: 'Voortgang van de trend' })).toBeVisible();
  await trend.getByRole('button', { name: 'Annuleren' }).click();
  releaseTrend();
  await expect(trend.getByRole('status')).toContainText('cijfers van 2026Q2 berekenen (intern)', { timeout: 60_000 });
  releaseCancel();
  await expect(trend.getByRole('alert')).toHaveText('De trend is geannuleerd; er is niets opgeslagen.', { timeout: 60_000 });
  await app.unrouteAll({ behavior: 'wait' });
  await expect(trend.locator('canvas')).toHaveCount(0);
  // …and is made anew when the view is chosen again.
  await app.getByTestId('benchmark-intern').uncheck();
  await expect(app.getByTestId('benchmark-weergave')).toContainText('Zoals gepubliceerd');
  await app.getByTestId('benchmark-intern').check();
  // The internal figures take the whole engine once more (then they are kept until the catalogue changes).
  await expect(app.getByTestId('benchmark-gemeente').locator('option')).toHaveCount(3, { timeout: 60_000 });
  for (const id of ['panel-vergelijking', 'panel-sr', 'panel-trechter', 'panel-kaart', 'panel-trend', 'panel-stromen']) await expect(app.getByTestId(id).getByRole('heading', { level: 2 })).toContainText('(intern)');
  await expect(app.getByTestId('benchmark-tabel')).not.toContainText('onderdrukt');
  // The trend and the waterbed run the engine again, as jobs: on a loaded machine that takes more than an expect's 5 s.
  await expect(app.getByTestId('panel-trend').locator('canvas')).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('stromen-tabel')).toContainText('WMO', { timeout: 60_000 });
  expect(existsSync(await saveExport(harness, app.getByTestId('panel-vergelijking'), { button: 'Excel (intern)…', naam: 'benchmark-intern.xlsx' }))).toBe(true);
  await saveExport(harness, app.getByTestId('panel-stromen'), { button: 'CSV (intern)…', naam: 'verschuivingen-intern.csv' });
  await app.getByTestId('panel-sr').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-intern-1366x768.png' });
  await app.getByTestId('panel-trechter').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-trechter-1366x768.png' });
  await app.getByTestId('benchmark-kaart-inhoud').getByRole('button', { name: 'Kaart tonen' }).click();
  await app.getByTestId('panel-kaart').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/analist-benchmark-kaart-1366x768.png' });
});

test('Gemeente: the Overzicht shows any figure per wijk on the wijk map read from the same GeoJSON', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const shell = new AppPage(app);
  await shell.startGemeente(harness, [[fixture('GM9903', 'export_2026Q3.csv'), '2026Q3']], ['GM9903', 'Maasvoorde']);
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();
  await shell.open('Overzicht');
  const panel = app.getByTestId('panel-wijkkaart');
  await expect(panel.getByTestId('wijkkaart-geen-kaart')).toBeVisible();
  await harness.scriptDialogs({ open: [[fixture('geo', 'wijken.geojson')]] });
  await panel.getByRole('button', { name: 'Wijkkaart inlezen…' }).click();
  // The fixture's map has no year in its name or features: the import says so in Dutch, naming the file.
  await expect(panel.getByRole('alert')).toContainText('wijken.geojson: het jaar staat niet in het bestand of de bestandsnaam');
  await panel.getByTestId('wijkkaart-jaar').fill('2024');
  await harness.scriptDialogs({ open: [[fixture('geo', 'wijken.geojson')]] });
  await panel.getByRole('button', { name: 'Wijkkaart inlezen…' }).click();
  await expect(panel.getByTestId('wijkkaart').locator('canvas')).toBeVisible();
  await expect(panel.getByTestId('wijkkaart')).toContainText('Kaart 2024');
  await app.getByTestId('wijkkaart-indicator').selectOption({ label: 'Kosten' });
  await panel.getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(panel.getByTestId('wijkkaart-tabel')).toContainText('€');
  // The table the map draws saves as Excel (the gemeente's own figures, marked intern), a row per wijk on the map.
  const workbook = await saveWorkbook(harness, panel, { button: 'Excel…', naam: 'wijkkaart.xlsx' });
  const cells = workbook.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
  const gm9903 = (JSON.parse(readFileSync(fixture('geo', 'wijken.geojson'), 'utf8')) as { features: Feature[] }).features.filter((f) => f.properties.gemeentecode === 'GM9903').map((f) => f.properties.wijkcode);
  expect(gm9903.length).toBeGreaterThan(1);
  for (const wijk of gm9903) expect(cells.some((c) => c.includes(wijk))).toBe(true);
  await panel.getByRole('button', { name: 'Kaart tonen' }).click();
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/screens/gemeente-wijkkaart-1366x768.png' });
});
