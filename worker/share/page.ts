import { invoiceDocument, type DocumentOptions, type InvoiceDocumentView } from '../../shared/format/invoice-document.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { PAGE_STYLE } from './style.ts';
import { html, SafeHtml } from './escape.ts';

// The shared invoice as one self-contained printable page: the same document as the
// app's invoice page (shared/format/invoice-document.ts). Everything in the invoice is
// untrusted (org, service and account names come from vendors and admins), so every
// value goes through `html`, which escapes it; the page has no script at all, its only
// style block is allowed by the nonce in the Content-Security-Policy, and the logo is a
// data: URL checked by the profile schema.

function party(label: string, who: InvoiceDocumentView['billTo'] | null): SafeHtml | null {
  if (!who) return null;
  return html`<div class="party"><div class="label">${label}</div><strong>${who.name}</strong>${who.lines.map((line) => html`<div>${line}</div>`)}</div>`;
}

function body(doc: InvoiceDocumentView): SafeHtml {
  return html`<article class="invoice-doc${doc.mark ? ` marked` : ''}" data-status="${doc.mark ?? 'posted'}">
${doc.mark ? html`<div class="mark" aria-hidden="true">${doc.mark}</div>` : null}
${doc.notice ? html`<p class="notice" role="note">${doc.notice}</p>` : null}
<header class="doc-head">
  <div class="doc-from">${doc.logo ? html`<img class="logo" src="${doc.logo}" alt="">` : null}${party('From', doc.from)}</div>
  <div class="doc-title"><h1>${doc.title} <span class="number">${doc.number}</span></h1>
    <dl>${doc.facts.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl></div>
</header>
${party('Bill to', doc.billTo)}
${doc.groups.map((group) => html`<section class="group" data-group="${group.key}"><h2>${group.name}</h2>
<table><thead><tr><th class="desc">Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
<tbody>${group.rows.map((r) => html`<tr class="${r.kind}"><td class="desc">${r.description}${r.notes.map((n) => html`<div class="note">${n}</div>`)}</td>
<td class="num">${r.quantity}</td><td class="num">${r.unitPrice}</td><td class="num">${r.amount}</td></tr>`)}</tbody>
<tfoot><tr><td colspan="3">${group.name} subtotal</td><td class="num">${group.subtotal}</td></tr></tfoot></table></section>`)}
<table class="totals"><tbody>
<tr><td>Subtotal</td><td class="num">${doc.subtotal}</td></tr>
${doc.taxes.map((t) => html`<tr><td>${t.label}</td><td class="num">${t.amount}</td></tr>`)}
<tr class="grand"><td>Total</td><td class="num">${doc.total}</td></tr>
<tr class="due"><td>Amount due</td><td class="num">${doc.amountDue ?? (doc.mark === 'VOID' ? 'Nothing — void' : '—')}</td></tr>
</tbody></table>
${doc.footer ? html`<footer class="doc-foot">${doc.footer}</footer>` : null}
</article>`;
}

/** The full HTML document of a shared invoice; `nonce` unlocks its style block. */
export function invoicePage(invoice: Invoice, issuer: string, nonce: string, options: DocumentOptions = {}): string {
  const doc = invoiceDocument(invoice, { ...options, from: options.from ?? { name: issuer, address: [] } });
  const title = `${doc.mark ? `${doc.mark}: ` : ''}${doc.title} ${doc.number} · ${doc.billTo.name}`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style nonce="${nonce}">${new SafeHtml(PAGE_STYLE)}</style></head>
<body>${body(doc)}
<p class="share-note">A read-only copy, frozen when it was shared. Print it with your browser.</p>
</body></html>`.text;
}
