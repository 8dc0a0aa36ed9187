import type { Page } from 'playwright-core';

export class AccountsPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** The account names listed, once the list has loaded (these tests always have accounts). */
  async names(): Promise<string[]> {
    // the table renders before the live query's first answer: wait for a row, not the table
    await this.page.locator('tbody tr[data-account]').first().waitFor();
    return this.page.locator('tbody tr[data-account] td:first-child').allTextContents().then((t) => t.map((s) => s.trim()));
  }

  async create(name: string): Promise<void> {
    await this.page.getByLabel('New account').fill(name);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.locator('tbody td', { hasText: name }).first().waitFor();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
    await this.page.getByLabel(`New name for ${from}`).fill(to);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.getByRole('cell', { name: to, exact: true }).waitFor();
  }
}
