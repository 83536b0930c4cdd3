import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-acceptance-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20261, rows: 1000, outDir: fixtures });
});

/**
 * Acceptance of issue 16: a first-time data-aanleverancier gets from the first start to a written
 * delivery with the gemeente's four files (two quarterly exports, vertaaltabel, gebiedsindeling),
 * guided only by what the screens say: the Levering checklist's "oplossen bij …" links lead the way.
 */
test('first start to a written delivery with the four files of a gemeente, following the app’s own guidance', async ({ app, harness }) => {
  test.setTimeout(180_000);
  const started = Date.now();
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  const dir = path.join(fixtures, 'GM9903');
  const checklist = app.getByTestId('preflight');
  const follow = async (screen: string) => {
    await checklist.getByRole('link', { name: `oplossen bij ${screen}` }).first().click();
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(screen);
  };

  await expect(app.getByRole('heading', { name: 'Welkom bij Wijkmonitor' })).toBeVisible();
  await shell.chooseEdition('Gemeente-editie');

  // Start where the goal is; with nothing read in, Levering says where to begin.
  await shell.open('Levering');
  await app.getByRole('main').getByRole('link', { name: 'Importeren' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Importeren');

  // Importing needs a key: the refusal says so.
  await harness.scriptDialogs({ open: [[path.join(dir, 'export_2026Q2.csv')]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await app.getByLabel('Periode van de export').fill('2e kwartaal 2026');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByRole('alert')).toContainText('sleutel');
  await expect(app.getByRole('alert')).toBeInViewport();
  await shell.createKeyWithBackup(harness, 'een lange wachtwoordzin voor maasvoorde');

  // Both quarters, the periods written as people write them.
  await shell.open('Importeren');
  for (const [file, periode, code] of [
    ['export_2026Q2.csv', '2e kwartaal 2026', '2026Q2'],
    ['export_2026Q3.csv', 'Q3 2026', '2026Q3'],
  ] as const) {
    await harness.scriptDialogs({ open: [[path.join(dir, file)]] });
    await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
    // The previous file's form stays until the dialog answers: wait for this file to be the one shown.
    await expect(app.getByRole('button', { name: new RegExp(`^${file.replace('.', '\\.')}`) })).toHaveAttribute('aria-pressed', 'true');
    await expect(app.getByTestId('preview-grid')).toBeVisible();
    await app.getByLabel('Periode van de export').fill(periode);
    await expect(app.locator('#period-readback')).toContainText(`Wordt ingelezen als ${code}`);
    await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
    await expect(app.getByTestId('import-result')).toContainText(`${file} (${code})`);
    await expect(app.getByTestId('import-result')).toBeInViewport();
  }
  await expect(app.getByTestId('imported-files').getByRole('table')).toHaveCount(2);

  // From here the checklist leads: each open item links to the screen that fixes it.
  await shell.open('Levering');
  await expect(app.getByLabel('Periode')).toHaveValue('2026Q3');
  await follow('Instellingen');
  await app.getByLabel('Gemeentecode (CBS)').fill('GM9903');
  await app.getByLabel('Naam', { exact: true }).fill('Maasvoorde');
  await app.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(app.getByText('De gemeente is opgeslagen.')).toBeVisible();

  await shell.open('Levering');
  await follow('Producten');
  await harness.scriptDialogs({ open: [[path.join(dir, 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();

  await shell.open('Levering');
  await follow('Gebieden');
  await harness.scriptDialogs({ open: [[path.join(dir, 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByTestId('areas-grid')).toBeVisible();

  await shell.open('Levering');
  await follow('Kwaliteit');
  await expect(app.getByTestId('quality-report')).toContainText('vulgraad');
  await app.getByRole('button', { name: 'Bevindingen gezien, akkoord' }).click();
  await expect(app.getByTestId('acknowledgement')).toContainText('Bevindingen gezien en akkoord op');

  await shell.open('Levering');
  await expect(checklist.locator('li.open')).toHaveCount(0);
  await app.getByRole('button', { name: 'Voorbeeld tonen' }).click();
  await expect(app.getByTestId('row-origin')).toContainText('rijen uit de exports worden geleverd');
  const out = path.join(harness.dataDir, 'GM9903_2026Q3_levering.zip');
  await harness.scriptDialogs({ save: [out] });
  await app.getByRole('button', { name: 'Levering opslaan…' }).click();
  const done = app.getByRole('status').filter({ hasText: 'Levering opgeslagen' });
  await expect(done).toContainText(`Levering opgeslagen: ${out}`);
  await expect(done).toBeInViewport();
  await done.getByRole('button', { name: 'Map openen' }).click();
  await expect.poll(() => harness.shownInFolder()).toEqual([out]);
  await app.screenshot({ path: 'test-results/screens/gemeente-acceptatie-levering-geschreven-1366x768.png' });
  await expect(app.getByTestId('delivery-history')).toContainText('GM9903_2026Q3_levering.zip');
  expect(Date.now() - started).toBeLessThan(10 * 60_000);
});
