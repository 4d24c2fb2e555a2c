// The quote procurement uses, through the real app: seller and buyer with tax ids, PO number, validity and
// terms on a server-made PDF (Chinese too); online acceptance by an admin (who, when, IP, user agent, the
// document's SHA-256), once, audited, guarded (members 403 before the body is read, other accounts 404), and
// printed on the accepted quote and on the invoice that follows payment.

import type { TInvoiceSummary } from '@portal/shared/schemas/invoices';
import type { TQuoteProcurement } from '@portal/shared/schemas/quote-documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestClient, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, startCheckout } from '../../testing/payments.ts';
import { readPdf, squeeze } from '../../testing/pdf-text.ts';
import { sha256Hex } from './quote-procurement.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

const RENEW_SUPPORT = { kind: 'renew', planCode: 'starter', termYears: 1, seats: 25 } as const;

async function procurementOf(client: TestClient, quoteId: string) {
  const response = await client.get(`/api/quotes/${quoteId}/procurement`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { procurement: TQuoteProcurement }).procurement;
}

const acceptance = (documentSha256: string) => ({
  name: 'Alex Rivera',
  title: 'Head of Procurement',
  acceptTerms: true,
  documentSha256,
});

async function pdfOf(client: TestClient, path: string) {
  const response = await client.get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}

describe('the quote document', () => {
  it('carries seller, buyer, tax ids, PO number, validity and terms, as an A4 PDF made on the server', async () => {
    const quote = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    const ops = await ctx.signedIn('ops@vendor.example');
    const settings = (await (await ops.get('/api/ops/billing-settings')).json()) as {
      settings: { seller: Record<string, unknown>; taxRates: unknown[] };
    };
    const put = await ops.put('/api/ops/billing-settings', {
      ...settings.settings,
      seller: { ...settings.settings.seller, taxId: 'US-EIN 12-3456789' },
    });
    expect(put.status).toBe(200);
    expect(
      (await alex.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'PO-7781' })).status,
    ).toBe(200);

    const procurement = await procurementOf(alex, quote.id);
    expect(procurement).toMatchObject({
      purchaseOrder: 'PO-7781',
      seller: { legalName: 'Vendor Software Inc.', taxId: 'US-EIN 12-3456789' },
      buyer: { legalName: 'Northwind Traders, Inc.' },
      acceptance: null,
      canAccept: true,
    });
    expect(procurement.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await pdfOf(alex, `/api/quotes/${quote.id}/pdf`);
    expect(pdf.pages.length).toBeGreaterThan(0);
    for (const page of pdf.pages) {
      expect([page.width, page.height]).toEqual([595, 842]);
      expect(page.text.trim().length).toBeGreaterThan(0);
    }
    const text = squeeze(pdf.text);
    for (const words of [
      'Vendor Software Inc.',
      'Tax ID: US-EIN 12-3456789',
      'Northwind Traders, Inc.',
      quote.number,
      'PO number',
      'PO-7781',
      'Valid until',
      'Terms',
      'Not yet accepted',
      procurement.documentSha256,
    ]) {
      expect(text).toContain(squeeze(words));
    }
  });

  it('prints a Chinese buyer’s quote in Chinese, as text', async () => {
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const quote = await makeQuote(liWei, 'sub_hb_fleet', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 80,
    });
    const text = squeeze((await pdfOf(liWei, `/api/quotes/${quote.id}/pdf`)).text);
    for (const words of [
      '报价单',
      '海港物流有限公司',
      '税号：91310115MA1H7XXXXX',
      '有效期至',
      '条款',
      '尚未接受',
    ]) {
      expect(text).toContain(squeeze(words.replace('：', ': ')));
    }
  });

  it('members download but cannot set the PO number or accept; another account’s quote is a 404', async () => {
    const quote = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.get(`/api/quotes/${quote.id}/pdf`)).status).toBe(200);
    expect((await morgan.get(`/api/quotes/${quote.id}/procurement`)).status).toBe(200);
    // Guards first: a member's malformed body is refused for the role, not validated.
    const memberAccept = await morgan.post(`/api/quotes/${quote.id}/accept`, { nonsense: true });
    expect(memberAccept.status).toBe(403);
    expect((await morgan.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'X' })).status).toBe(
      403,
    );

    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const { documentSha256 } = await procurementOf(alex, quote.id);
    for (const response of [
      await liWei.get(`/api/quotes/${quote.id}/pdf`),
      await liWei.get(`/api/quotes/${quote.id}/procurement`),
      await liWei.post(`/api/quotes/${quote.id}/accept`, acceptance(documentSha256)),
      await liWei.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'X' }),
    ]) {
      expect(response.status).toBe(404);
    }
    expect((await ctx.client().get(`/api/quotes/${quote.id}/pdf`)).status).toBe(401);
    expect((await procurementOf(alex, quote.id)).acceptance).toBeNull();
  });

  it('refuses an acceptance without the terms ticked, or of a document that changed since it was read', async () => {
    const quote = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    const { documentSha256 } = await procurementOf(alex, quote.id);
    const unticked = await alex.post(`/api/quotes/${quote.id}/accept`, {
      ...acceptance(documentSha256),
      acceptTerms: false,
    });
    expect(unticked.status).toBe(400);

    await alex.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'PO-1' });
    const stale = await alex.post(`/api/quotes/${quote.id}/accept`, acceptance(documentSha256));
    expect(stale.status).toBe(409);
    expect(await errorCode(stale)).toBe('conflict');
    expect((await procurementOf(alex, quote.id)).acceptance).toBeNull();
  });
});

describe('accepting a quote online', () => {
  it('records who, when, IP, user agent and the document’s hash once, audited, and freezes the document', async () => {
    const quote = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    await alex.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'PO-2026-118' });
    const before = await procurementOf(alex, quote.id);
    const response = await alex.request(`/api/quotes/${quote.id}/accept`, {
      method: 'POST',
      json: acceptance(before.documentSha256),
      headers: { 'user-agent': 'ProcurementBrowser/1.0' },
    });
    expect(response.status).toBe(200);
    const after = ((await response.json()) as { procurement: TQuoteProcurement }).procurement;
    expect(after.acceptance).toEqual({
      name: 'Alex Rivera',
      title: 'Head of Procurement',
      email: 'alex@northwind.example',
      acceptedAt: '2026-11-23T12:00:00.000Z',
      documentSha256: before.documentSha256,
    });
    expect(after.canAccept).toBe(false);

    const row = await ctx.db
      .selectFrom('quote_procurement')
      .selectAll()
      .where('quote_id', '=', quote.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ accepted_ip: '203.0.113.10', accepted_user_agent: 'ProcurementBrowser/1.0' });
    // The hash is of the stored facts: anyone can recompute it.
    expect(sha256Hex(row.document_json ?? '')).toBe(before.documentSha256);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', quote.id)
      .where('action', '=', 'quote.accepted')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
      documentSha256: before.documentSha256,
      ip: '203.0.113.10',
    });

    // Once: again, or a PO change, is a conflict; a later change of the buyer does not touch the document.
    expect(
      (await alex.post(`/api/quotes/${quote.id}/accept`, acceptance(before.documentSha256))).status,
    ).toBe(409);
    expect((await alex.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'PO-9' })).status).toBe(
      409,
    );
    await ctx.db
      .updateTable('accounts')
      .set({ legal_name: 'Renamed Ltd' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const frozen = await procurementOf(alex, quote.id);
    expect(frozen.documentSha256).toBe(before.documentSha256);
    expect(frozen.buyer.legalName).toBe('Northwind Traders, Inc.');

    const text = squeeze((await pdfOf(alex, `/api/quotes/${quote.id}/pdf`)).text);
    expect(text).toContain('ACCEPTED');
    expect(text).toContain(squeeze('accepted by Alex Rivera, Head of Procurement (alex@northwind.example)'));
    expect(text).toContain('203.0.113.10');
    expect(text).toContain(before.documentSha256);
  });

  it('cannot accept a quote that is no longer open', async () => {
    const first = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    const { documentSha256 } = await procurementOf(alex, first.id);
    await makeQuote(alex, 'sub_nw_support', { ...RENEW_SUPPORT, termYears: 2 });
    const response = await alex.post(`/api/quotes/${first.id}/accept`, acceptance(documentSha256));
    expect(response.status).toBe(409);
  });

  it('prints the acceptance and the PO number on the invoice that follows payment', async () => {
    const quote = await makeQuote(alex, 'sub_nw_support', RENEW_SUPPORT);
    await alex.put(`/api/quotes/${quote.id}/purchase-order`, { purchaseOrder: 'PO-55' });
    const { documentSha256 } = await procurementOf(alex, quote.id);
    expect((await alex.post(`/api/quotes/${quote.id}/accept`, acceptance(documentSha256))).status).toBe(200);
    const { checkout } = await startCheckout(alex, quote.id, { renewAutomatically: false });
    await pay(ctx, checkout.sessionId);
    const list = (await (await alex.get('/api/invoices')).json()) as { invoices: TInvoiceSummary[] };
    const invoice = list.invoices[0];
    if (!invoice) throw new Error('no invoice');
    const text = squeeze((await pdfOf(alex, `/api/invoices/${invoice.id}/pdf`)).text);
    expect(text).toContain(squeeze('PO number'));
    expect(text).toContain('PO-55');
    expect(text).toContain(squeeze(`Quote ${quote.number} accepted by Alex Rivera, Head of Procurement`));
    expect(text).toContain(documentSha256);
  });
});
