// A vendor connector on its Modules tile: connect, test, save, sync now, last run.
import type { Locator, Page } from 'playwright-core';
import { ModulesPage } from './modules.ts';

export class ConnectorPanel {
  readonly page: Page;
  readonly tile: Locator;
  constructor(page: Page, moduleName: string) {
    this.page = page;
    this.tile = new ModulesPage(page).tile(moduleName);
  }

  async status(): Promise<string> {
    return ((await this.tile.getByTestId('connector-status').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  async fill(settings: { apiUrl: string; apiKey: string; apiSecret: string }): Promise<void> {
    await this.tile.getByRole('button', { name: 'Connect' }).click();
    await this.tile.getByLabel('API URL').fill(settings.apiUrl);
    await this.tile.getByLabel('API key').fill(settings.apiKey);
    await this.tile.getByLabel('API secret').fill(settings.apiSecret);
  }

  /** Presses a form button and answers the result line it shows. */
  async press(name: 'Test connection' | 'Save'): Promise<string> {
    const result = this.tile.getByTestId('connector-result');
    await this.tile.getByRole('button', { name, exact: true }).click();
    await result.waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="connector"] button[disabled]'));
    return ((await result.textContent()) ?? '').trim();
  }

  /** Sync now on the tile: runs the connector; answers the note it leaves. */
  async syncNow(): Promise<string> {
    await this.tile.getByRole('button', { name: /^Sync now/ }).click();
    const note = this.page.getByTestId('run-note');
    await note.waitFor({ timeout: 60_000 });
    return ((await note.textContent()) ?? '').trim();
  }
}
