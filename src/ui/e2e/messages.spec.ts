import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';
import { saveExport } from './savedExport.ts';
import { generatedFixtures } from './generatedFixtures.ts';

const fixture = generatedFixtures();

test('a message appears where the eye is, is announced, and replaces the one before', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.createKey();
  // The vertaaltabel chosen as if it were an export: refused, in sight.
  await shell.chooseExports(harness, [fixture('GM9903', 'producten.csv')]);
  await expect(app.getByTestId('preview-grid')).toBeVisible();
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  const alert = app.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toBeInViewport();
  await app.screenshot({ path: 'test-results/screens/gemeente-importeren-melding-1366x768.png', mask: [app.getByTestId('preview-grid')] });

  // Then a real export: the old refusal is gone once the new file is chosen, the result is in sight.
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'export_2026Q3.csv')]] });
  await app.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  await expect(app.getByRole('alert')).toHaveCount(0);
  await app.getByLabel('Periode van de export').fill('2026Q3');
  await app.getByRole('button', { name: 'Inlezen', exact: true }).click();
  const result = app.getByTestId('import-result').getByRole('status');
  await expect(result).toBeInViewport();
  await expect(app.getByRole('alert')).toHaveCount(0);

  // Producten with a long list of unclassified products: an export chosen as vertaaltabel is
  // refused beside the button that was pressed, in sight, and nowhere else.
  await shell.open('Producten');
  await expect(app.getByRole('heading', { name: /^Niet ingedeeld \([1-9]/ })).toBeVisible();
  const importSection = app.getByRole('region', { name: 'Vertaaltabel importeren' });
  const tableSection = app.getByRole('region', { name: /^Vertaaltabel \(/ });
  await harness.scriptDialogs({ open: [[fixture('GM9903', 'export_2026Q3.csv')]] });
  await importSection.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(importSection.getByRole('alert')).toHaveCount(1);
  await expect(app.getByRole('alert')).toHaveCount(1);
  await expect(importSection.getByRole('alert')).toBeInViewport();
  await app.screenshot({ path: 'test-results/screens/gemeente-producten-melding-1366x768.png' });
  // The next action clears it: only the new message stays.
  await saveExport(harness, tableSection, { button: 'Exporteren…', naam: 'vertaaltabel.csv' });
  await expect(app.getByRole('alert')).toHaveCount(0);
});

test('Kwaliteit: the acknowledgement comes after the findings it acknowledges', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.startGemeente(harness, [[fixture('GM9903', 'export_2026Q3.csv'), '2026Q3']]);
  await shell.open('Kwaliteit');
  const report = app.getByTestId('quality-report');
  const acknowledgement = app.getByTestId('acknowledgement');
  await expect(report).toBeVisible();
  const reportBox = (await report.boundingBox())!;
  const ackBox = (await acknowledgement.boundingBox())!;
  expect(ackBox.y).toBeGreaterThanOrEqual(reportBox.y + reportBox.height);
  await acknowledgement.getByRole('button', { name: 'Bevindingen gezien, akkoord' }).click();
  await expect(acknowledgement).toContainText('Bevindingen gezien en akkoord op');
  await app.screenshot({ path: 'test-results/screens/gemeente-kwaliteit-akkoord-1366x768.png', fullPage: true });
});

test('Gebieden: a postcode is added by hand, and a wrong one is refused in Dutch', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Gebieden');
  const form = app.getByRole('form', { name: 'Postcode toevoegen' });
  await form.getByLabel('Nieuwe postcode').fill('9999 zz');
  await form.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(app.getByRole('alert')).toContainText('wijk');
  await form.getByLabel('Wijkcode').fill('WK999901');
  await form.getByLabel('Wijknaam').fill('Centrum');
  await form.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(form.getByRole('status')).toHaveText('Postcode 9999ZZ is toegevoegd.');
  await expect(app.getByRole('alert')).toHaveCount(0);
  await expect(app.getByTestId('areas-grid')).toContainText('WK999901');
  await expect(app.getByRole('heading', { name: /^Gebiedsindeling \(1 postcodes\)/ })).toBeVisible();
  await app.screenshot({ path: 'test-results/screens/gemeente-gebieden-toevoegen-1366x768.png' });
});
