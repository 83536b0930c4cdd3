import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { allDeliveries, dropFiles, GEMEENTEN, matrixCell, resultRows, startAnalist } from './CentralPage.ts';
import { centralFixtures, naamOf, PERIODEN, wijkenOf } from './centralFixtures.ts';
import { expect, test } from './harnessFixture.ts';
import { saveExport, saveWorkbook, sheetTexts } from './savedExport.ts';

const fixtures = centralFixtures();
test('Leveringen: many zips at once, a refusal with its reason, a re-delivery, the feedback and the akkoord', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const shell = await startAnalist(app, harness, [...allDeliveries(fixtures), fixtures.kapot, fixtures.gewijzigd], { progress: true });
  const result = app.getByTestId('intake-result');
  for (const g of GEMEENTEN) {
    for (const p of PERIODEN) await expect(result.getByRole('row', { name: new RegExp(`^${g}_${p}_levering\\.zip nieuw ${g} ${p} 1`) })).toBeVisible();
  }
  await expect(result.getByRole('row', { name: /^GM9903_2026Q1_levering\.zip geweigerd — — —/ })).toContainText('GM9903_2026Q1_levering.zip is geen leesbaar zip-bestand');
  await expect(result.getByRole('row', { name: /^GM9902_2026Q1_levering\.zip geweigerd GM9902 2026Q1/ })).toContainText('voorzieningen.csv');
  // Refused with a readable manifest: in the matrix, red and in words.
  await expect(matrixCell(app, 'GM9902', '2026Q1')).toHaveText('geweigerd');
  await expect(matrixCell(app, 'GM9901', '2026Q1')).toHaveCount(0);
  await expect(matrixCell(app, 'GM9901', '2026Q3')).toHaveText('v1 voorlopig');
  await expect(app.getByTestId('delivery-matrix').locator('thead th')).toHaveText(['Gemeente', '2026Q1', ...PERIODEN]);
  // The per-file result is a grid: sorted by outcome the refusals come first; to Excel as shown, marked intern (row counts per delivery).
  await result.getByRole('columnheader', { name: 'Uitkomst' }).click();
  await expect(resultRows(result).first()).toHaveAccessibleName(/^GM990\d_2026Q1_levering\.zip geweigerd/);
  const sheet = (await saveWorkbook(harness, result, { button: 'Excel (intern)…', naam: 'inlezen.xlsx' })).worksheets[0]!;
  expect(String(sheet.getCell('A1').value)).toMatch(/^INTERN/);
  const written = sheetTexts(sheet);
  const header = written.findIndex((r) => r[0] === 'Bestand');
  expect(written[header]).toEqual(['Bestand', 'Uitkomst', 'Gemeente en periode', 'Versie', 'Voorzieningen', 'Toelichting']);
  expect(written.slice(header + 1).filter((r) => r[0]!.endsWith('.zip')).map((r) => r[1]).sort()).toEqual([...Array(2).fill('geweigerd'), ...Array(GEMEENTEN.length * PERIODEN.length).fill('nieuw')]);

  // Dropped: the re-delivery replaces version 1; a file already taken in is not read twice; a new key shows.
  await dropFiles(app, [fixtures.herlevering, fixtures.levering('GM9902', '2026Q2'), fixtures.nieuweSleutel]);
  await expect(resultRows(result)).toHaveCount(3, { timeout: 60_000 });
  await expect(result.getByRole('row', { name: /^GM9901_2026Q3_levering\.zip vervangt v1 GM9901 2026Q3 2/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /^GM9902_2026Q2_levering\.zip al aanwezig/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /^GM9902_2026Q3_levering\.zip vervangt v1 GM9902 2026Q3 2/ })).toContainText('Let op: andere sleutel dan de vorige levering van deze gemeente.');
  await expect(matrixCell(app, 'GM9901', '2026Q3')).toHaveText('v2 voorlopig');
  await expect(matrixCell(app, 'GM9902', '2026Q3')).toHaveText('v2 voorlopig · sleutel gewijzigd');
  await expect(matrixCell(app, 'GM9901', '2026Q2')).toHaveText('v1 voorlopig');
  await app.screenshot({ path: 'test-results/screens/analist-leveringen-1366x768.png' });

  // By keyboard: the cell is a button.
  await matrixCell(app, 'GM9901', '2026Q3').focus();
  await app.keyboard.press('Enter');
  const detail = app.getByTestId('delivery-detail');
  await expect(detail.getByRole('heading', { name: 'GM9901 Heidebroek, 2026Q3' })).toBeVisible();
  await expect(detail).toContainText('Versie 1, vervangen: GM9901_2026Q3_levering.zip');
  await expect(detail).toContainText('Versie 2, actueel');
  await detail.getByRole('button', { name: 'Terugkoppeling tonen' }).click();
  await expect(detail.getByTestId('findings-summary')).toHaveText(/^\d+ fout, \d+ waarschuwing, \d+ info$/, { timeout: 60_000 });
  await expect(detail.getByTestId('findings-grid').getByRole('columnheader', { name: 'Bevinding' })).toBeVisible();
  // One row per finding the summary counts.
  const counts = ((await detail.getByTestId('findings-summary').innerText()).match(/\d+/g) ?? []).map(Number);
  await expect(detail.getByTestId('findings-grid').getByRole('gridcell', { name: /^(fout|waarschuwing|info)$/ })).toHaveCount(counts.reduce((a, b) => a + b, 0));
  const xlsx = await saveExport(harness, detail, { button: 'Terugkoppeling opslaan als Excel…', naam: 'GM9901_2026Q3_terugkoppeling.xlsx', line: 'text', said: 'Terugkoppeling opgeslagen in', timeout: 60_000 });
  expect(existsSync(xlsx)).toBe(true);

  await expect(detail.getByTestId('approval-state')).toContainText('Versie 2 heeft nog geen akkoord');
  await detail.getByLabel('Akkoord gegeven door (naam of functie bij de gemeente)').fill('Teamleider onderzoek');
  await detail.getByRole('button', { name: 'Akkoord van de gemeente vastleggen' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Akkoord vastgelegd' })).toContainText('Akkoord vastgelegd voor GM9901 2026Q3 versie 2, gegeven door Teamleider onderzoek');
  await expect(matrixCell(app, 'GM9901', '2026Q3')).toHaveText(/^v2 akkoord \d{2}-\d{2}-\d{4}$/);
  await expect(detail.getByTestId('approval-state')).toContainText('Versie 2 heeft akkoord voor publicatie sinds');
  await app.screenshot({ path: 'test-results/screens/analist-levering-akkoord-1366x768.png', fullPage: true });

  // The log of the intake, with the refusal and the akkoord; and the list of every file received.
  const log = app.getByTestId('central-log');
  await log.scrollIntoViewIfNeeded();
  await expect(log.getByRole('gridcell', { name: 'akkoord vastgelegd' })).toBeVisible();
  await expect(log.getByRole('gridcell', { name: 'gemeente GM9901, periode 2026Q3, versie 2, door Teamleider onderzoek' })).toBeVisible();
  await expect(log.getByRole('gridcell', { name: 'levering geweigerd' })).toHaveCount(2);
  expect(existsSync(await saveExport(harness, app, { button: 'Opslaan als Excel…', exact: true, naam: 'leveringen.xlsx', line: 'text' }))).toBe(true);
});

test('Referentiedata: the real CBS file covers none of the fictional wijken, which the list says; the fixtures’ files do', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const shell = await startAnalist(app, harness, allDeliveries(fixtures));
  await shell.open('Referentiedata');
  const actions = app.getByTestId('reference-actions');
  await expect(actions).toContainText('Er zijn nog geen CBS Kerncijfers wijken en buurten ingelezen');

  await harness.scriptDialogs({ open: [[fixtures.cbsEcht]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  const result = app.getByTestId('reference-result');
  await expect(result.getByRole('row', { name: /^kwb2024_85984NED_statline-export_NL\.csv nieuw CBS Kerncijfers wijken en buurten 2024/ })).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText('342 gemeenten');
  for (const g of GEMEENTEN) await expect(actions).toContainText(new RegExp(`${g} ${naamOf(g)}: alle \\d+ wijken hebben geen inwonertal in CBS Kerncijfers wijken en buurten 2024`));
  await expect(actions).toContainText('Er is nog geen wijkkaart (GeoJSON) ingelezen');
  await app.getByRole('button', { name: 'Tabel tonen' }).click();
  await expect(app.getByTestId('coverage-table').getByRole('row', { name: /^Inwoners \(CBS Kerncijfers\) 2024 23 0 23 0\s?%$/ })).toBeVisible();
  await app.screenshot({ path: 'test-results/screens/analist-referentiedata-cbs-echt-1366x768.png' });

  // The fixtures' own Kerncijfers (same year: they join the real one's 342 gemeenten), map and postcodes.
  await app.getByLabel('Jaar (alleen als het bestand het niet zegt)').fill('2024');
  // An aggregated source with figures for two wijken of Heidebroek and for the gemeente as a whole.
  const [wijk1, wijk2] = wijkenOf('GM9901');
  const zvw = path.join(harness.dataDir, 'zvw-wijken.csv');
  writeFileSync(zvw, `periode;gebied;bron;indicator;waarde\n2025;${wijk1};ZVW;kosten;1234,50\n2025;${wijk2};ZVW;kosten;2345\n2025;GM9901;ZVW;kosten;98765\n`);
  await harness.scriptDialogs({ open: [[fixtures.cbsFixture, fixtures.geojson, fixtures.pc6, zvw]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(result.getByRole('row', { name: /^kerncijfers_wijken_buurten_2024\.csv nieuw/ })).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText('Voegt 3 gemeenten toe aan 2024 (GM9901, GM9902, GM9903).');
  await expect(result.getByRole('row', { name: /^wijken\.geojson nieuw Wijkkaart \(GeoJSON\) 2024/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /^pc6hnr20240801_gwb\.csv nieuw/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /^zvw-wijken\.csv nieuw Geaggregeerde bron/ })).toBeVisible();
  // The per-file result saves as Excel as shown: a row per file read.
  const written = sheetTexts((await saveWorkbook(harness, result, { button: 'Excel…', naam: 'referentiedata.xlsx' })).worksheets[0]!);
  const header = written.findIndex((r) => r[0] === 'Bestand');
  expect(written[header]).toEqual(['Bestand', 'Uitkomst', 'Soort', 'Jaar', 'Ingelezen', 'Toelichting']);
  expect(written.slice(header + 1).map((r) => [r[0], r[1], r[3]])).toEqual([
    ['kerncijfers_wijken_buurten_2024.csv', 'nieuw', '2024'],
    ['wijken.geojson', 'nieuw', '2024'],
    ['pc6hnr20240801_gwb.csv', 'nieuw', '2024'],
    ['zvw-wijken.csv', 'nieuw', '2025'],
  ]);
  const table = app.getByTestId('coverage-table');
  await expect(table.getByRole('row', { name: /^Inwoners \(CBS Kerncijfers\) 2024/ })).toHaveText(/100\s?%$/);
  await expect(table.getByRole('row', { name: /^Vorm \(wijkkaart\) 2024/ })).toHaveText(/100\s?%$/);
  await expect(table.getByRole('row', { name: /^Bron ZVW \(2025\) 2025 23 2 21/ })).toBeVisible();
  await expect(app.getByText(/^CBS-postcodebestand 2024: 3 van de 3 gemeenten hebben adressen\.$/)).toBeVisible();
  await expect(app.getByTestId('reference-sources').getByRole('gridcell', { name: 'wijken.geojson' })).toBeAttached();
  // Both Kerncijfers files of 2024 stay, each with the gemeenten it provides.
  await expect(app.getByTestId('reference-sources').getByRole('gridcell', { name: 'kwb2024_85984NED_statline-export_NL.csv' })).toBeAttached();
  await expect(app.getByTestId('reference-sources').getByRole('gridcell', { name: 'GM9901, GM9902, GM9903' })).toBeAttached();
  await app.getByRole('button', { name: 'Grafiek tonen' }).click();
  await expect(app.getByRole('img', { name: 'Dekking van de deelnemende wijken per bron en jaar' })).toBeVisible();
  await app.screenshot({ path: 'test-results/screens/analist-referentiedata-1366x768.png', fullPage: true });

  // A year that is not a year is refused in Dutch before any dialog opens.
  await app.getByLabel('Jaar (alleen als het bestand het niet zegt)').fill('24');
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(shell.alert()).toHaveText(/^Vul bij Jaar een jaartal van vier cijfers in/);
});

test('Instellingen in the analyst edition: the central organisation and the thresholds, not the gemeente form', async ({ app }) => {
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Analist-editie');
  await shell.open('Instellingen');
  await expect(app.getByLabel('Gemeentecode (CBS)')).toHaveCount(0);
  await app.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(shell.alert()).toHaveText('Vul de naam van de centrale organisatie in.');
  await expect(app.getByTestId('organisatie-badge')).toHaveCount(0);
  await app.getByLabel('Naam van de centrale organisatie').fill('Onderzoeksbureau Regio Noord');
  await app.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(app.getByText('De naam van de centrale organisatie is opgeslagen.')).toBeVisible();
  await expect(app.getByTestId('organisatie-badge')).toHaveText('Onderzoeksbureau Regio Noord');
  await expect(app.getByRole('navigation', { name: 'Hoofdmenu' })).toContainText('Analist-editie');
  // The thresholds are settable (central-instellingen.spec.ts); here their defaults.
  await expect(app.getByTestId('drempel-minimum_clienten').getByLabel('Waarde (cliënten)')).toHaveValue('5');
  await expect(app.getByTestId('drempel-kleine_wijk').getByLabel('Waarde (inwoners)')).toHaveValue('2.500');
  await app.screenshot({ path: 'test-results/screens/analist-instellingen-organisatie-1366x768.png' });
  // Kept across a reload, and in the log of this computer.
  await app.reload();
  await expect(app.getByTestId('organisatie-badge')).toHaveText('Onderzoeksbureau Regio Noord');
  await shell.open('Instellingen');
  await expect(app.getByRole('table').filter({ hasText: 'organisatie ingesteld' })).toBeVisible();
});
