// Sharing a pending invoice: the edge publishes it as a preview (it says so on the page,
// with the day of its figures, and lapses after 30 days). Nothing is recorded on an
// invoice: a pending invoice has no record until it is posted.
import { z } from 'zod';
import type { Invoice } from '../../../../../shared/schema/invoice.ts';
import type { BillTo, InvoiceFrom } from '../../../../../shared/schema/parties.ts';
import type { TrueupDb } from '../../../lib/db/database.ts';
import { loadConnection } from '../../../lib/sync/connection.ts';

const answer = z.object({ id: z.string(), token: z.string(), url: z.string() });
const refusal = z.object({ error: z.object({ message: z.string() }) });

/** Publishes the pending invoice as a preview and returns its link. */
export async function sharePreview(db: TrueupDb, invoice: Invoice, accountName: string, parties: { from?: InvoiceFrom | undefined; billTo?: BillTo | undefined } = {}): Promise<{ id: string; url: string }> {
  const connection = await loadConnection(db, location.origin);
  if (!connection) throw new Error('Not connected to an edge: enter the edge URL and admin token in Settings to share previews.');
  // The parties as they are now travel with the preview, as posting would freeze them.
  const document: Invoice = {
    ...invoice, accountName, lines: invoice.lines.map(({ daily: _daily, ...line }) => line),
    ...(parties.from ? { from: parties.from } : {}), ...(parties.billTo ? { billTo: parties.billTo } : {}),
  };
  let response: Response;
  try {
    response = await fetch(`${connection.baseUrl}/v1/shares`, {
      method: 'POST',
      headers: { authorization: `Bearer ${connection.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ invoice: document }),
    });
  } catch {
    throw new Error(`Can't reach the edge at ${connection.baseUrl}: sharing needs a connection. Try again when online.`);
  }
  if (!response.ok) {
    const body = refusal.safeParse(await response.json().catch(() => null));
    throw new Error(`The edge refused (${response.status})${body.success ? `: ${body.data.error.message}` : ''}.`);
  }
  const { id, url } = answer.parse(await response.json());
  return { id, url };
}
