import { CSV_COLUMNS, csvRow } from '../schema/csv.ts';
import { csvRecords } from './csv-rows.ts';
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

type Checked = { ok: true; value: string | number | boolean } | { ok: false; messages: string[] };

/**
 * Each column's cells checked with the row schema's field schema, once per distinct cell
 * text: a year of daily rows repeats the same days, org ids, names and billing types, so
 * a large CSV costs little more than its distinct values.
 */
function columnChecker(column: Column, extra: (value: string | number | boolean) => string | null) {
  const schema = csvRow.shape[column];
  const seen = new Map<string, Checked>();
  return (text: string): Checked => {
    const known = seen.get(text);
    if (known) return known;
    const result = schema.safeParse(cellValue(column, text));
    let checked: Checked;
    if (!result.success) checked = { ok: false, messages: result.error.issues.map((issue) => issue.message) };
    else {
      const problem = extra(result.data);
      checked = problem ? { ok: false, messages: [problem] } : { ok: true, value: result.data };
    }
    seen.set(text, checked);
    return checked;
  };
}

/** Rows checked between pauses of the paced variant (a few milliseconds of work). */
const ROWS_PER_STEP = 500;
/** Uploads checked by the upload schema between pauses. */
const UPLOADS_PER_STEP = 2;

type OrgDraft = UploadOrg & { lines: Record<string, number> };

// The work of csvToUploads as steps: it yields between slices of rows, so the edge can let
// other requests in while one large CSV is read (csvToUploadsPaced), and runs straight
// through everywhere else (csvToUploads).
function* csvSteps(text: string, module: string, modules: ReadonlyMap<string, ModuleDef> | undefined, today: string | undefined): Generator<void, Upload[]> {
  const issues: Issue[] = [];
  const moduleCheck = moduleId.safeParse(module);
  if (!moduleCheck.success) issues.push({ path: 'module', message: `"${module}" must be a module id such as datto-rmm` });
  const def = modules?.get(module);
  if (moduleCheck.success && modules && !def) issues.push({ path: 'module', message: `unknown module "${module}"` });
  const knownTypes = def ? new Set(def.billingTypes.map((t) => t.id)) : null;

  const parsed = yield* csvRecords(text.replace(/^\uFEFF/, ''));
  for (const error of parsed.errors) issues.push(lineIssue((error.row ?? 0) + 1, null, error.message));
  const [header, ...rows] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === '')) throw new ValidationError([...issues, lineIssue(1, null, `the CSV is empty: expected a header ${CSV_COLUMNS.join(',')}`)], 'CSV upload');
  const columns = readHeader(header, issues);
  if (!columns) throw new ValidationError(issues, 'CSV upload');

  const none = () => null;
  const check: Record<Column, (text: string) => Checked> = {
    date: columnChecker('date', (date) => uploadDayProblem(String(date), today)),
    orgId: columnChecker('orgId', none),
    orgName: columnChecker('orgName', none),
    billingType: columnChecker('billingType', (type) => (knownTypes && !knownTypes.has(String(type)) ? `unknown billing type "${String(type)}" for module ${module}` : null)),
    quantity: columnChecker('quantity', none),
  };
  const days = new Map<string, Map<string, OrgDraft>>();
  const dates = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield;
    const cells = rows[i] ?? [];
    const line = i + 2;
    if (cells.every((cell) => cell.trim() === '')) continue;
    const dateText = (cells[columns.get('date') ?? 0] ?? '').trim();
    if (!dates.has(dateText)) {
      dates.add(dateText);
      if (dates.size > MAX_MODULE_DAYS) {
        throw new ValidationError([lineIssue(line, 'date', `a CSV upload may span at most ${MAX_MODULE_DAYS} days (module-days); split it into several uploads`)], 'CSV upload');
      }
    }
    const values: Partial<Record<Column, string | number | boolean>> = {};
    let bad = false;
    for (const column of CSV_COLUMNS) {
      const result = check[column](cells[columns.get(column) ?? 0] ?? '');
      if (result.ok) values[column] = result.value;
      else {
        bad = true;
        for (const message of result.messages) issues.push(lineIssue(line, column, message));
      }
    }
    if (bad) continue;
    const date = String(values.date);
    const orgId = String(values.orgId);
    const orgName = String(values.orgName);
    const billingType = String(values.billingType);
    let orgs = days.get(date);
    if (!orgs) days.set(date, orgs = new Map());
    let org = orgs.get(orgId);
    if (!org) orgs.set(orgId, org = { orgId, name: orgName, metrics: {}, lines: {} });
    if (org.name === '' && orgName !== '') org.name = orgName;
    const first = org.lines[billingType];
    if (first !== undefined) {
      issues.push(lineIssue(line, 'billingType', `duplicate ${billingType} for org "${orgId}" on ${date} (first on line ${first})`));
      continue;
    }
    org.lines[billingType] = line;
    org.metrics[billingType] = values.quantity ?? '';
  }
  if (issues.length > 0) throw new ValidationError(issues, 'CSV upload');
  if (days.size === 0) throw new ValidationError([lineIssue(2, null, 'the CSV has a header but no rows')], 'CSV upload');

  // The rows were checked field by field with the upload's field schemas; the upload schema
  // itself is the one gate every stored upload passes, whichever route it came by.
  const schema = uploadSchema(today);
  const uploads: Upload[] = [];
  const sorted = [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [date, orgs] of sorted) {
    if (uploads.length > 0 && uploads.length % UPLOADS_PER_STEP === 0) yield;
    const built = { module, date, orgs: [...orgs.values()].map(({ orgId, name, metrics }) => ({ orgId, name, metrics })) };
    const checked = schema.safeParse(built);
    if (!checked.success) throw new ValidationError(checked.error.issues.map((issue) => ({ path: `${date}.${formatPath(issue.path)}`, message: issue.message })), 'CSV upload');
    uploads.push(checked.data);
  }
  return uploads;
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
  const steps = csvSteps(text, module, modules, today);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * csvToUploads, awaiting `pause` between slices of the work, so a server reading one large
 * CSV keeps answering other requests (the edge passes a zero-delay timer).
 */
export async function csvToUploadsPaced(text: string, module: string, pause: () => Promise<void>, modules?: ReadonlyMap<string, ModuleDef>, today?: string): Promise<Upload[]> {
  const steps = csvSteps(text, module, modules, today);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
