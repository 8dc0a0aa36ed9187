import { isIsoDay, isPeriod } from '../../shared/dates/day.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { ValidationError, type Issue } from '../../shared/schema/issues.ts';
import { UsageError, type Command } from '../command.ts';
import { readWorkspaceFile } from '../workspace-file.ts';

/** `bill <workspace.json> <YYYY-MM> [--as-of YYYY-MM-DD]`: the period's invoices of every account (docs/billing-rules.md#workspace-document). */
export const bill: Command = {
  usage: 'bill <workspace.json> <YYYY-MM> [--as-of YYYY-MM-DD]',
  async run(args) {
    const { positional, asOf } = parseArgs(args);
    const [file, period] = positional;
    if (!period) throw new UsageError('missing period argument');
    if (positional.length > 2) throw new UsageError(`unexpected argument "${positional[2] ?? ''}"`);
    const read = await readWorkspaceFile(file);
    const issues: Issue[] = [];
    if (!isPeriod(period)) issues.push({ path: 'period', message: `"${period}" must be a month written YYYY-MM` });
    if (asOf !== undefined && !isIsoDay(asOf)) issues.push({ path: 'asOf', message: `"${asOf}" must be a calendar day written YYYY-MM-DD` });
    if (!read.ok) issues.push(...read.issues);
    if (issues.length > 0 || !read.ok) throw new ValidationError(issues, `input (${file ?? 'workspace'}, ${period})`);
    const result = computePeriod(read.workspace, period, asOf === undefined ? {} : { asOf });
    return { period: result.period, asOf: result.asOf, currency: result.currency, invoices: result.invoices };
  },
};

function parseArgs(args: readonly string[]): { positional: string[]; asOf: string | undefined } {
  const positional: string[] = [];
  let asOf: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--as-of') {
      asOf = args[++i];
      if (asOf === undefined) throw new UsageError('--as-of needs a day YYYY-MM-DD');
    } else if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, asOf };
}
