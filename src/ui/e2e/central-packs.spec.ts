import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GEMEENTEN, matrixCell, startAnalist } from './CentralPage.ts';
import { centralFixtures } from './centralFixtures.ts';
import { expect, test } from './harnessFixture.ts';
import { readWorkbook } from './savedExport.ts';

// One small quarter (20, 20 and 40 rows): disclosure control proves every suppressed cell with an
// LP, and this test is about the screen, not the solver's speed.
const fixtures = centralFixtures(40);
const PERIODE = '2026Q3';
const TOELICHTING = 'Wijk Centrum: nieuwe aanbieder van huishoudelijke hulp sinds juli.';

/** The contents sheet (Inhoud) of a pack's workbook as label → value. */
async function contentsOf(xlsx: string): Promise<Map<string, string>> {
  const sheet = (await readWorkbook(xlsx)).getWorksheet('Inhoud')!;
  const contents = new Map<string, string>();
  sheet.eachRow((row) => contents.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  return contents;
}

test('Export: status and toelichting per gemeente, stored; the packs of the release with progress, cancel, result per gemeente and Toon in map', async ({ app, harness }) => {
  test.setTimeout(600_000);
  const shell = await startAnalist(app, harness, GEMEENTEN.map((g) => fixtures.levering(g, PERIODE)));
  for (const g of ['GM9902', 'GM9903']) {
    await matrixCell(app, g, PERIODE).click();
    await app.getByLabel('Akkoord gegeven door (naam of functie bij de gemeente)').fill('Afdeling onderzoek');
    await app.getByRole('button', { name: 'Akkoord van de gemeente vastleggen' }).click();
    await expect(matrixCell(app, g, PERIODE)).toHaveText(/akkoord/);
  }
  await shell.open('Export');
  const settings = app.getByTestId('pack-settings');
  // Only the approved gemeenten get a pack; GM9901 gave no akkoord.
  await expect(settings.locator('tbody tr')).toHaveCount(2);
  await expect(settings.getByRole('row', { name: /GM9901/ })).toHaveCount(0);
  const gm9903 = settings.getByRole('row', { name: /GM9903 Maasvoorde/ });
  await expect(gm9903).toContainText(/\d{2}-\d{2}-\d{4}/);
  await expect(gm9903).toContainText('nog niet gezet');
  await expect(app.getByLabel('Status van GM9903 Maasvoorde')).toHaveValue('voorlopig');

  await app.getByLabel('Status van GM9903 Maasvoorde').selectOption('definitief');
  await app.getByLabel('Toelichting van GM9903 Maasvoorde').fill(TOELICHTING);
  await gm9903.getByRole('button', { name: 'Opslaan (GM9903)' }).click();
  await expect(gm9903).toContainText(/\d{2}-\d{2}-\d{4}, \d{2}:\d{2}/);
  // Stored in the core, not in the page: another screen and back shows the same.
  await shell.open('Leveringen');
  await shell.open('Export');
  await expect(app.getByLabel('Status van GM9903 Maasvoorde')).toHaveValue('definitief');
  await expect(app.getByLabel('Toelichting van GM9903 Maasvoorde')).toHaveValue(TOELICHTING);
  await expect(app.getByLabel('Status van GM9902 Lindewaarde')).toHaveValue('voorlopig');

  // The release's ijkperiode: the default until chosen; no earlier quarter is published here.
  const ijk = app.getByLabel(/^Ijkperiode/);
  await expect(ijk).toHaveValue('');
  await expect(app.getByTestId('pack-ijk-published')).toContainText('Nog geen eerdere publicatie opgeslagen.');
  await expect(ijk.locator('option')).toHaveText([/^standaard: 2025Q3 als die gepubliceerd is/, 'geen ijkperiode']);
  await ijk.selectOption('geen');
  await shell.open('Leveringen');
  await shell.open('Export');
  await expect(ijk).toHaveValue('geen');

  const make = app.getByRole('button', { name: /^Pakketten maken \(2 van 2\)…$/ });
  const first = path.join(harness.dataDir, 'pakketten-geannuleerd');
  // Cancelled while it runs: said so.
  await harness.scriptDialogs({ save: [first] });
  await make.click();
  await expect(app.getByRole('progressbar', { name: 'Voortgang van de pakketten' })).toBeVisible();
  await app.getByRole('button', { name: 'Annuleren' }).click();
  await expect(app.getByRole('alert')).toHaveText(/^Geannuleerd\./, { timeout: 120_000 });
  await expect(app.getByTestId('pack-results')).toHaveCount(0);

  const out = path.join(harness.dataDir, 'pakketten');
  mkdirSync(out, { recursive: true });
  await harness.scriptDialogs({ save: [out] });
  await make.click();
  const results = app.getByTestId('pack-results');
  await expect(results.getByRole('status')).toContainText(`2 van 2 pakketten gemaakt in ${out}`, { timeout: 480_000 });
  await expect(results.getByRole('row', { name: /^GM9903 Maasvoorde/ })).toContainText('gemaakt, definitief, met toelichting, geen ijkperiode');
  await expect(results.getByRole('row', { name: /^GM9903 Maasvoorde/ })).toContainText('Geen ijkperiode: voor deze release is gekozen niet met een eerdere periode te vergelijken.');
  await expect(results.getByRole('row', { name: /^GM9902 Lindewaarde/ })).toContainText('gemaakt, voorlopig, zonder toelichting');
  await expect(results.getByRole('row', { name: /^GM9903 Maasvoorde/ })).toContainText(`GM9903_${PERIODE}_pakket.xlsx (Excel)`);
  const files = ['benchmark.zip', 'dataset.csv', 'dataset.parquet', 'pakket.xlsx', 'rapportage.pdf'];
  expect(readdirSync(out).sort()).toEqual(['GM9902', 'GM9903'].flatMap((g) => files.map((f) => `${g}_${PERIODE}_${f}`)));

  const contents = await contentsOf(path.join(out, `GM9903_${PERIODE}_pakket.xlsx`));
  expect(contents.get('Status')).toBe('definitief');
  expect(contents.get('Toelichting')).toBe(TOELICHTING);
  expect(contents.get('Ijkperiode')).toBe('geen ijkperiode');
  const other = await contentsOf(path.join(out, `GM9902_${PERIODE}_pakket.xlsx`));
  expect(other.get('Status')).toBe('voorlopig');
  expect(other.get('Toelichting')).toBe('(geen toelichting)');

  await results.getByRole('button', { name: 'Toon in map (GM9903)' }).click();
  await expect.poll(() => harness.shownInFolder()).toEqual([path.join(out, `GM9903_${PERIODE}_pakket.xlsx`)]);
  // At the screen's size, scrolled to the packs: the settings, the button and the results.
  await app.getByRole('heading', { name: 'Pakketten per gemeente' }).scrollIntoViewIfNeeded();
  await app.getByRole('heading', { name: 'Pakketten per gemeente' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await app.screenshot({ path: 'test-results/screens/analist-pakketten-1366x768.png' });

  // A chosen subset: only that gemeente's pack, into another folder.
  const subset = path.join(harness.dataDir, 'pakketten-gm9902');
  mkdirSync(subset, { recursive: true });
  await app.getByLabel('Pakket van GM9903 Maasvoorde maken').uncheck();
  await harness.scriptDialogs({ save: [subset] });
  await app.getByRole('button', { name: /^Pakketten maken \(1 van 2\)…$/ }).click();
  await expect(results.getByRole('status')).toContainText(`1 van 1 pakketten gemaakt in ${subset}`, { timeout: 480_000 });
  expect(readdirSync(subset).sort()).toEqual(files.map((f) => `GM9902_${PERIODE}_${f}`));

  // GM9902 delivers again (new key) while the screen still lists it: its akkoord was for version 1,
  // so its pack fails with the reason, and GM9903's is made all the same.
  await harness.scriptDialogs({ open: [[fixtures.nieuweSleutel]] });
  const intake = await app.evaluate(() => window.wijkmonitor.central.import({ jobId: 'herlevering' }).then((r) => (r.ok ? r.result.map((line) => line.uitkomst) : [r.error.message])));
  expect(intake).toEqual(['vervangt']);
  const again = path.join(harness.dataDir, 'pakketten-herlevering');
  mkdirSync(again, { recursive: true });
  await app.getByLabel('Pakket van GM9903 Maasvoorde maken').check();
  await harness.scriptDialogs({ save: [again] });
  await app.getByRole('button', { name: /^Pakketten maken \(2 van 2\)…$/ }).click();
  await expect(results.getByRole('status')).toContainText(`1 van 2 pakketten gemaakt in ${again}; 1 mislukt`, { timeout: 480_000 });
  await expect(results.getByRole('row', { name: /^GM9902 Lindewaarde/ })).toContainText(/niet gemaakt\s*GM9902 zit niet in de release van 2026Q3: geen actuele levering met akkoord/);
  await expect(results.getByRole('row', { name: /^GM9903 Maasvoorde/ })).toContainText('gemaakt, definitief, met toelichting');
  expect(readdirSync(again).sort()).toEqual(files.map((f) => `GM9903_${PERIODE}_${f}`));
});
