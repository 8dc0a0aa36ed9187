import { listIssues } from '../schema/issues.ts';
import { profile, type Profile } from '../schema/parties.ts';
import type { FormResult } from './contract.ts';
import { days, defined, emailIssues, lines, optional } from './text-fields.ts';

/** The "Your business" form as typed: every field text; the logo a data: URL or blank. */
export interface ProfileDraft {
  name: string;
  /** One address line per line. */
  address: string;
  email: string;
  phone: string;
  taxId: string;
  logo: string;
  paymentTermsDays: string;
  footer: string;
  dateFormat: string;
  incomeAccountCode: string;
  exemptTaxName: string;
}

/** Validates the MSP profile form with the workspace's own schema; every problem by field. */
export function validateProfile(draft: ProfileDraft): FormResult<Profile> {
  const exportSettings = defined({
    dateFormat: draft.dateFormat === '' ? undefined : draft.dateFormat,
    incomeAccountCode: optional(draft.incomeAccountCode),
    exemptTaxName: optional(draft.exemptTaxName),
  });
  const input = defined({
    name: draft.name.trim(),
    address: lines(draft.address),
    email: optional(draft.email),
    phone: optional(draft.phone),
    taxId: optional(draft.taxId),
    logo: optional(draft.logo),
    paymentTermsDays: days(draft.paymentTermsDays),
    footer: optional(draft.footer),
    export: Object.keys(exportSettings).length > 0 ? exportSettings : undefined,
  });
  const parsed = profile.safeParse(input);
  const issues = [...(parsed.success ? [] : listIssues(parsed.error)), ...emailIssues(input.email)];
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: parsed.data };
}

/** The form's view of the stored profile (blank when there is none yet). */
export function profileDraft(p: Profile | undefined): ProfileDraft {
  return {
    name: p?.name ?? '', address: (p?.address ?? []).join('\n'), email: p?.email ?? '', phone: p?.phone ?? '', taxId: p?.taxId ?? '',
    logo: p?.logo ?? '', paymentTermsDays: p?.paymentTermsDays === undefined ? '' : String(p.paymentTermsDays), footer: p?.footer ?? '',
    dateFormat: p?.export?.dateFormat ?? 'MM/DD/YYYY', incomeAccountCode: p?.export?.incomeAccountCode ?? '', exemptTaxName: p?.export?.exemptTaxName ?? '',
  };
}

