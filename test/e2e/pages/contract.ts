/// <reference lib="dom" />
// An account's screen: its contracts (form with services) and the Service mapping tab.
import type { Locator, Page } from 'playwright-core';

export interface ServiceInput {
  name: string;
  unitPrice: string;
  unitCost?: string;
  mode: 'Daily (prorated)' | 'Period end (true-up)' | 'Peak' | 'Fixed fee';
}

export class AccountPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** From the Accounts list, opens an account by its name. */
  async openFromList(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** Creates a contract with its services through the form. */
  async createContract(contract: { name: string; start: string; end?: string; services: ServiceInput[] }): Promise<void> {
    await this.page.getByRole('button', { name: 'New contract' }).click();
    const form = this.page.getByRole('form', { name: 'New contract' });
    await form.getByLabel('Contract name').fill(contract.name);
    await form.getByLabel('Start').fill(contract.start);
    if (contract.end) await form.getByLabel('End').fill(contract.end);
    for (let i = 0; i < contract.services.length; i++) {
      if (i > 0) await form.getByRole('button', { name: 'Add service' }).click();
      const row = form.locator(`[data-service-row="${i}"]`);
      const service = contract.services[i] as ServiceInput;
      await row.getByLabel('Service name').fill(service.name);
      await row.getByLabel('Unit price').fill(service.unitPrice);
      if (service.unitCost) await row.getByLabel('Unit cost').fill(service.unitCost);
      await row.getByLabel('Billing mode').selectOption({ label: service.mode });
    }
    await form.getByRole('button', { name: 'Create contract' }).click();
    await this.page.getByRole('tab', { name: 'Service mapping' }).waitFor();
  }

  /** The form's field errors, as shown. */
  async formErrors(): Promise<string[]> {
    return this.page.locator('form.contract-form small.error').allTextContents();
  }

  async mappingTab(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Service mapping' }).click();
    await this.page.locator('[data-mapping-module]').first().waitFor();
  }

  row(module: string, billingType: string): Locator {
    return this.page.locator(`section[data-mapping-module="${module}"] tr[data-billing-type="${billingType}"]`);
  }

  /** Maps a billing type to a service (by its name) or to "Ignore"; waits for the choice to be stored and shown. */
  async map(module: string, billingType: string, choice: string): Promise<void> {
    const select = this.row(module, billingType).getByRole('combobox');
    await select.selectOption({ label: choice });
    await this.page.waitForFunction(([m, t, label]) => {
      const el = document.querySelector<HTMLSelectElement>(`section[data-mapping-module="${m}"] tr[data-billing-type="${t}"] select`);
      return el?.selectedOptions[0]?.textContent?.trim() === label;
    }, [module, billingType, choice] as const);
  }

  /** The billing types flagged as reported but not mapped, as `module:type`. */
  async flagged(): Promise<string[]> {
    return this.page.locator('tr.flagged').evaluateAll((rows) => rows.map((r) => {
      const module = r.closest('[data-mapping-module]')?.getAttribute('data-mapping-module') ?? '';
      return `${module}:${r.getAttribute('data-billing-type') ?? ''}`;
    }));
  }

  preview(): Locator {
    return this.page.getByTestId('mapping-preview');
  }
}
