// Settings → "Your business": the MSP as its invoices show it.
import type { Locator, Page } from 'playwright-core';

export interface BusinessInput {
  name: string;
  address: string[];
  email: string;
  phone: string;
  taxId: string;
  terms: string;
  footer: string;
  dateFormat: 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'YYYY-MM-DD';
  incomeAccountCode: string;
  exemptTaxName: string;
}

export class BusinessProfilePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Your business' });
  }

  async fill(input: BusinessInput): Promise<void> {
    const form = this.form();
    await form.getByLabel('Business name').fill(input.name);
    await form.getByLabel('Address').fill(input.address.join('\n'));
    await form.getByLabel('Billing e-mail').fill(input.email);
    await form.getByLabel('Phone').fill(input.phone);
    await form.getByLabel('Tax id').fill(input.taxId);
    await form.getByLabel('Payment terms (days)').fill(input.terms);
    await form.getByLabel('Invoice footer').fill(input.footer);
    await form.getByLabel('Date format').selectOption(input.dateFormat);
    await form.getByLabel('Income account code').fill(input.incomeAccountCode);
    await form.getByLabel('Exempt tax name').fill(input.exemptTaxName);
  }

  /** Chooses a logo file (a PNG of the given bytes). */
  async chooseLogo(name: string, png: Buffer): Promise<void> {
    await this.form().locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: png });
    await this.form().getByText(new RegExp(`^${name.replace('.', '\\.')} \\(`)).waitFor();
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Save business details' }).click();
  }

  /** The field errors shown, as text. */
  async errors(): Promise<string[]> {
    return this.form().locator('small.error').allTextContents();
  }

  async saved(): Promise<void> {
    await this.form().getByRole('status').filter({ hasText: 'Business details saved.' }).waitFor();
  }
}
