// The Billing screen: a period's pending items by account, drill-down, Approve & Post.
import type { Locator, Page } from 'playwright-core';
import { PeriodScreen } from './period-screen.ts';

export interface ShownLine {
  /** kind|contractId|serviceId|module|period */
  id: string;
  quantity: string;
  amount: string;
  text: string;
}

export class BillingPage extends PeriodScreen {
  constructor(page: Page) {
    super(page, 'billing-summary');
  }

  account(name: string): Locator {
    return this.page.getByRole('region', { name: `Invoice of ${name}`, exact: true });
  }

  async total(name: string): Promise<string> {
    return (await this.account(name).locator('[data-field="total"]').getAttribute('data-amount')) ?? '';
  }

  async lines(name: string): Promise<ShownLine[]> {
    return this.account(name).locator('tr[data-line]').evaluateAll((rows) => rows.map((r) => ({
      id: r.getAttribute('data-line') ?? '',
      quantity: r.querySelector('[data-field="quantity"]')?.getAttribute('data-quantity') ?? '',
      amount: r.querySelector('[data-field="amount"]')?.getAttribute('data-amount') ?? '',
      text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })));
  }

  /** Opens an item's daily quantities; returns the days shown (date, raw quantity, source text). */
  async drill(name: string, service: string): Promise<{ date: string; quantity: string; source: string }[]> {
    await this.account(name).getByRole('button', { name: new RegExp(`^Daily quantities of ${service} `) }).click();
    const panel = this.account(name).getByTestId('drilldown');
    await panel.locator('tr[data-day]').first().waitFor();
    await panel.getByTestId('daily-chart').locator('canvas').waitFor();
    return panel.locator('tr[data-day]').evaluateAll((rows) => rows.map((r) => ({
      date: r.getAttribute('data-day') ?? '',
      quantity: r.querySelector('[data-field="quantity"]')?.getAttribute('data-quantity') ?? '',
      source: (r.children[2]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })));
  }

  async post(name: string): Promise<void> {
    await this.account(name).getByRole('button', { name: 'Approve & Post' }).click();
  }

  message(): Locator {
    return this.page.getByTestId('billing-message');
  }

  /** The invoice number shown on a posted account (or "number pending"). */
  async number(name: string): Promise<string> {
    return ((await this.account(name).locator('[data-field="number"]').textContent()) ?? '').trim();
  }
}
