// Charges and credits: the add form (Billing screen per invoice, or the account page) and
// the pending list.
import type { Locator, Page } from 'playwright-core';

export interface ChargeInput {
  description: string;
  quantity?: string;
  unitPrice: string;
  unitCost?: string;
  taxable: boolean;
  period?: string;
}

export class ChargesPanel {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, within: Locator) {
    this.page = page;
    this.root = within.locator('[data-charges]');
  }

  async add(input: ChargeInput): Promise<void> {
    await this.root.getByRole('button', { name: 'Add charge or credit' }).click();
    const form = this.root.getByRole('form', { name: /^Add a charge or credit for / });
    await form.getByLabel('Description').fill(input.description);
    if (input.period) await form.getByLabel('Month').fill(input.period);
    await form.getByLabel('Quantity').fill(input.quantity ?? '1');
    await form.getByLabel('Unit price').fill(input.unitPrice);
    if (input.unitCost) await form.getByLabel('Unit cost').fill(input.unitCost);
    await form.getByLabel('Taxable').setChecked(input.taxable);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async errors(): Promise<string[]> {
    return this.root.locator('small.error').allTextContents();
  }

  /** The listed charges, as "description | quantity | unit price". */
  async listed(): Promise<string[]> {
    return this.root.locator('tr[data-charge]').evaluateAll((rows) => rows.map((r) => {
      const cells = [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim());
      return [cells[1], cells[2], cells[3]].join(' | ');
    }));
  }

  async remove(description: string): Promise<void> {
    await this.root.getByRole('button', { name: `Delete ${description}`, exact: true }).click();
  }
}
