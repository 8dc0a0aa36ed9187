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

  /** From the list: previews an account's pending invoice of a month and shares it; returns the link. */
  async sharePreview(account: string, period: string): Promise<string> {
    const form = this.page.getByTestId('preview');
    await form.getByRole('combobox').selectOption({ label: account });
    await form.getByLabel('Month').fill(period);
    await form.getByRole('button', { name: 'Preview' }).click();
    await this.page.getByTestId('invoice-mark').filter({ hasText: 'PREVIEW' }).waitFor({ timeout: 60_000 });
    await this.page.getByRole('button', { name: 'Share preview' }).click();
    const input = this.page.getByTestId('share-link').getByRole('textbox');
    await input.waitFor({ timeout: 30_000 });
    return input.inputValue();
  }

  /** Voids the open invoice (accepting the confirmation) and waits for the document to say VOID. */
  async voidIt(): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.page.getByRole('button', { name: 'Void', exact: true }).click();
    await this.page.getByTestId('invoice-mark').filter({ hasText: 'VOID' }).waitFor({ timeout: 30_000 });
  }

  /** Exports from the list in a format, by default what was not exported yet; returns the CSV text. */
  async exportCsv(format: 'xero' | 'qbo' | 'lines' = 'lines', range: { from: string; to: string } | 'pending' = 'pending'): Promise<string> {
    const form = this.page.getByTestId('export');
    await form.getByRole('combobox', { name: 'Export for' }).selectOption(format);
    await form.getByRole('combobox', { name: 'Invoices' }).selectOption(range === 'pending' ? 'pending' : 'dates');
    if (range !== 'pending') {
      await form.getByLabel('Issued from').fill(range.from);
      await form.getByLabel('Issued to').fill(range.to);
    }
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      form.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
