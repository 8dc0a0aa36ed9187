// Accounts from a CSV (name, legal name, address, email, external id), so nobody types
// two hundred clients. Headers are matched loosely ("Legal name", "legal_name",
// "legalName"); every problem is reported with its row and column, and nothing is
// imported while any remains.
import Papa from 'papaparse';
import { z } from 'zod';
import type { Issue } from '../schema/issues.ts';

/** An account's billing details as the CSV gives them (the account's `billing` field). */
export interface ImportedBilling {
  legalName?: string;
  address?: string[];
  email?: string;
  reference?: string;
  paymentTermsDays?: number;
  externalId?: string;
  tax?: string;
}

export interface ImportedAccount {
  name: string;
  billing: ImportedBilling;
}

export interface AccountImport {
  accounts: ImportedAccount[];
  issues: Issue[];
}

const COLUMNS = {
  name: ['name', 'account', 'account name', 'company', 'company name'],
  legalName: ['legal name', 'legalname', 'legal'],
  address: ['address', 'billing address', 'postal address'],
  email: ['email', 'e-mail', 'billing email', 'email address'],
  externalId: ['external id', 'externalid', 'id', 'customer id', 'external reference'],
  reference: ['reference', 'po', 'purchase order'],
  paymentTermsDays: ['payment terms days', 'payment terms', 'terms', 'paymenttermsdays'],
  tax: ['tax', 'tax id', 'vat', 'vat number'],
} as const;

type Field = keyof typeof COLUMNS;

function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/[_\s]+/g, ' ');
}

const email = z.email();

/** Reads the CSV text into accounts; `existing` names (any case) are reported as duplicates. */
export function importAccountsCsv(text: string, existing: readonly string[] = []): AccountImport {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: headerKey });
  const issues: Issue[] = parsed.errors.slice(0, 20).map((e) => ({ path: `rows[${(e.row ?? 0) + 1}]`, message: e.message }));
  const headers = parsed.meta.fields ?? [];
  const column = new Map<Field, string>();
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const found = headers.find((h) => (COLUMNS[field] as readonly string[]).includes(h) || h.replaceAll(' ', '') === field.toLowerCase());
    if (found !== undefined) column.set(field, found);
  }
  if (!column.has('name')) return { accounts: [], issues: [{ path: 'header', message: `needs a "name" column (found: ${headers.join(', ') || 'none'})` }] };

  const taken = new Set(existing.map((n) => n.trim().toLowerCase()));
  const accounts: ImportedAccount[] = [];
  parsed.data.forEach((row, i) => {
    const at = (field: Field) => {
      const key = column.get(field);
      return key === undefined ? '' : (row[key] ?? '').trim();
    };
    const path = (field: string) => `rows[${i + 1}].${field}`;
    const name = at('name');
    if (name === '') { issues.push({ path: path('name'), message: 'must not be empty' }); return; }
    if (taken.has(name.toLowerCase())) { issues.push({ path: path('name'), message: `an account named "${name}" already exists` }); return; }
    taken.add(name.toLowerCase());
    const billing: ImportedBilling = {};
    if (at('legalName')) billing.legalName = at('legalName');
    // One address line per line of the cell, or per ";" when written on one line.
    const address = at('address').split(/\r?\n|;/).map((l) => l.trim()).filter(Boolean);
    if (address.length > 0) billing.address = address;
    const mail = at('email');
    if (mail) {
      if (email.safeParse(mail).success) billing.email = mail;
      else issues.push({ path: path('email'), message: `"${mail}" is not an email address` });
    }
    if (at('externalId')) billing.externalId = at('externalId');
    if (at('reference')) billing.reference = at('reference');
    if (at('tax')) billing.tax = at('tax');
    const terms = at('paymentTermsDays');
    if (terms) {
      if (/^\d{1,3}$/.test(terms)) billing.paymentTermsDays = Number(terms);
      else issues.push({ path: path('paymentTermsDays'), message: `"${terms}" must be a whole number of days` });
    }
    accounts.push({ name, billing });
  });
  return { accounts, issues };
}
