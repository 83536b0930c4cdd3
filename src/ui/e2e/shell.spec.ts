import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppPage } from './AppPage.ts';
import { screensByEdition } from '../navigation.ts';
import { expect, openApp, startHarness, test } from './harnessFixture.ts';

const gemeenteScreens = ['Sleutel', 'Importeren', 'Kwaliteit', 'Producten', 'Gebieden', 'Programmering', 'Lasten', 'Levering', 'Overzicht', 'Begrippen'];
const analistScreens = ['Leveringen', 'Referentiedata', 'Referentiegroepen', 'Benchmark', 'Export'];

function storedSettings(dataDir: string): Record<string, string> {
  const db = new Database(path.join(dataDir, 'wijkmonitor.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}

test('first start: choose the edition, visit every screen, set the gemeente, and find it again after a reload', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await expect(app.getByRole('heading', { name: 'Welkom bij Wijkmonitor' })).toBeVisible();
  await shell.chooseEdition('Gemeente-editie');
  await expect(shell.menuItems()).toHaveText([...gemeenteScreens, 'Instellingen']);

  await shell.open('Sleutel');
  await expect(app.getByRole('button', { name: 'Sleutel aanmaken' })).toBeVisible();
  await shell.open('Importeren');
  await expect(app.getByRole('button', { name: 'Bestanden kiezen…' })).toBeVisible();
  await shell.open('Kwaliteit');
  await expect(app.getByText('Nog niets ingelezen. Lees eerst een export in bij Importeren.')).toBeVisible();
  await shell.open('Producten');
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await shell.open('Levering');
  await expect(app.getByText('Nog niets ingelezen. Lees eerst de export(s) van het kwartaal in bij Importeren.')).toBeVisible();
  // An empty screen points to where its data comes from.
  await app.getByRole('link', { name: 'Importeren', exact: true }).and(app.locator('main a')).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Importeren');
  await shell.open('Gebieden');
  await expect(app.getByText('Nog geen gebiedsindeling.', { exact: false })).toBeVisible();
  for (const screen of gemeenteScreens) {
    await shell.open(screen);
    // Every screen at the laptop size, kept as a test artifact for review (not committed).
    await app.screenshot({ path: `test-results/screens/gemeente-${screen.toLowerCase()}-leeg-1366x768.png` });
  }
  await shell.open('Overzicht');
  await expect(app.getByText('Nog geen cijfers: lees eerst een export in onder Importeren.')).toBeVisible();
  await shell.open('Begrippen');
  await expect(app.getByTestId('begrippen')).toContainText('Kosten per cliënt');

  await shell.setGemeente('gm9901', 'Wijkerveen');
  await expect(app.getByRole('status')).toHaveText('De gemeente is opgeslagen.');
  await expect(app.getByTestId('gemeente-badge')).toHaveText('Wijkerveen (GM9901)');
  expect(storedSettings(harness.dataDir)).toMatchObject({ edition: 'gemeente', gemeente_code: 'GM9901', gemeente_naam: 'Wijkerveen' });

  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Instellingen');
  await expect(app.getByLabel('Gemeentecode (CBS)')).toHaveValue('GM9901');
  await expect(app.getByLabel('Naam', { exact: true })).toHaveValue('Wijkerveen');
  // The page keeps nothing itself: the settings came from SQLite through the core.
  const browserStorage = await app.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(browserStorage).toEqual({ local: 0, session: 0 });
  await expect(app.getByRole('table')).toContainText('gemeente ingesteld');
});

test('the settings survive a restart of the core on the same data folder, in a fresh browser', async ({ browser, harness }) => {
  const first = new AppPage(await browser.newPage());
  await openApp(first.page, harness.url);
  await first.chooseEdition('Gemeente-editie');
  await first.setGemeente('GM9902', 'Lindenhoven');
  await expect(first.page.getByRole('status')).toHaveText('De gemeente is opgeslagen.');
  await first.page.close();
  await harness.stop();

  const restarted = await startHarness(harness.dataDir);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page, restarted.url);
    await expect(page.getByTestId('gemeente-badge')).toHaveText('Lindenhoven (GM9902)');
    await context.close();
  } finally {
    await restarted.stop();
  }
});

test('an invalid gemeentecode gets a Dutch error and is not stored', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('0392', 'Haarlem');
  await expect(shell.alert()).toHaveText('Een gemeentecode bestaat uit GM gevolgd door 4 cijfers, bijvoorbeeld GM0392.');
  await expect(app.getByLabel('Gemeentecode (CBS)')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByTestId('gemeente-badge')).toHaveCount(0);
  expect(storedSettings(harness.dataDir).gemeente_code).toBeUndefined();

  await shell.setGemeente('GM0392', '');
  await expect(shell.alert()).toHaveText('Vul de naam van de gemeente in.');
});

test('the analist edition has its own screens, and the edition can be switched in Instellingen', async ({ app }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Analist-editie');
  await expect(shell.menuItems()).toHaveText([...analistScreens, 'Instellingen']);
  for (const screen of screensByEdition.analist) {
    await shell.open(screen.label);
    // A screen says it is not built for as long as it is not, and only then.
    await expect(app.getByTestId('not-built')).toHaveCount(screen.built ? 0 : 1);
  }
  await shell.open('Instellingen');
  // The analist has no gemeente of its own: no gemeente form, no gemeente in the sidebar.
  await expect(app.getByRole('heading', { name: 'Editie' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Centrale organisatie' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Gemeente', exact: true })).toHaveCount(0);
  await expect(app.getByLabel('Gemeentecode (CBS)')).toHaveCount(0);
  await expect(app.getByText('In gebruik: Analist-editie')).toBeVisible();
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.screenshot({ path: 'test-results/screens/analist-instellingen-1366x768.png' });
  app.once('dialog', (dialog) => void dialog.accept());
  await app.getByRole('button', { name: 'Overschakelen naar de gemeente-editie' }).click();
  await expect(shell.menuItems()).toHaveText([...gemeenteScreens, 'Instellingen']);
  await shell.setGemeente('GM9903', 'Maasvoorde');
  await expect(app.getByTestId('gemeente-badge')).toHaveText('Maasvoorde (GM9903)');
  // Back to the analist: the sidebar no longer names the gemeente.
  app.once('dialog', (dialog) => void dialog.accept());
  await app.getByRole('button', { name: 'Overschakelen naar de analist-editie' }).click();
  await expect(shell.menuItems()).toHaveText([...analistScreens, 'Instellingen']);
  await expect(app.getByTestId('gemeente-badge')).toHaveCount(0);
  await shell.open('Instellingen');
  await expect(app.getByLabel('Gemeentecode (CBS)')).toHaveCount(0);
  app.once('dialog', (dialog) => void dialog.accept());
  await app.getByRole('button', { name: 'Overschakelen naar de gemeente-editie' }).click();
  await expect(shell.menuItems()).toHaveText([...gemeenteScreens, 'Instellingen']);
  await app.reload();
  await expect(shell.menuItems().first()).toHaveText('Sleutel');
});

test('the audit log is saved where the (scripted) save dialog says', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Instellingen');
  const target = path.join(harness.dataDir, 'mijn-logboek.csv');
  await harness.scriptDialogs({ save: [target] });
  await app.getByRole('button', { name: 'Logboek opslaan als CSV…' }).click();
  await expect(app.getByRole('status')).toHaveText(`Opgeslagen in ${target}`);
  expect(existsSync(target)).toBe(true);
  expect(readFileSync(target, 'utf8')).toContain('editie gekozen');

  // Cancelling the dialog writes nothing and says nothing went wrong.
  await app.getByRole('button', { name: 'Logboek opslaan als CSV…' }).click();
  await expect(shell.alert()).toHaveCount(0);
});

test('a database from a newer version stops the app with an explanation and is left alone', async ({ browser }) => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wm-e2e-future-'));
  const db = new Database(path.join(dataDir, 'wijkmonitor.sqlite'));
  db.pragma('user_version = 42');
  db.close();
  const harness = await startHarness(dataDir);
  try {
    const page = await browser.newPage();
    await openApp(page, harness.url);
    await expect(page.getByRole('heading', { name: 'Wijkmonitor kan niet starten' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('gemaakt door een nieuwere versie van Wijkmonitor');
    await page.close();
  } finally {
    await harness.stop();
  }
  const after = new Database(path.join(dataDir, 'wijkmonitor.sqlite'), { readonly: true });
  expect(after.pragma('user_version', { simple: true })).toBe(42);
  after.close();
});

test('the page gets exactly the contract as window.wijkmonitor and keyboard focus is visible', async ({ app }) => {
  const surface = await app.evaluate(() =>
    Object.fromEntries(
      Object.entries(window.wijkmonitor)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([ns, methods]) => [ns, typeof methods === 'function' ? 'function' : Object.keys(methods).sort()]),
    ),
  );
  expect(surface).toEqual({
    app: ['info'],
    areas: ['export', 'import', 'map', 'mapImport', 'save', 'table'],
    audit: ['export', 'list'],
    benchmark: ['import', 'view'],
    central: ['approve', 'areas', 'areasExport', 'auditExport', 'auditLog', 'benchmark', 'benchmarkExport', 'export', 'feedback', 'feedbackFindings', 'flowView', 'flows', 'groups', 'groupsView', 'import', 'importDropped', 'map', 'pack', 'packRelease', 'packSettings', 'packShowInFolder', 'reference', 'referenceOverview', 'setPackIjkperiode', 'setPackSetting', 'setThreshold', 'status', 'statusExport', 'tableExport', 'thresholds', 'trendView', 'trends'],
    delivery: ['history', 'preflight', 'preview', 'showInFolder', 'write'],
    import: ['berichtenPreview', 'berichtenRun', 'chooseBerichten', 'chooseFiles', 'dropFiles', 'files', 'periods', 'preview', 'profiles', 'remove', 'run'],
    jobs: ['cancel'],
    key: ['backup', 'confirmBackup', 'create', 'restore', 'status'],
    lasten: ['delete', 'export', 'import', 'save', 'table'],
    onProgress: 'function',
    overzicht: ['begrippen', 'cijfers', 'export', 'perioden', 'png', 'tabel'],
    products: ['export', 'import', 'save', 'table'],
    programmering: ['delete', 'export', 'import', 'save', 'table'],
    quality: ['acknowledge', 'acknowledgement', 'export', 'findings', 'report'],
    settings: ['get', 'setEdition', 'setGemeente', 'setOrganisatie'],
  });
  await expect(app.getByRole('heading', { name: 'Welkom bij Wijkmonitor' })).toBeVisible();
  await app.keyboard.press('Tab');
  const focused = app.locator(':focus');
  await expect(focused).toHaveText(/^Gemeente-editie/);
  await expect(focused).toHaveCSS('outline-style', 'solid');
});
