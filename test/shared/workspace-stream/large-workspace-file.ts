// A large MSP's workspace file with its posted invoices, as Settings → export writes it: the
// browser benchmark's MSP (test/bench/large/generate.ts) with every month posted, each invoice
// with its frozen daily quantities. For measuring a whole-workspace import at a size this
// machine can afford (see docs/workspace-files.md#measured).
//   node test/shared/workspace-stream/large-workspace-file.ts <out.json> [--accounts 200] [--posted 11]
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addDays, periodEnd } from '../../../shared/dates/index.ts';
import { postInvoices } from '../../../shared/posting/index.ts';
import type { Workspace } from '../../../shared/schema/workspace.ts';
import { workspaceDocumentText } from '../../../shared/workspace-stream/write-document.ts';
import { generateLargeMsp, LARGE_SCALE, largeWorkspace } from '../../bench/large/generate.ts';

/** The workspace of `accounts` accounts with `posted` months posted before `today`. */
export function largeWorkspaceWithInvoices(options: { accounts: number; posted: number; today: string }): Workspace {
  const msp = generateLargeMsp(options.today, { ...LARGE_SCALE, accounts: options.accounts, postedMonths: options.posted });
  let ws = largeWorkspace(msp);
  for (const { period, accountIds } of msp.posted) {
    const asOf = addDays(periodEnd(period), 2);
    ws = postInvoices(ws, accountIds, period, { numbered: true, postedAt: `${asOf}T12:00:00.000Z`, asOf });
  }
  return ws;
}

/** Writes it as the export does: the config, then the invoices, then the uploads. */
export async function writeWorkspaceFile(path: string, ws: Workspace): Promise<void> {
  const { uploads, invoices, ...head } = ws;
  const pages = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  await pipeline(Readable.from(workspaceDocumentText(head, pages(invoices, 200), pages(uploads, 50))), createWriteStream(path));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) throw new Error('usage: node test/shared/workspace-stream/large-workspace-file.ts <out.json> [--accounts N] [--posted N]');
  const number = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const started = performance.now();
  const ws = largeWorkspaceWithInvoices({ accounts: number('--accounts', 200), posted: number('--posted', 11), today: '2026-11-15' });
  await writeWorkspaceFile(path, ws);
  process.stdout.write(`wrote ${path}: ${ws.invoices.length} invoices, ${ws.uploads.length} uploads in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
