import type { Page } from 'playwright-core';

export class ModulesPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  tile(name: string) {
    return this.page.locator('article.tile').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async lastUpload(name: string): Promise<string> {
    return ((await this.tile(name).getByTestId('last-upload').textContent()) ?? '').trim();
  }

  async orgCount(name: string): Promise<number> {
    return Number(((await this.tile(name).getByTestId('org-count').textContent()) ?? '').trim());
  }

  async enable(name: string): Promise<void> {
    const toggle = this.tile(name).getByRole('switch');
    await toggle.check();
    await this.tile(name).getByText('Enabled', { exact: true }).waitFor();
  }
}
