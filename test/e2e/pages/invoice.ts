// The Invoices list and an invoice's document: print, share, revoke.
import type { Locator, Page } from 'playwright-core';

export class InvoicePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async openByNumber(number: string): Promise<void> {
    await this.page.getByRole('link', { name: number, exact: true }).click();
    await this.document().waitFor();
  }

  document(): Locator {
    return this.page.getByTestId('invoice-document');
  }

  /** Shares the invoice; returns the link shown. */
  async share(): Promise<string> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).click();
    const input = this.page.getByTestId('share-link').getByRole('textbox');
    await input.waitFor({ timeout: 30_000 });
    return input.inputValue();
  }

  async revoke(): Promise<void> {
    await this.page.getByRole('button', { name: 'Revoke link' }).click();
    await this.page.getByTestId('share-link').waitFor({ state: 'detached', timeout: 30_000 });
  }

  /** Exports the accounting CSV from the list and returns its text. */
  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export CSV for accounting' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
