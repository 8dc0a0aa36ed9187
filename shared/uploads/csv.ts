import Papa from 'papaparse';
import { CSV_COLUMNS, csvRow } from '../schema/csv.ts';
import { formatPath, ValidationError, type Issue } from '../schema/issues.ts';
import type { ModuleDef } from '../schema/module.ts';
import { moduleId } from '../schema/primitives.ts';
import { MAX_MODULE_DAYS, uploadDayProblem, uploadSchema, type Upload, type UploadOrg } from '../schema/upload.ts';

type Column = (typeof CSV_COLUMNS)[number];

function lineIssue(line: number, field: string | null, message: string): Issue {
  return { path: field ? `line ${line}.${field}` : `line ${line}`, message };
}

function readHeader(header: readonly string[], issues: Issue[]): Map<Column, number> | null {
  const names = header.map((h) => h.trim());
  const index = new Map<Column, number>();
  for (const column of CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) issues.push(lineIssue(1, null, `missing column "${column}" (the header must name ${CSV_COLUMNS.join(',')})`));
    else index.set(column, at);
  }
  return index.size === CSV_COLUMNS.length ? index : null;
}

function cellValue(column: Column, text: string): string | boolean {
  if (column === 'quantity') {
    const lower = text.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    return text.trim();
  }
  return column === 'orgName' ? text : text.trim();
}

/**
 * Turns a CSV of `date,orgId,orgName,billingType,quantity` rows for one module into one
 * upload per date in it; throws a ValidationError naming the line of every problem.
 * With `modules`, unknown modules and billing types are problems too; with `today`, days
 * more than two days ahead of it. Every upload it returns has passed the upload schema.
 * A CSV spanning more than MAX_MODULE_DAYS days is refused at the first row past the cap,
 * before any more rows are read, so a hostile file costs little.
 */
export function csvToUploads(text: string, module: string, modules?: ReadonlyMap<string, ModuleDef>, today?: string): Upload[] {
  const issues: Issue[] = [];
  const moduleCheck = moduleId.safeParse(module);
  if (!moduleCheck.success) issues.push({ path: 'module', message: `"${module}" must be a module id such as datto-rmm` });
  const def = modules?.get(module);
  if (moduleCheck.success && modules && !def) issues.push({ path: 'module', message: `unknown module "${module}"` });
  const knownTypes = def ? new Set(def.billingTypes.map((t) => t.id)) : null;

  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: false });
  for (const error of parsed.errors) issues.push(lineIssue((error.row ?? 0) + 1, null, error.message));
  const [header, ...rows] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === '')) throw new ValidationError([...issues, lineIssue(1, null, `the CSV is empty: expected a header ${CSV_COLUMNS.join(',')}`)], 'CSV upload');
  const columns = readHeader(header, issues);
  if (!columns) throw new ValidationError(issues, 'CSV upload');

  const days = new Map<string, Map<string, UploadOrg & { lines: Map<string, number> }>>();
  const dates = new Set<string>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const record: Partial<Record<Column, string | boolean>> = {};
    for (const [column, at] of columns) record[column] = cellValue(column, cells[at] ?? '');
    if (typeof record.date === 'string' && !dates.has(record.date)) {
      dates.add(record.date);
      if (dates.size > MAX_MODULE_DAYS) {
        throw new ValidationError([lineIssue(line, 'date', `a CSV upload may span at most ${MAX_MODULE_DAYS} days (module-days); split it into several uploads`)], 'CSV upload');
      }
    }
    const result = csvRow.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push(lineIssue(line, formatPath(issue.path), issue.message));
      return;
    }
    const row = result.data;
    const dayProblem = uploadDayProblem(row.date, today);
    if (dayProblem) {
      issues.push(lineIssue(line, 'date', dayProblem));
      return;
    }
    if (knownTypes && !knownTypes.has(row.billingType)) {
      issues.push(lineIssue(line, 'billingType', `unknown billing type "${row.billingType}" for module ${module}`));
      return;
    }
    let orgs = days.get(row.date);
    if (!orgs) days.set(row.date, orgs = new Map());
    let org = orgs.get(row.orgId);
    if (!org) orgs.set(row.orgId, org = { orgId: row.orgId, name: row.orgName, metrics: {}, lines: new Map() });
    if (org.name === '' && row.orgName !== '') org.name = row.orgName;
    const first = org.lines.get(row.billingType);
    if (first !== undefined) {
      issues.push(lineIssue(line, 'billingType', `duplicate ${row.billingType} for org "${row.orgId}" on ${row.date} (first on line ${first})`));
      return;
    }
    org.lines.set(row.billingType, line);
    org.metrics[row.billingType] = row.quantity;
  });
  if (issues.length > 0) throw new ValidationError(issues, 'CSV upload');
  if (days.size === 0) throw new ValidationError([lineIssue(2, null, 'the CSV has a header but no rows')], 'CSV upload');
  const schema = uploadSchema(today);
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, orgs]) => {
    const built = { module, date, orgs: [...orgs.values()].map(({ orgId, name, metrics }) => ({ orgId, name, metrics })) };
    // The rows were checked field by field above; the upload schema is the one gate every stored upload passes.
    const checked = schema.safeParse(built);
    if (!checked.success) throw new ValidationError(checked.error.issues.map((issue) => ({ path: `${date}.${formatPath(issue.path)}`, message: issue.message })), 'CSV upload');
    return checked.data;
  });
}
