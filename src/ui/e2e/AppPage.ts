import { expect, type Page } from '@playwright/test';

/** What a user does in the shell, in the user's words. */
export class AppPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async chooseEdition(title: 'Gemeente-editie' | 'Analist-editie'): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
    await expect(this.page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  }

  menuItems() {
    return this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
  }

  async open(label: string): Promise<void> {
    await this.menuItems().filter({ hasText: label }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(label);
    await expect(this.menuItems().filter({ hasText: label })).toHaveAttribute('aria-current', 'page');
  }

  async setGemeente(code: string, naam: string): Promise<void> {
    await this.open('Instellingen');
    await this.page.getByLabel('Gemeentecode (CBS)').fill(code);
    await this.page.getByLabel('Naam', { exact: true }).fill(naam);
    await this.page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  }

  /** Opens Sleutel and creates the key a gemeente needs before it can import. */
  async createKey(): Promise<void> {
    await this.open('Sleutel');
    await this.page.getByRole('button', { name: 'Sleutel aanmaken' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).click();
    await expect(this.page.getByTestId('fingerprint')).toBeVisible();
  }

  /** Creates the key and proves its backup by a dry-run restore, as Levering requires. */
  async createKeyWithBackup(harness: { dataDir: string; scriptDialogs(script: { save?: (string | null)[]; open?: string[][] }): Promise<void> }, passphrase: string): Promise<void> {
    await this.open('Sleutel');
    await this.page.getByRole('button', { name: 'Sleutel aanmaken' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Ja, nieuwe sleutel aanmaken' }).click();
    const backup = `${harness.dataDir}/sleutel.wmkey`;
    await harness.scriptDialogs({ save: [backup] });
    await this.page.getByLabel('Nieuwe wachtwoordzin voor de back-up (minstens 12 tekens)').fill(passphrase);
    await this.page.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(passphrase);
    await this.page.getByRole('button', { name: 'Back-up opslaan…' }).click();
    await expect(this.page.getByText(`Back-up opgeslagen in ${backup}`)).toBeVisible();
    await harness.scriptDialogs({ open: [[backup]] });
    await this.page.getByLabel('Wachtwoordzin van de back-up, om te controleren').fill(passphrase);
    await this.page.getByRole('button', { name: 'Back-up kiezen en controleren…' }).click();
    await expect(this.page.getByTestId('backup-status')).toContainText('gecontroleerd op');
  }

  /** Chooses one export in the (scripted) dialog, waits for its own preview, and reads it in. */
  /** Opens Importeren and chooses these files in the (scripted) open dialog. */
  async chooseExports(harness: { scriptDialogs(script: { open: string[][] }): Promise<void> }, files: string[]): Promise<void> {
    await this.open('Importeren');
    await harness.scriptDialogs({ open: [files] });
    await this.page.getByRole('button', { name: 'Bestanden kiezen…' }).click();
  }

  async importExport(harness: { scriptDialogs(script: { open: string[][] }): Promise<void> }, file: string, periode: string): Promise<void> {
    await this.chooseExports(harness, [file]);
    const name = file.split(/[\\/]/).pop()!;
    await expect(this.page.getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')}`) })).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByTestId('preview-grid')).toBeVisible();
    await this.page.getByLabel('Periode van de export').fill(periode);
    await this.page.getByRole('button', { name: 'Inlezen', exact: true }).click();
    await expect(this.page.getByTestId('import-result')).toContainText(`${name} (${periode})`);
  }

  /**
   * The start most gemeente tests share, at the size of the screenshots: the gemeente edition,
   * optionally a gemeente, a key, and these exports read in (file, period).
   */
  async startGemeente(harness: { scriptDialogs(script: { open: string[][] }): Promise<void> }, exports: readonly (readonly [string, string])[], gemeente?: readonly [string, string]): Promise<void> {
    await this.page.setViewportSize({ width: 1366, height: 768 });
    await this.chooseEdition('Gemeente-editie');
    if (gemeente) await this.setGemeente(gemeente[0], gemeente[1]);
    await this.createKey();
    for (const [file, periode] of exports) await this.importExport(harness, file, periode);
  }

  alert() {
    return this.page.getByRole('alert');
  }

  /**
   * Presses Tab (or Shift+Tab) until the focused element is called `name` (its aria-label, label
   * or text), as a keyboard user would, and checks that the focus ring is visible there.
   */
  async tabTo(name: string | RegExp, options: { backwards?: boolean; maxPresses?: number } = {}): Promise<void> {
    const wanted = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
    const visited: string[] = [];
    for (let i = 0; i < (options.maxPresses ?? 60); i++) {
      await this.page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
      const focused = await this.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const text = element?.getAttribute('aria-label') ?? (element as HTMLInputElement | null)?.labels?.[0]?.textContent ?? element?.textContent ?? '';
        return text.replace(/\s+/g, ' ').trim();
      });
      visited.push(focused);
      if (wanted(focused)) {
        await expect(this.page.locator(':focus')).toHaveCSS('outline-style', 'solid');
        return;
      }
    }
    throw new Error(`Met Tab niet bereikt: ${String(name)}; langs: ${visited.join(' | ')}`);
  }
}
