// The first-hour screens: the setup checklist, accounts from organizations, module keys.
import type { Page } from 'playwright-core';

export class SetupChecklist {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Each step's id and whether it is ticked. */
  async steps(): Promise<[string, boolean][]> {
    await this.page.getByTestId('setup-checklist').waitFor();
    return this.page.locator('[data-testid="setup-checklist"] li').evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-step') ?? '', li.getAttribute('data-done') === 'true'] as [string, boolean]));
  }

  async waitDone(step: string): Promise<void> {
    await this.page.locator(`[data-testid="setup-checklist"] li[data-step="${step}"][data-done="true"]`).waitFor({ timeout: 60_000 });
  }
}

export class CreateFromOrgs {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the picker and answers the accounts it plans. */
  async planned(): Promise<string[]> {
    await this.page.getByRole('button', { name: /^Choose from \d+ organizations/ }).click();
    // the orgs are read once the list opens
    await this.page.getByTestId('planned-accounts').waitFor();
    return (await this.page.locator('[data-testid="planned-accounts"] li strong').allTextContents()).map((t) => t.trim());
  }

  async create(): Promise<string> {
    await this.page.getByRole('button', { name: /^Create \d+ accounts? and map them/ }).click();
    const note = this.page.locator('[data-testid="create-from-orgs"] [role="status"]');
    await note.waitFor();
    return ((await note.textContent()) ?? '').trim();
  }
}

export class KeysSection {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  rows() {
    return this.page.locator('[data-testid="keys"] tbody tr[data-key-id]');
  }

  /** Creates a key; answers the token and the curl example shown once. */
  async create(moduleName: string, label: string): Promise<{ token: string; curl: string }> {
    const section = this.page.getByTestId('keys');
    await section.getByLabel('Module').selectOption({ label: moduleName });
    await section.getByLabel('Label').fill(label);
    await section.getByRole('button', { name: 'Create key' }).click();
    await section.getByTestId('new-key-token').waitFor();
    return {
      token: ((await section.getByTestId('new-key-token').textContent()) ?? '').trim(),
      curl: (await section.getByTestId('curl-example').textContent()) ?? '',
    };
  }

  async revoke(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke key ${label}` }).click();
    await this.page.getByRole('button', { name: `Revoke key ${label}` }).waitFor({ state: 'detached' });
  }
}
