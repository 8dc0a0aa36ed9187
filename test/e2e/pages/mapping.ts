import type { Page } from 'playwright-core';

export interface MappingRow {
  module: string;
  org: string;
  account: string;
}

export class MappingPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async unmapped(): Promise<number> {
    // the worker counts (edits applied): read the count once it reflects the latest data and edits
    const badge = this.page.locator('[data-testid="unmapped-count"][data-current="true"]');
    await badge.waitFor();
    const text = (await badge.textContent()) ?? '';
    return Number(text.replace(/\D+/g, ''));
  }

  async showSuggestions(): Promise<void> {
    await this.page.getByLabel('Show suggested mappings').check();
  }

  suggestions() {
    return this.page.getByTestId('suggestion');
  }

  async acceptAllAbove(threshold: number): Promise<number> {
    await this.page.getByLabel('Confidence threshold').fill(String(threshold));
    // the worker counts the suggestions at or above the threshold: read the button once its answer is for this threshold
    await this.page.locator('[data-testid="unmapped-count"][data-current="true"]').waitFor();
    const button = this.page.getByRole('button', { name: /^Accept \d+$/ });
    const count = Number(((await button.textContent()) ?? '').replace(/\D+/g, ''));
    await button.click();
    return count;
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.getByRole('status').filter({ hasText: /^Saved \d+ mappings?\.$/ }).waitFor();
  }

  async byModuleOrganization(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Map by module organization' }).click();
  }

  async byOrganization(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Map by organization' }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search organizations' }).fill(text);
  }

  async unmappedOnly(on: boolean): Promise<void> {
    await this.page.getByLabel('Unmapped only').setChecked(on);
  }

  /**
   * In the module-organization list: picks the account of an org by typing and clicking, as a user would.
   * The list is paged, so the org is searched for first (it may not be on the first page).
   */
  async mapOrg(orgName: string, accountName: string): Promise<void> {
    await this.search(orgName);
    const row = this.page.locator(`tr[data-org="${orgName}"]`);
    await row.getByRole('button', { name: `Account for ${orgName}` }).click();
    await row.getByRole('searchbox').fill(accountName);
    await row.getByRole('option', { name: accountName, exact: true }).click();
  }

  async accountOf(orgName: string): Promise<string> {
    const row = this.page.locator(`tr[data-org="${orgName}"]`);
    return ((await row.getByRole('button', { name: `Account for ${orgName}` }).textContent()) ?? '').trim();
  }

  /** Every row of the module-organization list: module, org and the account it maps to. */
  async rows(): Promise<MappingRow[]> {
    await this.page.locator('tbody tr').first().waitFor();
    return this.page.locator('tbody tr[data-org]').evaluateAll((trs) => trs.map((tr) => {
      const cells = tr.querySelectorAll('td');
      return {
        module: tr.getAttribute('data-module') ?? '',
        org: tr.getAttribute('data-org') ?? '',
        account: (cells[3]?.querySelector('button')?.textContent ?? '').trim(),
      };
    }));
  }
}
