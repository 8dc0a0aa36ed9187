// The confirmation of Approve & Post all on the Billing screen.
import type { Locator, Page } from 'playwright-core';

export class PostAllDialog {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Approve & Post all/ });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^Approve & Post all \(/ }).click();
    await this.dialog().waitFor();
  }

  /** What it asks: "N invoices" and the total as a decimal string. */
  async summary(): Promise<{ count: string; total: string }> {
    const dialog = this.dialog();
    return {
      count: ((await dialog.locator('[data-field="count"]').textContent()) ?? '').trim(),
      total: (await dialog.locator('[data-field="total"]').getAttribute('data-amount')) ?? '',
    };
  }

  async refusal(): Promise<string> {
    return ((await this.dialog().getByRole('alert').textContent()) ?? '').trim();
  }

  async includeZero(on: boolean): Promise<void> {
    await this.dialog().getByRole('checkbox', { name: /Include \$0\.00 invoices/ }).setChecked(on);
  }

  confirmButton(): Locator {
    return this.dialog().getByRole('button', { name: /^Post \d+ invoices?$/ });
  }

  async confirm(): Promise<void> {
    await this.confirmButton().click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  async cancel(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Cancel' }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }
}
