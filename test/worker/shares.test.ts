import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { call, callAnswer, callError, footprint, newTenant, sampleInvoice } from './support/edge.ts';
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
    for (const text of ['INV-000007', 'Brass Building Supplies', 'Datto RMM', 'Desktop Monitoring', '10.5000', '52.50 USD', '2026-09', '11.0000 → 10.0000', '-5.00 USD', '47.50 USD']) {
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
