// What the period screens (Billing, Dashboard) share: a period picker, and a summary that
// says whether the engine worker's figures reflect the latest data.
import type { Page } from 'playwright-core';

export class PeriodScreen {
  readonly page: Page;
  readonly #summary: string;
  constructor(page: Page, summaryTestId: string) {
    this.page = page;
    this.#summary = summaryTestId;
  }

  /** Chooses the period and waits for its figures to be current. */
  async choosePeriod(period: string): Promise<void> {
    await this.page.getByLabel('Billing period').selectOption(period);
    await this.waitCurrent();
  }

  /** Waits until the shown figures reflect the latest data (not recomputing). */
  async waitCurrent(): Promise<void> {
    await this.page.locator(`[data-testid="${this.#summary}"][data-current="true"]`).waitFor({ timeout: 60_000 });
  }
}
