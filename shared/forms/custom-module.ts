import { isCatalogModule } from '../catalog/lookup.ts';
import { listIssues } from '../schema/issues.ts';
import { moduleDef, type ModuleDef } from '../schema/module.ts';
import type { FormResult } from './contract.ts';

/** A custom module as typed in a form: billing types one per line, `Id, Label[, boolean]`. */
export interface CustomModuleDraft {
  id: string;
  name: string;
  billingTypes: string;
}

// Each line becomes { id, label, unit }; a line's number names it in errors, so the
// schema's path billingTypes[i] is reported as the line the admin typed.
function billingTypeLines(text: string): { line: number; value: { id: string; label: string; unit: string } }[] {
  return text.split('\n').map((raw, i) => ({ raw: raw.trim(), line: i + 1 })).filter((l) => l.raw !== '').map(({ raw, line }) => {
    const [id = '', label = '', unit = ''] = raw.split(',').map((part) => part.trim());
    return { line, value: { id, label: label || id, unit: unit === '' ? 'count' : unit.toLowerCase() } };
  });
}

/** Validates a custom module form into a module definition (docs/billing-rules.md#module-catalog), or every problem with where it is. */
export function parseCustomModule(draft: CustomModuleDraft): FormResult<ModuleDef> {
  const lines = billingTypeLines(draft.billingTypes);
  const input = { id: draft.id.trim(), name: draft.name.trim(), suite: 'Custom', billingTypes: lines.map((l) => l.value) };
  const result = moduleDef.safeParse(input);
  const issues = result.success ? [] : listIssues(result.error).map((issue) => {
    const match = /^billingTypes\[(\d+)\](.*)$/.exec(issue.path);
    const line = match ? lines[Number(match[1])]?.line : undefined;
    return line === undefined ? issue : { path: `billing types, line ${line}${match?.[2] ? ` (${match[2].replace(/^\./, '')})` : ''}`, message: issue.message };
  });
  if (isCatalogModule(input.id)) issues.unshift({ path: 'id', message: `"${input.id}" is a built-in module` });
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, value: result.data };
}
