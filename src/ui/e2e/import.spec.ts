import { readExport } from '../../../fixtures/export-reader.ts';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { saveExport } from './savedExport.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-fixtures-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20261, rows: 1000, outDir: fixtures });
});

test('import the Windows-1252 export and the .xlsx with a title row: preview, mapping, progress, result', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();

  await shell.open('Importeren');
  const csv = path.join(fixtures, 'GM9903', 'export_2026Q3.csv');
  await harness.scriptDialogs({ open: [[csv]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByLabel('Tekenset')).toHaveValue('windows-1252');
  await expect(app.getByLabel('Scheidingsteken')).toHaveValue(';');
  const grid = app.getByTestId('preview-grid');
  await expect(grid.getByRole('columnheader', { name: 'Geboortedatum' })).toBeAttached();
  // No BSN of the input reaches the page.
  const bsns = (await readExport(csv, 'csv-cp1252')).map((r) => String(r.bsn)).filter((b) => b.length >= 7);
  const pageText = await app.locator('body').innerText();
  expect(bsns.filter((b) => pageText.includes(b))).toEqual([]);
  // Nor a surname, street or full birth date: those columns are blank, birth dates month and year.
  await expect(grid.getByRole('gridcell', { name: /^\d{2}-\d{4}$/ }).first()).toBeVisible();
  const rows = readFileSync(csv, 'latin1').split('\r\n').slice(1, 6).map((line) => line.split(';'));
  for (const cells of rows) for (const i of [1, 3, 5]) expect(pageText).not.toContain(cells[i]!);
  // A data row chosen as Kopregel is refused by the core: its cells never become column names here.
  await app.getByLabel('Kopregel op rij').fill('2');
  await expect(app.getByText(/De kopregel \(rij 2\) van .* lijkt een rij met gegevens/)).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Geboortedatum' })).toBeAttached();
  const afterRefusal = await app.locator('body').innerText();
  expect(bsns.filter((b) => afterRefusal.includes(b))).toEqual([]);
  for (const i of [1, 3, 5]) expect(afterRefusal).not.toContain(rows[0]![i]!);
  await expect(app.getByLabel('bsn *')).toHaveValue('BSN');
  await expect(app.getByLabel('begindatum *')).toHaveValue('Ingangsdatum');

  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.csv (2026Q3): 1.000 rijen gelezen');

  const xlsx = path.join(fixtures, 'GM9901', 'export_2026Q3.xlsx');
  await harness.scriptDialogs({ open: [[xlsx]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByRole('button', { name: /^export_2026Q3\.xlsx/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByLabel('Werkblad')).toHaveValue('Voorzieningen');
  await expect(app.getByLabel('Kopregel op rij')).toHaveValue('3');
  await expect(app.getByLabel('begindatum *')).toHaveValue('Startdatum');
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.xlsx (2026Q3)');
  // The preview shows the export's own (synthetic) names and birth dates: kept out of artifacts.
  await app.screenshot({ path: 'test-results/importeren-1366x768.png', mask: [app.getByTestId('preview-grid')] });

  // Kwaliteit: the report over both files, down to the rows of one finding, and as Excel.
  await shell.open('Kwaliteit');
  const report = app.getByTestId('quality-report');
  await expect(report).toContainText('vulgraad');
  // Both exports of the quarter count: 1.000 CSV rows and 120 xlsx rows.
  await expect(report.getByRole('row').nth(1)).toContainText('1.120');
  const openEnd = report.getByRole('row').filter({ has: app.getByRole('button', { name: 'Einddatum: ver in de toekomst' }) });
  const aantal = (await openEnd.getByRole('cell').nth(2).textContent())!;
  await openEnd.getByRole('button', { name: 'Einddatum: ver in de toekomst' }).click();
  // The grid pages from the store: the heading counts every row, the grid shows the first block.
  await expect(app.getByRole('heading', { name: /^Rijen: Einddatum: ver in de toekomst/ })).toHaveText(`Rijen: Einddatum: ver in de toekomst, behandeld als doorlopend (${aantal})`);
  const findings = app.getByTestId('findings-grid');
  await expect(findings).toContainText('export_2026Q3');
  const firstRow = () => findings.getByRole('row').nth(1).getByRole('gridcell').nth(1);
  const ascending = Number(await firstRow().textContent());
  const rowHeader = findings.getByRole('columnheader', { name: 'Rij', exact: true });
  await rowHeader.click();
  await rowHeader.click();
  await expect(rowHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => Number(await firstRow().textContent())).toBeGreaterThan(ascending);
  await saveExport(harness, app, { button: 'Opslaan als Excel…', naam: 'kwaliteit.xlsx', line: 'text' });
  await app.screenshot({ path: 'test-results/kwaliteit-1366x768.png' });
});

test('an export whose header row is not found can be given its Kopregel, and then previews', async ({ app, harness }) => {
  const { writeFileSync } = await import('node:fs');
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Importeren');
  // 31 rows of bare numbers above the column names: too far down to be found.
  const file = path.join(fixtures, 'laat-kopregel.csv');
  writeFileSync(file, [...Array.from({ length: 31 }, (_, i) => `${i};${i + 1};${i + 2}`), 'BSN;Productcode;Ingangsdatum', '999913141;01A01;01-07-2026', ''].join('\r\n'));
  await harness.scriptDialogs({ open: [[file]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByText(/staat geen rij met kolomnamen/)).toBeVisible();
  await app.getByLabel('Kopregel op rij').fill('32');
  const grid = app.getByTestId('preview-grid');
  await expect(grid.getByRole('columnheader', { name: 'Productcode' })).toBeAttached();
  await expect(app.getByLabel('Kopregel op rij')).toHaveValue('32');
  expect(await app.locator('body').innerText()).not.toContain('999913141');
});

test('drop several files at once on the drop zone: exports are added and read in, a Word file gets a Dutch refusal', async ({ app }) => {
  const { readFileSync } = await import('node:fs');
  const shell = new AppPage(app);
  const calls: string[] = [];
  app.on('request', (request) => {
    if (request.url().includes('/api/call/')) calls.push(request.postData() ?? '');
  });
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.open('Importeren');

  // Built in the page from the fixtures' bytes, as a drag from the file manager delivers them.
  const dropped = [
    { name: 'export_2026Q3.csv', base64: readFileSync(path.join(fixtures, 'GM9903', 'export_2026Q3.csv')).toString('base64') },
    { name: 'export_2026Q3.xlsx', base64: readFileSync(path.join(fixtures, 'GM9901', 'export_2026Q3.xlsx')).toString('base64') },
    { name: 'notities.docx', base64: Buffer.from('geen export').toString('base64') },
    { name: 'WMO301.xml', base64: readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/istandaarden/iwmo-3.2/WMO301.xml')).toString('base64') },
  ];
  const dataTransfer = await app.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return transfer;
  }, dropped);
  const zone = app.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveClass(/over/);
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(zone).not.toHaveClass(/over/);

  await expect(app.getByTestId('refused-files')).toHaveText('“notities.docx” is niet toegevoegd: alleen CSV-, TXT- en Excel-bestanden (.xlsx) en iWmo-/iJw-berichten (.xml, .zip) kunnen worden ingelezen.');
  await expect(app.getByRole('button', { name: /^export_2026Q3\.xlsx/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(app.getByRole('button', { name: /^export_2026Q3\.csv/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByLabel('Tekenset')).toHaveValue('windows-1252');
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.csv (2026Q3): 1.000 rijen gelezen');
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-slepen-1366x768.png', mask: [app.getByTestId('preview-grid')] });
  // The dropped message went to the Berichten panel, not to the exports.
  await expect(app.getByRole('button', { name: /^WMO301\.xml/ })).toHaveCount(0);
  await expect(app.getByTestId('berichten-import').getByText(/^WMO301\.xml/)).toBeVisible();

  // The page sent the files to the host and then only a token and opaque ids: never a path.
  expect(calls.some((body) => body.includes('"drop"'))).toBe(true);
  expect(calls.filter((body) => /[\\/](tmp|home|Users)[\\/]/.test(body))).toEqual([]);
});

test('importing without a key says what to do', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Importeren');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9902', 'export_2026Q3.csv')]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByRole('alert')).toHaveText('Er is nog geen sleutel. Maak er een aan of zet een back-up terug (Sleutel).');
});

test('cancelling an import halfway stores nothing', async ({ app, harness }) => {
  const { writeClientExport } = await import('../../../fixtures/exports.ts');
  const big = path.join(fixtures, 'groot_2026Q3.csv');
  await writeClientExport({ gemeente: 'GM9903', dialect: 'csv-cp1252', rows: 300_000, seed: 11, period: '2026Q3', path: big });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.open('Importeren');
  await harness.scriptDialogs({ open: [[big]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  const bar = app.getByRole('progressbar', { name: 'Voortgang van het inlezen' });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await app.getByRole('button', { name: 'Annuleren' }).click();
  await expect(app.getByRole('alert')).toHaveText('Inlezen van groot_2026Q3.csv geannuleerd; er is niets opgeslagen.');

  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path.join(harness.dataDir, 'wijkmonitor.sqlite'), { readonly: true });
  expect(db.prepare('SELECT count(*) FROM import_batch').pluck().get()).toBe(0);
  expect(db.prepare('SELECT count(*) FROM voorziening').pluck().get()).toBe(0);
  db.close();
});

test('Producten: import the vertaaltabel, then classify the one product it lacks', async ({ app, harness }) => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.importExport(harness, path.join(fixtures, 'GM9902', 'export_2026Q3.csv'), '2026Q3');

  // The gemeente's table without its first product.
  const lines = readFileSync(path.join(fixtures, 'GM9902', 'producten.csv'), 'utf8').trim().split('\n');
  const [header, first, ...rest] = lines as [string, string, ...string[]];
  const [code, , , , voorziening, leefdomein] = first.split(';');
  const partial = path.join(harness.dataDir, 'vertaaltabel.csv');
  // Filled in by hand: the grid's top product with its leefdomein as a number (LD07 → 7) and
  // its financier by name; the grid shows the code with its name.
  const top = rest.reduce((min, line, i) => (line.split(';')[0]! < rest[min]!.split(';')[0]! ? i : min), 0);
  const fields = rest[top]!.split(';');
  const secondLeefdomein = fields[5]!;
  fields[5] = String(Number(secondLeefdomein.slice(2)));
  fields[6] = 'Zorgverzekeraar';
  writeFileSync(partial, [header, ...rest.map((line, i) => (i === top ? fields.join(';') : line))].join('\n'));

  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[partial]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByRole('heading', { name: 'Niet ingedeeld (1)' })).toBeVisible();
  await expect(app.getByTestId('unmapped')).toContainText(code!);
  const secondRow = app.getByTestId('products-grid').locator(`[row-id="${fields[0]}"]`);
  await expect(secondRow.locator('[col-id="leefdomein"]')).toHaveText(new RegExp(`^${secondLeefdomein} \\p{L}`, 'u'));
  await expect(secondRow.locator('[col-id="financier"]')).toHaveText('Zorgverzekeraar');

  await app.getByLabel(`Voorziening voor ${code}`).selectOption(voorziening!);
  await app.getByLabel(`Leefdomein voor ${code}`).selectOption(leefdomein!);
  await app.getByTestId('unmapped').getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await expect(app.getByTestId('products-grid')).toContainText(code!);
  await app.screenshot({ path: 'test-results/producten-1366x768.png' });

  // Edit a name in the grid: saved at once, and undoable.
  const cell = app.getByTestId('products-grid').locator(`[row-id="${code}"] [col-id="product"]`);
  await cell.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('Hernoemd product');
  await app.keyboard.press('Enter');
  await expect(cell).toHaveText('Hernoemd product');
  await shell.open('Gebieden');
  await shell.open('Producten');
  await expect(cell).toHaveText('Hernoemd product');
  await cell.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('Nog een naam');
  await app.keyboard.press('Enter');
  await expect(cell).toHaveText('Nog een naam');
  await app.getByRole('button', { name: 'Laatste wijziging ongedaan maken' }).click();
  await expect(cell).toHaveText('Hernoemd product');
});

test('a saved profile is replayed on next quarter’s export with one renamed header', async ({ app, harness }) => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.open('Importeren');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'export_2026Q2.csv')]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await app.getByLabel('Profiel opslaan als (optioneel)').fill('Suite kwartaalexport');
  await app.getByLabel('Periode van de export').fill('2026Q2');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('(2026Q2)');

  // Next quarter the system calls "Ingangsdatum" "Startdatum".
  const bytes = readFileSync(path.join(fixtures, 'GM9903', 'export_2026Q3.csv'));
  const end = bytes.indexOf('\r\n');
  const renamed = path.join(harness.dataDir, 'export_2026Q3.csv');
  writeFileSync(renamed, Buffer.concat([Buffer.from(bytes.subarray(0, end).toString('latin1').replace('Ingangsdatum', 'Startdatum'), 'latin1'), bytes.subarray(end)]));
  await harness.scriptDialogs({ open: [[renamed]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByRole('button', { name: /^export_2026Q3\.csv/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByLabel('begindatum *')).toHaveValue('Startdatum');
  await app.getByLabel('Koppelprofiel').selectOption('Suite kwartaalexport');
  await expect(app.getByText('Kolom “Ingangsdatum” (Begindatum) heet in deze export “Startdatum”.', { exact: false })).toBeVisible();
  await expect(app.getByLabel('begindatum *')).toHaveValue('Startdatum');
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await expect(app.getByTestId('import-result')).toContainText('export_2026Q3.csv (2026Q3): 1.000 rijen gelezen');
});

test('iWmo/iJw messages: chosen, previewed as voorzieningen without a BSN, an invalid one named by file and element, read in', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  await shell.open('Importeren');
  const dir = path.resolve(import.meta.dirname, '../../../fixtures/istandaarden');
  await harness.scriptDialogs({ open: [[path.join(dir, 'iwmo-3.2', 'WMO301.xml'), path.join(dir, 'ijw-3.2', 'JW315.xml')]] });
  await app.getByRole('button', { name: 'Berichten kiezen…' }).click();
  await app.getByLabel('Periode van de berichten').fill('2023Q3');
  await app.getByRole('button', { name: 'Voorbeeld van de berichten' }).click();
  const preview = app.getByTestId('berichten-preview');
  await expect(preview).toContainText('2 berichten gelezen, 1 niet gebruikt; 1 voorzieningen');
  await expect(preview.getByRole('cell', { name: '01A01' })).toBeVisible();
  await expect(preview).toContainText('JW315.xml (element Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum, regel 44)');
  const pageText = await app.locator('body').innerText();
  for (const value of ['999900006', '2027-06-31', 'Wit', 'Straatweg']) expect(pageText).not.toContain(value);
  await app.getByRole('button', { name: 'Berichten verwerken' }).click();
  await expect(app.getByTestId('berichten-result')).toContainText('(2023Q3): 1 voorzieningen ingelezen');
});
