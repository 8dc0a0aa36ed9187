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

  /** Fills and sends the custom module form; returns the problems it lists (none when added). */
  async addCustomModule(id: string, name: string, billingTypes: string[]): Promise<string[]> {
    const open = this.page.getByRole('button', { name: 'Add a custom module' });
    if (await open.isVisible()) await open.click();
    await this.page.getByLabel('Module id').fill(id);
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Billing types').fill(billingTypes.join('\n'));
    await this.page.getByRole('button', { name: 'Add module' }).click();
    const outcome = this.page.locator('section.custom [role="status"], section.custom [role="alert"]').first();
    await outcome.waitFor();
    return (await this.page.locator('section.custom ul[role="alert"] li').allTextContents()).map((t) => t.trim());
  }
}
