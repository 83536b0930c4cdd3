import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { AppPage } from './AppPage.ts';
import { expect, test } from './harnessFixture.ts';

const fixtures = mkdtempSync(path.join(tmpdir(), 'wm-e2e-preflight-'));
test.beforeAll(async () => {
  await generateFixtures({ seed: 20261, rows: 400, outDir: fixtures });
});

test('Levering checks the gebiedsindeling, explains which rows are delivered, and warns before a period is delivered twice', async ({ app, harness }) => {
  test.setTimeout(90_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.setGemeente('GM9903', 'Maasvoorde');
  await shell.createKeyWithBackup(harness, 'lange wachtwoordzin voor de test');
  await shell.importExport(harness, path.join(fixtures, 'GM9903', 'export_2026Q3.csv'), '2026Q3');
  await shell.open('Producten');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'producten.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  await expect(app.getByText('Alle producten in de ingelezen exports zijn ingedeeld.')).toBeVisible();
  await shell.open('Kwaliteit');
  await app.getByRole('button', { name: 'Bevindingen gezien, akkoord' }).click();
  await expect(app.getByTestId('acknowledgement')).toContainText('Bevindingen gezien en akkoord op');

  // Without a gebiedsindeling no client is in a wijk: not ready.
  await shell.open('Levering');
  const checklist = app.getByTestId('preflight');
  await expect(checklist.locator('li.open')).toHaveText(['✖ Lees de gebiedsindeling in: zonder die tabel hoort geen enkele cliënt bij een wijk — oplossen bij Gebieden']);
  await expect(app.getByRole('button', { name: 'Levering opslaan…' })).toBeDisabled();

  // Another gemeente's table places none of them: still not ready, with the count.
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9901', 'gebieden.csv')]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  // Landed once the table is shown; its postcodes place none of this gemeente's clients.
  await expect(app.getByTestId('areas-grid')).toBeVisible();
  await expect(app.getByTestId('unknown-postcodes')).toBeVisible();
  await shell.open('Levering');
  await expect(checklist.locator('li.open')).toHaveText([/^✖ (\d+) van \1 voorzieningen \(100 %\) hebben een postcode zonder wijk; vul de gebiedsindeling aan/]);

  // The gemeente's own table: ready.
  await shell.open('Gebieden');
  await harness.scriptDialogs({ open: [[path.join(fixtures, 'GM9903', 'gebieden.csv')]] });
  const unknownTitle = app.locator('#unknown-title');
  const unknownBefore = (await unknownTitle.textContent()) ?? '';
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
  // The import has landed once the count of postcodes without a wijk changes.
  await expect(unknownTitle).not.toHaveText(unknownBefore);
  await shell.open('Levering');
  await expect(checklist.locator('li.open')).toHaveCount(0);
  await expect(checklist.locator('li', { hasText: 'wijk' })).toHaveText(/^(✔ Alle postcodes horen bij een wijk|⚠ Let op: \d+ van \d+ voorzieningen .* wijk "onbekend")$/);

  // Why fewer rows leave than were read: every row accounted for.
  await app.getByRole('button', { name: 'Voorbeeld tonen' }).click();
  const origin = app.getByTestId('row-origin');
  await expect(origin).toContainText(/rijen uit de exports worden geleverd/);
  const text = (await origin.innerText()).replace(/\./g, '');
  const [delivered, read] = /^(\d+) van de (\d+) rijen/.exec(text)!.slice(1).map(Number) as [number, number];
  const others = [...text.matchAll(/^(\d+) (uitgesloten|vallen buiten|dubbel|product niet)/gm)].map((m) => Number(m[1]));
  expect(read).toBe(400);
  expect(delivered).toBeLessThan(read);
  expect(delivered + others.reduce((a, b) => a + b, 0)).toBe(read);
  await expect(origin).toContainText('uitgesloten bij het inlezen');
  const summary = (await app.getByTestId('preview-summary').textContent())!;
  expect(summary).toContain(`voorzieningen.csv: ${delivered} rijen`);
  expect(summary).toContain('periode 2026Q3 (01-07-2026 t/m 30-09-2026)');
  await app.screenshot({ path: 'test-results/screens/gemeente-levering-herkomst-1366x768.png' });

  const out = path.join(harness.dataDir, 'GM9903_2026Q3_levering.zip');
  await harness.scriptDialogs({ save: [out] });
  await app.getByRole('button', { name: 'Levering opslaan…' }).click();
  await expect(app.getByText(`Levering opgeslagen: ${out} (${delivered} voorzieningen)`)).toBeVisible();

  // Now delivered: a warning in the checklist, and a question before the save dialog opens again.
  await expect(checklist.locator('li.attention', { hasText: 'al geleverd' })).toHaveText(
    new RegExp(`^⚠ Let op: Periode 2026Q3 is al geleverd op \\d{2}-\\d{2}-\\d{4} \\(GM9903_2026Q3_levering\\.zip, ${delivered} voorzieningen\\)\\. Een nieuwe levering vervangt die bij de analist$`),
  );
  await app.getByRole('button', { name: 'Levering opslaan…' }).click();
  const question = app.getByRole('alertdialog');
  await expect(question).toContainText('Deze periode opnieuw leveren?');
  await app.screenshot({ path: 'test-results/screens/gemeente-levering-al-geleverd-1366x768.png' });
  await question.getByRole('button', { name: 'Nee' }).click();
  await expect(question).toHaveCount(0);
  await expect(app.getByTestId('delivery-history').getByRole('row')).toHaveCount(2);
  const again = path.join(harness.dataDir, 'opnieuw.zip');
  await harness.scriptDialogs({ save: [again] });
  await app.getByRole('button', { name: 'Levering opslaan…' }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Ja, opnieuw leveren…' }).click();
  await expect(app.getByText(`Levering opgeslagen: ${again}`)).toBeVisible();
  await expect(app.getByTestId('delivery-history').getByRole('row')).toHaveCount(3);
});
