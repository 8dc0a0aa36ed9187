// The Insights screen: five sections, each a table of rows linking to where to fix them.
import type { Locator, Page } from 'playwright-core';

export interface InsightRow {
  /** The row's key (data-row): e.g. "datto-rmm:<orgId>" or "<module>:<orgId>:<type>:<day>". */
  key: string;
  /** Cell texts. */
  cells: string[];
  link: { text: string; href: string } | null;
}

export class InsightsPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async waitCurrent(): Promise<void> {
    await this.page.locator('[data-testid="insights"][data-current="true"]').waitFor({ timeout: 60_000 });
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${title}`) });
  }

  async count(title: string): Promise<number> {
    return Number(((await this.section(title).locator('[data-field="count"]').textContent()) ?? '').trim());
  }

  /** Every row of a section (each section shows its first hundred until asked for all). */
  async rows(title: string): Promise<InsightRow[]> {
    const more = this.section(title).getByRole('button', { name: /^Show all/ });
    if (await more.count() > 0) {
      await more.click();
      // the worker answers the whole section; the button goes once every row is shown
      await more.waitFor({ state: 'detached', timeout: 60_000 });
    }
    return this.section(title).locator('tbody tr[data-row]').evaluateAll((rows) => rows.map((r) => {
      const a = r.querySelector('a');
      return {
        key: r.getAttribute('data-row') ?? '',
        cells: [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()),
        link: a ? { text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' } : null,
      };
    }));
  }

  /** Follows the link of the row with this key. */
  async follow(title: string, key: string): Promise<void> {
    await this.section(title).locator(`tr[data-row="${key}"] a`).click();
  }
}
