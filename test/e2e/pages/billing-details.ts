// An account's "Billing details": who its invoices are addressed to, terms and tax.
import type { Locator, Page } from 'playwright-core';

export interface BillingDetailsInput {
  legalName: string;
  address: string[];
  email: string;
  reference: string;
  terms: string;
  tax: { name: string; rate: string } | 'exempt' | 'none';
}

export class BillingDetailsPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Billing details' });
  }

  async fill(input: BillingDetailsInput): Promise<void> {
    const form = this.form();
    await form.getByLabel('Legal name').fill(input.legalName);
    await form.getByLabel('Address').fill(input.address.join('\n'));
    await form.getByLabel('Invoice e-mail').fill(input.email);
    await form.getByLabel('Reference / PO').fill(input.reference);
    await form.getByLabel('Payment terms (days)').fill(input.terms);
    if (input.tax === 'exempt') await form.getByLabel(/^Exempt/).check();
    else if (input.tax === 'none') await form.getByLabel(/^No tax/).check();
    else {
      await form.getByLabel('Taxed at a rate').check();
      await form.getByLabel('Tax name', { exact: true }).fill(input.tax.name);
      await form.getByLabel('Rate (%)').fill(input.tax.rate);
    }
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Save billing details' }).click();
  }

  async errors(): Promise<string[]> {
    return this.form().locator('small.error').allTextContents();
  }

  async saved(): Promise<void> {
    await this.form().getByRole('status').filter({ hasText: 'Billing details saved.' }).waitFor();
  }
}
