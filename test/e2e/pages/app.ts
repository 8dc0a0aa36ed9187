// The app shell as a user sees it: navigation and the sync status in the header.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export class AppPage {
  readonly page: Page;
  readonly baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens the app, handing over the admin token the way `npm start` prints it. */
  async open(token?: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/${token ? `#token=${token}` : ''}`);
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  async nav(label: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: label === 'Org mapping' ? 'Org mapping' : label }).waitFor();
  }

  status() {
    return this.page.getByTestId('sync-status');
  }

  /** Waits until a sync finished without error. */
  async waitSynced(): Promise<void> {
    await this.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return el?.getAttribute('data-phase') === 'idle' && el.textContent?.includes('Synced');
    }, null, { timeout: 120_000 });
  }

  /**
   * Starts a sync and waits until a round started after the click has finished, with or
   * without error (a round already under way when clicked may predate what the test sent).
   */
  async syncNow(): Promise<void> {
    const before = Number((await this.status().getAttribute('data-rounds')) ?? '0');
    const running = (await this.status().getAttribute('data-phase')) === 'syncing';
    await this.status().getByRole('button', { name: 'Sync now' }).click();
    await this.page.waitForFunction((least) => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return el !== null && Number(el.getAttribute('data-rounds')) >= least && el.getAttribute('data-phase') !== 'syncing';
    }, before + (running ? 2 : 1), { timeout: 120_000 });
  }

  async pendingText(): Promise<string> {
    const pending = this.page.getByTestId('pending-changes');
    return (await pending.count()) > 0 ? (await pending.textContent()) ?? '' : '';
  }

  async expectPending(count: number): Promise<void> {
    if (count === 0) {
      await this.page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 120_000 });
    } else {
      await this.page.getByTestId('pending-changes').filter({ hasText: `${count} pending` }).waitFor({ timeout: 60_000 });
    }
    expect(await this.pendingText()).toBe(count === 0 ? '' : `${count} pending ${count === 1 ? 'change' : 'changes'}`);
  }
}
