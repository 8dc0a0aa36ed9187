// The service editor of a contract: second-wave options of one service row, its worked
// example and its price changes.
import type { Locator, Page } from 'playwright-core';

export interface TierInput {
  upTo: string | null;
  unitPrice: string;
  flatFee?: string;
}

export class ServiceEditor {
  readonly page: Page;
  readonly form: Locator;
  constructor(page: Page, formName: 'New contract' | 'Edit contract') {
    this.page = page;
    this.form = page.getByRole('form', { name: formName });
  }

  /** The service row with this name (as typed in its name field). */
  async row(name: string): Promise<Locator> {
    const rows = this.form.locator('[data-service-row]');
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      if ((await row.getByLabel('Service name').inputValue()) === name) return row;
    }
    throw new Error(`no service named ${name}`);
  }

  async setQuantity(name: string, quantity: string): Promise<void> {
    await (await this.row(name)).getByLabel('Quantity', { exact: true }).fill(quantity);
  }

  /** Replaces the service's tiers and chooses graduated or volume. */
  async setTiers(name: string, tiers: TierInput[], mode: 'Graduated' | 'Volume'): Promise<void> {
    const row = await this.row(name);
    while ((await row.locator('tr[data-tier]').count()) > 0) await row.getByRole('button', { name: 'Remove tier 1' }).click();
    for (let k = 0; k < tiers.length; k++) {
      const tier = tiers[k] as TierInput;
      await row.getByRole('button', { name: 'Add tier' }).click();
      await row.getByLabel(`Tier ${k + 1} up to`).fill(tier.upTo ?? '');
      await row.getByLabel(`Tier ${k + 1} price per unit`).fill(tier.unitPrice);
      await row.getByLabel(`Tier ${k + 1} flat fee`).fill(tier.flatFee ?? '');
    }
    await row.getByLabel('Tier mode').selectOption({ label: mode });
  }

  async setTaxable(name: string, taxable: boolean): Promise<void> {
    await (await this.row(name)).getByLabel('Taxable').setChecked(taxable);
  }

  /** The worked example of the service once the engine answered for the form as it is. */
  async example(name: string): Promise<string> {
    const row = await this.row(name);
    const example = row.locator('p.example:not(.stale)');
    await example.filter({ hasText: /At today's figures/ }).waitFor({ timeout: 30_000 });
    return ((await example.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The month a new price defaults to. */
  async newPriceMonth(name: string): Promise<string> {
    return (await this.row(name)).getByLabel('New price from').inputValue();
  }

  async addPriceChange(name: string, price: string, from?: string): Promise<void> {
    const row = await this.row(name);
    if (from) await row.getByLabel('New price from').fill(from);
    await row.getByLabel('New price', { exact: true }).fill(price);
    await row.getByRole('button', { name: 'Add price change' }).click();
  }

  async priceHistory(name: string): Promise<string[]> {
    const items = (await this.row(name)).locator('ul.history li');
    return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').replace(/ remove$/, '').trim());
  }

  async errors(): Promise<string[]> {
    return this.form.locator('small.error').allTextContents();
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: /^(Save|Create) contract$/ }).click();
  }
}
