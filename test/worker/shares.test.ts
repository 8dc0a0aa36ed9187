import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { call, callAnswer, callError, callJson, footprint, newTenant, sampleInvoice } from './support/edge.ts';
import { shareAnswer, type ShareAnswer } from '../../shared/schema/api.ts';
import { edgeNow } from '../../worker/clock.ts';

async function share(token: string, body: unknown): Promise<ShareAnswer> {
  const { status, body: answer } = await callAnswer(shareAnswer, 'POST', '/v1/shares', { token, json: body });
  expect(status).toBe(201);
  return answer;
}

describe('shared invoices', () => {
  it('renders the frozen invoice as a printable page: lines by module, adjustments with their period, totals', async () => {
    const t = await newTenant();
    const link = await share(t.adminToken, { invoice: sampleInvoice() });
    expect(link.url).toBe(`http://edge.test/s/${link.token}`);
    const response = await call('GET', `/s/${link.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    for (const text of ['INV-000007', 'Brass Building Supplies', 'Datto RMM', 'Desktop Monitoring', '10.5', '$52.50', 'Adjustment for September 2026: quantity 11 → 10', '-$5.00', '$47.50']) {
      expect(page).toContain(text);
    }
  });

  it('escapes every untrusted string and allows no script', async () => {
    const t = await newTenant('<b>MSP</b>');
    const invoice = sampleInvoice('<script>alert("account")</script>');
    const [first, ...others] = invoice.lines;
    if (!first) throw new Error('the sample invoice needs a line to carry the hostile names');
    invoice.lines = [{ ...first, serviceName: '<img src=x onerror=alert(1)>', moduleName: '"><script>alert(2)</script>' }, ...others];
    const link = await share(t.adminToken, { invoice });
    const response = await call('GET', `/s/${link.token}`);
    const page = await response.text();
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>MSP');
    expect(page).toContain('&lt;script&gt;alert(&quot;account&quot;)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page).toContain(`<style nonce="${nonce}">`);
  });

  it('answers 404 once revoked, and for unknown tokens', async () => {
    const t = await newTenant();
    const link = await share(t.adminToken, { invoice: sampleInvoice() });
    expect((await call('GET', `/s/${link.token}`)).status).toBe(200);
    expect((await call('DELETE', `/v1/shares/${link.id}`, { token: t.adminToken })).status).toBe(204);
    expect((await call('GET', `/s/${link.token}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/shares/${link.id}`, { token: t.adminToken })).status).toBe(404);
    expect((await call('GET', '/s/tus_unknown')).status).toBe(404);
  });

  it('answers 404 once expired', async () => {
    const t = await newTenant();
    const day = 86_400_000;
    const link = await share(t.adminToken, { invoice: sampleInvoice(), expiresAt: new Date(edgeNow(env) + day).toISOString() });
    // the edge's clock moved forward (worker/clock.ts) instead of waiting on the real one
    const later = (ms: number) => ({ bindings: { TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: String(Number(env.TRUEUP_DEV_CLOCK_OFFSET_MS ?? 0) + ms) } });
    expect((await call('GET', `/s/${link.token}`)).status).toBe(200);
    expect((await call('GET', `/s/${link.token}`, later(day - 60_000))).status).toBe(200);
    expect((await call('GET', `/s/${link.token}`, later(day))).status).toBe(404);
  });

  it('rejects a bad invoice listing every problem, writing nothing', async () => {
    const t = await newTenant();
    const before = await footprint(t.tenantId);
    const invoice = { ...sampleInvoice(), period: '2026-13', total: 'lots', lines: [{ ...sampleInvoice().lines[0], kind: 'bonus', amount: 5 }] };
    const { status, body } = await callError('POST', '/v1/shares', { token: t.adminToken, json: { invoice, expiresAt: 'soon' } });
    expect(status).toBe(400);
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['expiresAt', 'invoice.lines[0].amount', 'invoice.lines[0].kind', 'invoice.period', 'invoice.total']);
    expect(await footprint(t.tenantId)).toEqual(before);
  });
});

const clock = (millis: number, counter = 0, origin = 'browser-a') => `${String(millis).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${origin}`;
// A fixed moment in the past: the edge accepts clocks that are not ahead of its own.
const POSTED = 1_790_000_000_000;

/** Brass's October as posted: frozen parties, dates, a prorated fee, a credit, tax at 6.25 %. */
function postedOctober() {
  return {
    id: 'inv-brass-10', accountId: 'a1', accountName: 'Brass Building Supplies', period: '2026-10', status: 'posted' as const,
    number: 'INV-000012', currency: 'USD', issueDate: '2026-11-02', dueDate: '2026-11-17',
    from: { name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', taxId: '12-3456789',
      logo: 'data:image/png;base64,iVBORw0KGgo=', footer: 'Thank you for your business.' },
    billTo: { name: 'Brass Building Supplies', legalName: 'Brass Building Supplies LLC', address: ['1 Foundry Rd'], reference: 'PO-7781', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } },
    lines: [
      { kind: 'item' as const, contractId: 'c1', serviceId: 's0', serviceName: 'Managed services', module: null, period: '2026-10',
        quantity: '1.0000', unitPrice: '1500.00', amount: '774.19', basis: '1 × 1500.00 × 16/31 days', cost: null, estimated: false },
      { kind: 'charge' as const, chargeId: 'ch1', description: 'Goodwill credit', module: null, period: '2026-10',
        quantity: '1.0000', unitPrice: '-50.00', amount: '-50.00', taxable: false, cost: null, estimated: false },
    ],
    // 774.19 − 50.00; tax 6.25 % of 774.19 = 48.386875 → 48.39.
    subtotal: '724.19', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '774.19', amount: '48.39' }], total: '772.58',
  };
}

describe('the shared invoice document', () => {
  it('shows the frozen parties, dates, terms, lines with basis, subtotal, each tax, total and amount due', async () => {
    const t = await newTenant();
    const link = await share(t.adminToken, { invoice: postedOctober() });
    const response = await call('GET', `/s/${link.token}`);
    const page = await response.text();
    for (const text of ['Northwind IT', 'Tax ID 12-3456789', 'Brass Building Supplies LLC', '1 Foundry Rd', 'INV-000012', '2 Nov 2026', '17 Nov 2026',
      'Net 15 days', 'PO-7781', 'Fixed fees and charges', '1 × 1500.00 × 16/31 days', '$1,500.00', '$774.19', 'Goodwill credit', '-$50.00',
      '$724.19', 'IL sales tax 6.25% on $774.19', '$48.39', '$772.58', 'Thank you for your business.']) expect(page).toContain(text);
    expect(page).toMatch(/Amount due<\/td><td class="num">\$772\.58/);
    expect(page).not.toContain('VOID');
    expect(page).toContain('<img class="logo" src="data:image/png;base64,iVBORw0KGgo="');
    expect(response.headers.get('content-security-policy')).toContain('img-src data:');
  });

  it('given a shared posted invoice, when its void syncs through the change log, then the link shows it VOID with nothing due', async () => {
    const t = await newTenant();
    const invoice = postedOctober();
    const link = await share(t.adminToken, { invoice });
    const push = (changes: unknown[]) => call('POST', '/v1/changes', { token: t.adminToken, json: { changes } });
    expect((await push([{ table: 'invoices', id: invoice.id, fields: { status: 'posted' }, hlc: clock(POSTED), origin: 'browser-a' }])).status).toBe(200);
    // another invoice's void changes nothing here
    await push([{ table: 'invoices', id: 'inv-other', fields: { status: 'voided' }, hlc: clock(POSTED, 1), origin: 'browser-a' }]);
    expect(await (await call('GET', `/s/${link.token}`)).text()).not.toContain('VOID');

    await push([{ table: 'invoices', id: invoice.id, fields: { status: 'voided', voidedAt: '2026-11-20T09:30:00.000Z' }, hlc: clock(POSTED + 60_000), origin: 'browser-b' }]);
    const response = await call('GET', `/s/${link.token}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<div class="mark" aria-hidden="true">VOID</div>');
    expect(page).toContain('This invoice was voided on 20 Nov 2026. Nothing is due.');
    expect(page).toMatch(/Amount due<\/td><td class="num">Nothing — void/);
    expect(page).not.toMatch(/Amount due<\/td><td class="num">\$772\.58/);
    expect(page).toContain('<title>VOID: Invoice INV-000012');
  });

  it('given a pending invoice, shares it as a preview with its day, expiring in 30 days by default', async () => {
    const t = await newTenant();
    const draft = { ...postedOctober(), id: undefined, status: 'draft' as const, number: null, issueDate: undefined, dueDate: undefined };
    const link = await share(t.adminToken, { invoice: draft });
    const page = await (await call('GET', `/s/${link.token}`)).text();
    const row = await env.DB.prepare('SELECT created_at, expires_at FROM shares WHERE id = ?').bind(link.id).first<{ created_at: string; expires_at: string }>();
    if (!row) throw new Error('share not stored');
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(30 * 86_400_000);
    const day = new Date(row.created_at);
    const label = `${day.getUTCDate()} ${day.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${day.getUTCFullYear()}`;
    expect(page).toContain(`Preview — not an invoice, figures as of ${label}`);
    expect(page).toContain('<div class="mark" aria-hidden="true">PREVIEW</div>');
    expect(page).not.toMatch(/Amount due<\/td><td class="num">\$/);

    const kept = await share(t.adminToken, { invoice: draft, expiresAt: '2099-01-01T00:00:00.000Z' });
    const keptRow = await env.DB.prepare('SELECT expires_at FROM shares WHERE id = ?').bind(kept.id).first<{ expires_at: string }>();
    expect(keptRow?.expires_at).toBe('2099-01-01T00:00:00.000Z');
    const postedRow = await env.DB.prepare('SELECT expires_at FROM shares WHERE id = ?').bind((await share(t.adminToken, { invoice: postedOctober() })).id).first<{ expires_at: string | null }>();
    expect(postedRow?.expires_at).toBeNull();
  });
});
