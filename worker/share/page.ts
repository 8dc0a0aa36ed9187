import { lineGroup } from '../../shared/invoice/line-group.ts';
import { sumAmounts } from '../../shared/money/sum.ts';
import type { Invoice, InvoiceLine } from '../../shared/schema/invoice.ts';
import { html, type SafeHtml } from './escape.ts';

// The shared invoice as one self-contained printable page. Everything in the invoice
// is untrusted (module org and service names come from vendors and admins), so every
// value goes through `html`, which escapes it; the page has no script at all, and its
// only style block is allowed by the nonce in the Content-Security-Policy.

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; color: #1d2330; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
  header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #1d2330; padding-bottom: .75rem; }
  h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
  .meta { text-align: right; color: #4a5468; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #dde2ea; vertical-align: top; }
  th { font-weight: 600; color: #4a5468; font-size: .85rem; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .totals { margin-top: 1.5rem; margin-left: auto; width: 20rem; }
  .totals td { border: 0; } .grand td { font-weight: 700; border-top: 2px solid #1d2330; }
  .note { color: #6b7488; font-size: .85rem; }
  @media print { body { margin: 0; } }
`;

function money(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

function sum(lines: readonly InvoiceLine[], currency: string): string {
  return sumAmounts(lines.map((line) => line.amount), currency);
}

function itemRow(line: InvoiceLine, currency: string): SafeHtml {
  return html`<tr><td>${line.serviceName ?? line.serviceId}${line.estimated ? html` <span class="note">(estimated)</span>` : null}</td>
    <td>${line.period}</td><td class="num">${line.quantity}</td><td class="num">${line.unitPrice ?? ''}</td>
    <td class="num">${money(line.amount, currency)}</td></tr>`;
}

function adjustmentRow(line: InvoiceLine, currency: string): SafeHtml {
  const change = line.oldQuantity !== undefined && line.newQuantity !== undefined ? `${line.oldQuantity} → ${line.newQuantity}` : line.quantity;
  return html`<tr><td>${line.serviceName ?? line.serviceId}</td><td>${line.moduleName ?? line.module}</td>
    <td>${line.period}</td><td class="num">${change}</td><td class="num">${money(line.amount, currency)}</td></tr>`;
}

function moduleSections(items: readonly InvoiceLine[], currency: string): SafeHtml[] {
  const groups = new Map<string, InvoiceLine[]>();
  for (const line of items) {
    const key = lineGroup(line).key;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  return [...groups.values()].map((lines) => html`
    <section><h2>${lines[0] ? lineGroup(lines[0]).name : ''}</h2>
    <table><thead><tr><th>Service</th><th>Period</th><th class="num">Quantity</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
    <tbody>${lines.map((line) => itemRow(line, currency))}</tbody></table></section>`);
}

/** The full HTML document of a shared invoice; `nonce` unlocks its style block. */
export function invoicePage(invoice: Invoice, issuer: string, nonce: string): string {
  const currency = invoice.currency ?? 'USD';
  const items = invoice.lines.filter((l) => l.kind === 'item');
  const adjustments = invoice.lines.filter((l) => l.kind === 'adjustment');
  const credit = invoice.creditNote ?? invoice.total.startsWith('-');
  const title = `${credit ? 'Credit note' : 'Invoice'} ${invoice.number ?? '(number pending)'}`;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title} · ${invoice.accountName ?? invoice.accountId}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><header><div><h1>${title}</h1><div>${issuer}</div></div>
<div class="meta"><div><strong>${invoice.accountName ?? invoice.accountId}</strong></div><div>Period ${invoice.period}</div>
${invoice.postedAt ? html`<div>Posted ${invoice.postedAt.slice(0, 10)}</div>` : null}
${invoice.status === 'voided' ? html`<div><strong>VOIDED</strong></div>` : invoice.status === 'draft' ? html`<div>Draft</div>` : null}</div></header>
<main>${moduleSections(items, currency)}
${adjustments.length > 0 ? html`<section><h2>Adjustments to earlier periods</h2>
<table><thead><tr><th>Service</th><th>Module</th><th>Original period</th><th class="num">Quantity</th><th class="num">Amount</th></tr></thead>
<tbody>${adjustments.map((line) => adjustmentRow(line, currency))}</tbody></table></section>` : null}
<table class="totals"><tbody>
<tr><td>Items</td><td class="num">${money(sum(items, currency), currency)}</td></tr>
${adjustments.length > 0 ? html`<tr><td>Adjustments</td><td class="num">${money(sum(adjustments, currency), currency)}</td></tr>` : null}
<tr class="grand"><td>Total</td><td class="num">${money(invoice.total, currency)}</td></tr>
</tbody></table>
<p class="note">A read-only copy of this ${credit ? 'credit note' : 'invoice'}, frozen when it was shared. Print it with your browser.</p>
</main></body></html>`;
  return page.text;
}
