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

  alert() {
    return this.page.getByRole('alert');
  }
}
