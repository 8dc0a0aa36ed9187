// Accounts made in the first hour: from the organizations modules report, and from a CSV.
import { describe, expect, it } from 'vitest';
import { cleanAccountName } from '../../shared/accounts/clean-name.ts';
import { planAccounts } from '../../shared/accounts/from-orgs.ts';
import { importAccountsCsv } from '../../shared/accounts/csv-import.ts';
import { setupSteps } from '../../shared/setup/checklist.ts';

describe('an account name from an organization name', () => {
  it.each([
    ['Brass Building Supplies_Org', 'Brass Building Supplies'],
    ['Cobalt Dental LLC', 'Cobalt Dental'],
    ['Cobalt Dental, Inc.', 'Cobalt Dental'],
    ['Harbor & Finch Co. Ltd', 'Harbor & Finch'],
    ['Northwind Traders...', 'Northwind Traders'],
    ['The Company', 'The Company'],
    ['LLC', 'LLC'],
    ['St. Mary\'s Clinic', 'St. Mary\'s Clinic'],
  ])('%s → %s', (org, account) => {
    expect(cleanAccountName(org)).toBe(account);
  });
});

describe('accounts planned from unmapped organizations', () => {
  it('makes one account per client, merging the orgs suggestions read as the same client', () => {
    const plan = planAccounts([
      { module: 'datto-rmm', orgId: 's1', name: 'Brass Building Supplies_Org' },
      { module: 'datto-bcdr', orgId: '501', name: 'Brass Building Supply LLC' },
      { module: 'datto-rmm', orgId: 's2', name: 'Cobalt Dental' },
    ]);
    expect(plan).toEqual([
      { name: 'Brass Building Supplies', orgs: [
        { module: 'datto-rmm', orgId: 's1', name: 'Brass Building Supplies_Org' },
        { module: 'datto-bcdr', orgId: '501', name: 'Brass Building Supply LLC' },
      ] },
      { name: 'Cobalt Dental', orgs: [{ module: 'datto-rmm', orgId: 's2', name: 'Cobalt Dental' }] },
    ]);
  });
});

describe('accounts from a CSV', () => {
  it('reads name, legal name, address lines, email and external id under loose headers', () => {
    const csv = 'Name,Legal Name,Address,E-mail,External ID\n'
      + 'Brass Building Supplies,"Brass Building Supplies, LLC","12 Quay St; Portland, OR 97201",ap@brass.example,QB-1001\n'
      + 'Cobalt Dental,,,,\n';
    expect(importAccountsCsv(csv)).toEqual({
      accounts: [
        { name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies, LLC', address: ['12 Quay St', 'Portland, OR 97201'], email: 'ap@brass.example', externalId: 'QB-1001' } },
        { name: 'Cobalt Dental', billing: {} },
      ],
      issues: [],
    });
  });

  it('names every bad row and column: empty name, bad email, a name that exists', () => {
    const csv = 'name,email\n,x@y.example\nCobalt Dental,not-an-email\nbrass building supplies,\n';
    expect(importAccountsCsv(csv, ['Brass Building Supplies']).issues).toEqual([
      { path: 'rows[1].name', message: 'must not be empty' },
      { path: 'rows[2].email', message: '"not-an-email" is not an email address' },
      { path: 'rows[3].name', message: 'an account named "brass building supplies" already exists' },
    ]);
  });

  it('needs a name column', () => {
    expect(importAccountsCsv('company id,email\n1,a@b.example\n').issues).toEqual([{ path: 'header', message: 'needs a "name" column (found: company id, email)' }]);
  });
});

describe('the setup checklist', () => {
  const empty = { uploads: 0, connectors: 0, enabledModules: 0, accounts: 0, orgMappings: 0, unmappedOrgs: 0, contracts: 0, mappedServices: 0, invoices: 0 };
  it('starts with nothing done, each step linking to its screen', () => {
    expect(setupSteps(empty).map((s) => [s.id, s.href, s.done])).toEqual([
      ['usage', '/modules', false], ['modules', '/modules', false], ['accounts', '/accounts', false],
      ['mapping', '/mapping', false], ['contracts', '/accounts', false], ['billing', '/billing', false],
    ]);
  });
  it('ticks steps off from the data; mapping only once no org is left unmapped', () => {
    const steps = setupSteps({ ...empty, uploads: 3, enabledModules: 1, accounts: 2, orgMappings: 2, unmappedOrgs: 1, contracts: 1, mappedServices: 1 });
    expect(steps.filter((s) => s.done).map((s) => s.id)).toEqual(['usage', 'modules', 'accounts', 'contracts']);
    expect(steps.find((s) => s.id === 'mapping')?.detail).toBe('1 organizations still unmapped');
  });
});
