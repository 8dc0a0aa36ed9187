// The Dashboard: a period's revenue by module, the module filter, the trend chart and the
// insights summary, read as the admin sees them.
import type { Locator, Page } from 'playwright-core';
import { PeriodScreen } from './period-screen.ts';

export interface ModuleRow {
  module: string;
  name: string;
  /** Amounts as the engine wrote them (data-amount) and as shown. */
  pending: string;
  posted: string;
  pendingText: string;
}

export class DashboardPage extends PeriodScreen {
  constructor(page: Page) {
    super(page, 'dashboard-summary');
  }

  async filter(moduleName: string | null): Promise<void> {
    await this.page.getByLabel('Filter by module').selectOption(moduleName === null ? { value: '' } : { label: moduleName });
  }

  /** The module filter's choices (names), "All modules" first. */
  async filterOptions(): Promise<string[]> {
    return this.page.getByLabel('Filter by module').locator('option').allTextContents();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Revenue by module' });
  }

  async rows(): Promise<ModuleRow[]> {
    await this.table().waitFor();
    return this.table().locator('tbody tr[data-module]').evaluateAll((rows) => rows.map((r) => ({
      module: r.getAttribute('data-module') ?? '',
      name: (r.querySelector('td')?.textContent ?? '').trim(),
      pending: r.querySelector('[data-field="pending"]')?.getAttribute('data-amount') ?? '',
      posted: r.querySelector('[data-field="posted"]')?.getAttribute('data-amount') ?? '',
      pendingText: (r.querySelector('[data-field="pending"]')?.textContent ?? '').trim(),
    })));
  }

  /** A figure of the summary as shown ("$1,234.50"): pending, posted, total or margin. */
  async summary(field: 'pending' | 'posted' | 'total' | 'margin'): Promise<string> {
    return ((await this.page.getByTestId('dashboard-summary').locator(`[data-field="${field}"]`).textContent()) ?? '').trim();
  }

  marginNote(): Locator {
    return this.page.getByTestId('margin-note');
  }

  /** Waits for the trend chart to be drawn (uPlot loads on first use); returns its series' names. */
  async trendSeries(): Promise<string[]> {
    const chart = this.page.getByTestId('trend-chart');
    await chart.locator('canvas').waitFor({ timeout: 30_000 });
    return chart.locator('.u-legend .u-series:not(:first-child) .u-label').allTextContents();
  }

  /** The insights summary: count per insight kind. */
  async insightCounts(): Promise<Record<string, number>> {
    const list = this.page.getByTestId('insight-summary').locator('li[data-insight]');
    await list.first().waitFor({ timeout: 60_000 });
    const entries = await list.evaluateAll((items) => items.map((li) => [li.getAttribute('data-insight') ?? '', Number(li.querySelector('[data-field="count"]')?.textContent ?? 'NaN')] as const));
    return Object.fromEntries(entries);
  }

  async openInsights(): Promise<void> {
    await this.page.getByTestId('insight-total').click();
    await this.page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  }
}
