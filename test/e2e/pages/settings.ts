import type { Page } from 'playwright-core';

export class SettingsPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Exports the workspace and saves the downloaded file at `path`. */
  async exportTo(path: string): Promise<void> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export workspace' }).click(),
    ]);
    await download.saveAs(path);
  }

  async importFile(path: string): Promise<void> {
    await this.page.locator('input[name="workspaceFile"]').setInputFiles(path);
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
  }

  async importDone(): Promise<string> {
    const status = this.page.getByRole('status').filter({ hasText: /^Imported / });
    await status.waitFor();
    return (await status.textContent()) ?? '';
  }

  /** The problems listed after a failed import, as "path: message". */
  async importErrors(): Promise<{ summary: string; issues: string[] }> {
    const alert = this.page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
    await alert.waitFor();
    return {
      summary: (await alert.locator('p.error').textContent()) ?? '',
      issues: (await alert.locator('li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()),
    };
  }
}
