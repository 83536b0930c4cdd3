import path from 'node:path';
import { readKeyFile } from '../../core/pseudonym/keyFile.ts';
import { fingerprint } from '../../core/pseudonym/wm1.ts';
import { AppPage } from './AppPage.ts';
import { expect, openApp, startHarness, test } from './harnessFixture.ts';

const PASS = 'lange wachtwoordzin voor de test';

test('create the key, back it up, prove the backup, and restore it on a new laptop', async ({ app, harness, browser }) => {
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Sleutel');
  await app.getByRole('button', { name: 'Sleutel aanmaken' }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).click();
  const shown = (await app.getByTestId('fingerprint').textContent())!;
  expect(shown).toMatch(/^[0-9a-f]{16}$/);
  await expect(app.getByTestId('backup-status')).toHaveText('nog niet gecontroleerd');
  await expect(app.getByText('Maak nu een back-up en controleer die.')).toBeVisible();

  // Back up through the (scripted) save dialog.
  const backup = path.join(harness.dataDir, 'gemeente.wmkey');
  await harness.scriptDialogs({ save: [backup] });
  await app.getByLabel('Nieuwe wachtwoordzin voor de back-up (minstens 12 tekens)').fill(PASS);
  await app.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(PASS);
  await app.getByRole('button', { name: 'Back-up opslaan…' }).click();
  await expect(app.getByText(`Back-up opgeslagen in ${backup}`)).toBeVisible();
  expect(fingerprint(await readKeyFile(backup, PASS))).toBe(shown);

  // The dry run refuses a wrong passphrase, then proves the file.
  await harness.scriptDialogs({ open: [[backup]] });
  await app.getByLabel('Wachtwoordzin van de back-up, om te controleren').fill('een verkeerde wachtwoordzin');
  await app.getByRole('button', { name: 'Back-up kiezen en controleren…' }).click();
  await expect(app.getByRole('alert')).toContainText('De wachtwoordzin voor sleutelbestand gemeente.wmkey is onjuist.');
  await harness.scriptDialogs({ open: [[backup]] });
  await app.getByLabel('Wachtwoordzin van de back-up, om te controleren').fill(PASS);
  await app.getByRole('button', { name: 'Back-up kiezen en controleren…' }).click();
  await expect(app.getByTestId('backup-status')).toContainText('gecontroleerd op');
  await expect(app.getByText('Maak nu een back-up en controleer die.')).toHaveCount(0);

  // A new laptop: empty data folder, restore from the backup.
  const laptop = await startHarness();
  try {
    const page = await browser.newPage();
    await openApp(page, laptop.url);
    const fresh = new AppPage(page);
    await fresh.chooseEdition('Gemeente-editie');
    await fresh.open('Sleutel');
    await laptop.scriptDialogs({ open: [[backup]] });
    await page.getByLabel('Wachtwoordzin van de back-up, om terug te zetten').fill(PASS);
    await page.getByRole('button', { name: 'Back-upbestand kiezen en terugzetten…' }).click();
    await expect(page.getByTestId('fingerprint')).toHaveText(shown);
    await expect(page.getByTestId('backup-status')).toContainText('gecontroleerd op');
    await page.close();
  } finally {
    await laptop.stop();
  }
});

test('a double click on "Sleutel aanmaken" creates one key with one call', async ({ app }) => {
  const creates: string[] = [];
  app.on('request', (request) => {
    if (request.url().includes('/api/call/key.create')) creates.push(request.url());
  });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Sleutel');
  await app.getByRole('button', { name: 'Sleutel aanmaken' }).click();
  await app.getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).dblclick();
  await expect(app.getByTestId('fingerprint')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(app.getByRole('alert')).toHaveCount(0);
  expect(creates).toHaveLength(1);
});

test('a new key is made only after a question, and the backup passphrase is checked beside its field before the save dialog opens', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const backups: string[] = [];
  app.on('request', (request) => {
    if (request.url().includes('/api/call/key.backup')) backups.push(request.url());
  });
  const shell = new AppPage(app);
  await shell.chooseEdition('Gemeente-editie');
  await shell.open('Sleutel');
  await app.getByRole('button', { name: 'Sleutel aanmaken' }).click();
  const question = app.getByRole('alertdialog');
  await expect(question).toContainText('Dit maakt eerdere leveringen onvergelijkbaar');
  await expect(question.getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' })).toBeFocused();
  await app.screenshot({ path: 'test-results/screens/gemeente-sleutel-vraag-1366x768.png' });
  await question.getByRole('button', { name: 'Nee' }).click();
  await expect(app.getByTestId('fingerprint')).toHaveCount(0);
  await app.getByRole('button', { name: 'Sleutel aanmaken' }).click();
  await app.getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).click();
  await expect(app.getByTestId('fingerprint')).toBeVisible();

  // Two distinct labels where there were two alike.
  await expect(app.getByLabel('Wachtwoordzin van de back-up, om te controleren')).toHaveCount(1);
  await expect(app.getByLabel('Wachtwoordzin van de back-up, om terug te zetten')).toHaveCount(1);

  const first = app.getByLabel('Nieuwe wachtwoordzin voor de back-up (minstens 12 tekens)');
  const repeat = app.getByLabel('Herhaal de nieuwe wachtwoordzin');
  await first.fill('te kort');
  await repeat.fill('te kort');
  await app.getByRole('button', { name: 'Back-up opslaan…' }).click();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription('Kies een wachtwoordzin van minstens 12 tekens; deze heeft er 7.');
  await first.fill(PASS);
  await repeat.fill(`${PASS}!`);
  await app.getByRole('button', { name: 'Back-up opslaan…' }).click();
  await expect(repeat).toHaveAccessibleDescription('De twee wachtwoordzinnen verschillen.');
  await expect(first).toHaveAttribute('aria-invalid', 'false');
  await app.screenshot({ path: 'test-results/screens/gemeente-sleutel-wachtwoordzin-1366x768.png' });
  expect(backups).toEqual([]);
});
