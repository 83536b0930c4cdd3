import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';

/*
 * The benchmark round trip: the analyst edition (the real CLI over the real core) takes in two
 * gemeenten' deliveries, the CBS figures and reference groups, and writes GM9903's pack; the
 * gemeente edition (the real renderer through the harness) imports its benchmark file and the
 * Overzicht shows each wijk beside its reference group, the gemeente and all.
 */

const root = path.resolve(import.meta.dirname, '../../..');
// Few records on purpose: disclosure control over a release is slow (seconds here, minutes at 300 rows per gemeente).
const fixture = generatedFixtures(40, 20263);
const PERIODE = '2026Q3';
const SCREENS = path.join(root, 'test-results', 'screens');

// The CLI's own store in a folder of this test, never the user's (~/.config/Wijkmonitor).
const cliData = mkdtempSync(path.join(tmpdir(), 'wm-e2e-cli-data-'));

function cli(args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/wijkmonitor.js'), ...args], { encoding: 'utf8', env: { ...process.env, WIJKMONITOR_PASSPHRASE: 'e2e-benchmark-wachtwoordzin', WIJKMONITOR_DATA: cliData }, timeout: 300_000 });
  if (result.status !== 0) throw new Error(`wijkmonitor ${args[0]} ${args[1] ?? ''} stopte met ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** The analyst's side: deliveries of GM9902 and GM9903, CBS, groups, akkoord, GM9903's pack. */
function analystPack(): { dir: string; benchmark: string; pdf: string } {
  const work = mkdtempSync(path.join(tmpdir(), 'wm-e2e-analist-'));
  const db = path.join(work, 'analist');
  const key = path.join(work, 'sleutel.wmkey');
  cli(['key', 'create', '--out', key]);
  const deliveries = (
    [
      ['GM9902', 'export_2026Q3.csv'],
      ['GM9903', 'export_2026Q3.csv'],
    ] as const
  ).map(([gemeente, file]) => {
    const out = path.join(work, `${gemeente}_${PERIODE}_levering.zip`);
    cli(['deliver', '--key', key, '--gemeente', gemeente, '--period', PERIODE, '--products', fixture(gemeente, 'producten.csv'), '--areas', fixture(gemeente, 'gebieden.csv'), '--out', out, fixture(gemeente, file)]);
    return out;
  });
  cli(['central', 'import', '--db', db, ...deliveries]);
  cli(['central', 'reference', '--db', db, fixture('cbs', 'kerncijfers_wijken_buurten_2024.csv')]);
  cli(['central', 'groups', '--db', db, '--out', path.join(work, 'referentiegroepen.csv')]);
  for (const gemeente of ['GM9902', 'GM9903']) cli(['central', 'approve', '--db', db, '--gemeente', gemeente, '--period', PERIODE, '--door', 'e2e']);
  const out = path.join(work, 'pakketten');
  cli(['central', 'pack', '--db', db, '--period', PERIODE, '--gemeente', 'GM9903', '--status', 'definitief', '--out', out]);
  return { dir: out, benchmark: path.join(out, `GM9903_${PERIODE}_benchmark.zip`), pdf: path.join(out, `GM9903_${PERIODE}_rapportage.pdf`) };
}

test('benchmark round trip: the analyst writes the pack, the gemeente imports its benchmark file, the Overzicht shows it', async ({ app, harness }) => {
  test.setTimeout(600_000);
  const pack = analystPack();
  expect(readdirSync(pack.dir).sort()).toEqual(['benchmark.zip', 'dataset.csv', 'dataset.parquet', 'pakket.xlsx', 'rapportage.pdf'].map((f) => `GM9903_${PERIODE}_${f}`));

  // The PDF's first pages, at the size of the screen shots, in the artifacts.
  mkdirSync(SCREENS, { recursive: true });
  const pages = mkdtempSync(path.join(tmpdir(), 'wm-e2e-pdf-'));
  const render = spawnSync('pdftoppm', ['-png', '-f', '1', '-l', '2', '-scale-to-x', '1366', '-scale-to-y', '-1', pack.pdf, path.join(pages, 'pagina')], { encoding: 'utf8' });
  expect(render.status, render.stderr).toBe(0);
  const viewer = await app.context().newPage();
  await viewer.setViewportSize({ width: 1366, height: 768 });
  for (const [i, png] of readdirSync(pages).filter((f) => f.endsWith('.png')).sort().entries()) {
    await viewer.setContent(`<body style="margin:0"><img style="width:1366px" src="data:image/png;base64,${readFileSync(path.join(pages, png)).toString('base64')}"></body>`);
    await viewer.screenshot({ path: path.join(SCREENS, `pakket-rapportage-pagina-${i + 1}-1366x768.png`) });
  }
  await viewer.close();

  // The gemeente edition: its own records of the period, then the benchmark file.
  const shell = new AppPage(app);
  await shell.startGemeente(harness, [[fixture('GM9903', 'export_2026Q3.csv'), PERIODE]], ['GM9903', 'Maasvoorde']);
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid').getByRole('row').nth(1)).toBeVisible();

  await shell.open('Overzicht');
  const panel = app.getByTestId('panel-benchmark');
  await expect(panel.getByText('Nog geen benchmark')).toBeVisible();
  await harness.scriptDialogs({ open: [[pack.benchmark]] });
  await panel.getByRole('button', { name: 'Benchmarkbestand inlezen…' }).click();
  await expect(panel.getByRole('status')).toContainText(`Benchmark ${PERIODE} ingelezen (definitief)`);
  await expect(panel.getByTestId('benchmark-bron')).toContainText(/Centrale release van \d{1,2} \w+ 20\d\d · 2026Q3 · definitief/);
  const wijken = panel.locator('article.benchmark-wijk');
  await expect(wijken.first()).toBeVisible();
  const first = wijken.first();
  await expect(first.getByText(/^Referentiegroep RG\d\d: /)).toBeVisible();
  await expect(first.getByRole('columnheader')).toHaveText(['Indicator', 'Eigen wijk (intern)', 'Referentiegroep', 'Gemeente', 'Alle gemeenten']);
  // The own figure is the gemeente's own unsuppressed count; the release's gemeente and ALLE are numbers or the mark.
  const clients = first.getByRole('row', { name: /^Cliënten / });
  await expect(clients.getByRole('cell').nth(0)).toHaveText(/^\d{1,3}(\.\d{3})*$/);
  await expect(clients.getByRole('cell').nth(2)).toHaveText(/^(\d{1,3}(\.\d{3})*|×)$/);
  await expect(clients.getByRole('cell').nth(3)).toHaveText(/^(\d{1,3}(\.\d{3})*|×)$/);
  await expect(panel.getByText('Er zijn geen eigen gegevens')).toHaveCount(0);
  // The standardised ratio with its interval, from the release (a number in nl-NL or the mark).
  const figure = '(×|\\d{1,3}(\\.\\d{3})*(,\\d+)?)';
  await expect(panel.locator('.benchmark-sr li').first()).toHaveText(new RegExp(`^sr \\S+: ${figure} \\(95 %-interval ${figure} – ${figure}; 100 = zoals verwacht bij deze bevolkingsopbouw\\)$`));
  // The Overzicht's own tables have finished too: no call is still running in the core when the harness stops.
  await expect(app.getByText('Tabel wordt berekend…')).toHaveCount(0, { timeout: 180_000 });
  // The view as the screen shows it: the panel's top at the top of a 1366×768 window.
  await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await app.screenshot({ path: path.join(SCREENS, 'gemeente-benchmark-1366x768.png') });
});
