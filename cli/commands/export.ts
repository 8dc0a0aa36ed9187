import { isIsoDay } from '../../shared/dates/day.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export/formats.ts';
import { ValidationError, type Issue } from '../../shared/schema/issues.ts';
import { TextOutput, UsageError, type Command } from '../command.ts';
import { readWorkspaceFile } from '../workspace-file.ts';

const OPTIONS = ['--format', '--from', '--to'] as const;
type Option = (typeof OPTIONS)[number];

/**
 * `export <workspace.json> --format xero|qbo|lines [--from YYYY-MM-DD] [--to YYYY-MM-DD]`:
 * the posted invoices issued in the range as the target's import CSV (README "Accounting exports").
 */
export const exportCommand: Command = {
  usage: 'export <workspace.json> --format xero|qbo|lines [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  async run(args) {
    const { positional, options } = parseArgs(args);
    const [file] = positional;
    if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1] ?? ''}"`);
    const format = options['--format'];
    if (format === undefined) throw new UsageError('missing --format xero|qbo|lines');
    const read = await readWorkspaceFile(file);
    const issues: Issue[] = [];
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) issues.push({ path: 'format', message: `"${format}" must be one of ${EXPORT_FORMATS.join(', ')}` });
    for (const bound of ['from', 'to'] as const) {
      const day = options[`--${bound}`];
      if (day !== undefined && !isIsoDay(day)) issues.push({ path: bound, message: `"${day}" must be a calendar day written YYYY-MM-DD` });
    }
    const from = options['--from'];
    const to = options['--to'];
    if (from !== undefined && to !== undefined && issues.length === 0 && from > to) issues.push({ path: 'to', message: `must not be before --from ${from}` });
    if (!read.ok) issues.push(...read.issues);
    if (issues.length > 0 || !read.ok) throw new ValidationError(issues, `input (${file ?? 'workspace'})`);
    const ws = read.workspace;
    // Loaded only when exporting, so the other commands start without papaparse and the export code.
    const { exportCsv } = await import('../../shared/export/export.ts');
    return new TextOutput(exportCsv(ws.invoices, ws, { format: format as ExportFormat, from, to }));
  },
};

function parseArgs(args: readonly string[]): { positional: string[]; options: Partial<Record<Option, string>> } {
  const positional: string[] = [];
  const options: Partial<Record<Option, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if ((OPTIONS as readonly string[]).includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options[name as Option] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, options };
}
