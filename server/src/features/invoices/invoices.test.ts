// Invoices through the real app: who sees which, the document's content, the PDF (Chinese included), gapless
// numbers, the tax rate per country from the vendor's billing settings, and the account's billing details.

import { inflateSync } from 'node:zlib';
import type { TInvoice, TInvoiceSummary } from '@portal/shared/schemas/invoices';
import type { TBillingDetails } from '@portal/shared/schemas/payments';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { makeQuote, pay, startCheckout } from '../../testing/payments.ts';
import * as repo from './repo.ts';

let ctx: TestContext;
let alex: TestClient;
beforeEach(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterEach(async () => {
  await ctx.dispose();
});

async function payAndGetInvoice(
  client: TestClient,
  subscriptionId: string,
  choice: Parameters<typeof makeQuote>[2],
) {
  const quote = await makeQuote(client, subscriptionId, choice);
  const { checkout } = await startCheckout(client, quote.id, { renewAutomatically: false });
  await pay(ctx, checkout.sessionId);
  const list = (await (await client.get('/api/invoices')).json()) as { invoices: TInvoiceSummary[] };
  const summary = list.invoices[0];
  if (!summary) throw new Error('no invoice');
  const invoice = ((await (await client.get(`/api/invoices/${summary.id}`)).json()) as { invoice: TInvoice })
    .invoice;
  return { quote, invoice };
}

/** The text of every Flate stream in a PDF (pdfkit compresses content and ToUnicode maps). */
function pdfStreams(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(Buffer.from(text.slice(start, end), 'latin1')).toString('latin1'));
    } catch {
      // not a Flate stream (e.g. an embedded font program)
    }
  }
  return out.join('\n');
}

describe('invoices', () => {
  it('lists the account’s invoices and shows one with seller, buyer, lines, tax, totals and payment', async () => {
    const { quote, invoice } = await payAndGetInvoice(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    expect(invoice).toMatchObject({
      number: 'INV-2026-000001',
      status: 'paid',
      issueDate: '2026-11-23',
      locale: 'en',
      description: 'Renewal of Starter, 25 seats, 3 years',
      subscription: { id: 'sub_nw_support', label: 'Support desk' },
      quote: { id: quote.id, number: quote.number },
      seller: { legalName: 'Vendor Software Inc.', country: 'US' },
      buyer: {
        legalName: 'Northwind Traders, Inc.',
        addressLines: ['500 Howard Street', 'San Francisco, CA 94105', 'United States'],
        email: 'ap@northwind.example',
      },
      servicePeriod: { start: '2026-12-14', end: '2029-12-14' },
      total: quote.total,
      amountPaid: quote.total,
      tax: { rateBasisPoints: 0, label: 'Tax', amount: { amountMinor: 0, currency: 'USD' } },
      payment: { method: 'card', cardBrand: 'visa', cardLast4: '4242' },
      creditNotes: [],
    });
    expect(invoice.payment.chargeId).toMatch(/^ch_/);
    expect(invoice.lines).toEqual([
      {
        kind: 'item',
        description: 'Starter, 3 years (per seat)',
        quantity: 25,
        unitAmountMinor: 72_000,
        amountMinor: 1_800_000,
      },
      {
        kind: 'discount',
        description: 'Multi-year discount, 3 years (15%)',
        quantity: null,
        unitAmountMinor: null,
        amountMinor: -270_000,
      },
    ]);
    expect(
      invoice.subtotal.amountMinor + invoice.discounts.amountMinor + invoice.tax.amount.amountMinor,
    ).toBe(invoice.total.amountMinor);

    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.get(`/api/invoices/${invoice.id}`)).status).toBe(200);
    expect((await morgan.get(`/api/invoices/${invoice.id}/pdf`)).status).toBe(200);
  });

  it('answers 404 for another account’s invoice and its PDF, 401 without a session, 403 for staff', async () => {
    const { invoice } = await payAndGetInvoice(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 25,
    });
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    expect((await liWei.get(`/api/invoices/${invoice.id}`)).status).toBe(404);
    expect((await liWei.get(`/api/invoices/${invoice.id}/pdf`)).status).toBe(404);
    expect(((await (await liWei.get('/api/invoices')).json()) as { invoices: unknown[] }).invoices).toEqual(
      [],
    );
    expect((await ctx.client().get(`/api/invoices/${invoice.id}`)).status).toBe(401);
    const finance = await ctx.signedIn('finance@vendor.example');
    expect((await finance.get('/api/invoices')).status).toBe(403);
  });

  it('downloads as a PDF named after its number', async () => {
    const { invoice } = await payAndGetInvoice(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 3,
      seats: 25,
    });
    const started = performance.now();
    const response = await alex.get(`/api/invoices/${invoice.id}/pdf`);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="INV-2026-000001.pdf"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    expect(elapsed).toBeLessThan(5_000);
    const streams = pdfStreams(bytes);
    expect(streams).toContain('/CIDInit');
  });

  it('prints a Chinese buyer in Chinese, as text', async () => {
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const { invoice } = await payAndGetInvoice(liWei, 'sub_hb_fleet', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 80,
    });
    expect(invoice).toMatchObject({
      locale: 'zh-CN',
      description: 'Professional 续订，80 个席位，1 年',
      total: { currency: 'CNY' },
      buyer: {
        legalName: '海港物流有限公司',
        addressLines: ['浦东新区世纪大道 100 号', '上海 200120', '中国'],
        taxId: '91310115MA1H7XXXXX',
      },
    });
    const pdf = new Uint8Array(await (await liWei.get(`/api/invoices/${invoice.id}/pdf`)).arrayBuffer());
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    // The ToUnicode maps carry 海 (U+6D77), 港 (U+6E2F) and 发票 (U+53D1 U+7968): real, searchable text.
    const maps = pdfStreams(pdf).toLowerCase();
    for (const codePoint of ['6d77', '6e2f', '53d1', '7968']) expect(maps).toContain(`<${codePoint}>`);
  });

  it('numbers invoices without gaps: a rolled-back transaction gives its number back', async () => {
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await repo.nextDocumentNumber(tx, 'INV', 2026);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await payAndGetInvoice(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 25,
    });
    const { invoice } = await payAndGetInvoice(alex, 'sub_nw_sales', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 45,
    });
    const numbers = (await ctx.db.selectFrom('invoices').select('number').orderBy('number').execute()).map(
      (r) => r.number,
    );
    expect(numbers).toEqual(['INV-2026-000001', 'INV-2026-000002']);
    expect(invoice.number).toBe('INV-2026-000002');
  });
});

describe('billing settings (ops): seller and tax per country', () => {
  it('charges the configured tax of the buyer’s country, and shows it on the invoice', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const current = (await (await ops.get('/api/ops/billing-settings')).json()) as {
      settings: { seller: unknown; taxRates: unknown[] };
    };
    expect(current.settings.taxRates).toEqual([]);
    const updated = await ops.put('/api/ops/billing-settings', {
      seller: {
        legalName: 'Vendor Software Asia Ltd.',
        addressLines: ['1 Harbour Road', 'Hong Kong'],
        country: 'HK',
        taxId: 'HK-123',
        email: 'billing@vendor.example',
      },
      taxRates: [{ country: 'cn', rateBasisPoints: 600, label: '增值税' }],
    });
    expect(updated.status).toBe(200);
    expect((await alex.get('/api/ops/billing-settings')).status).toBe(403);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('actor_label')
      .where('action', '=', 'billing_settings.updated')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('ops@vendor.example');

    const liWei = await ctx.signedIn('li.wei@harbor.example');
    const { quote, invoice } = await payAndGetInvoice(liWei, 'sub_hb_fleet', {
      kind: 'renew',
      planCode: 'professional',
      termYears: 1,
      seats: 80,
    });
    const taxLine = quote.lines.find((l) => l.code === 'tax');
    expect(taxLine).toMatchObject({ rateBasisPoints: 600 });
    expect(quote.tax.amountMinor).toBeGreaterThan(0);
    expect(invoice.tax).toEqual({ rateBasisPoints: 600, label: '增值税', amount: quote.tax });
    expect(invoice.total).toEqual(quote.total);
    expect(invoice.seller).toMatchObject({ legalName: 'Vendor Software Asia Ltd.', taxId: 'HK-123' });
    const payment = await ctx.db.selectFrom('payments').select('amount_minor').executeTakeFirstOrThrow();
    expect(payment.amount_minor).toBe(quote.total.amountMinor);

    // Other countries still pay no tax.
    const usQuote = await makeQuote(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 25,
    });
    expect(usQuote.tax.amountMinor).toBe(0);
  });

  it('rejects bad settings', async () => {
    const ops = await ctx.signedIn('ops@vendor.example');
    const response = await ops.put('/api/ops/billing-settings', {
      seller: { legalName: '', addressLines: [], country: 'USA', taxId: null, email: null },
      taxRates: [
        { country: 'DE', rateBasisPoints: 1900, label: 'USt.' },
        { country: 'DE', rateBasisPoints: 700, label: 'USt.' },
      ],
    });
    expect(response.status).toBe(400);
  });
});

describe('billing details', () => {
  const details = {
    legalName: 'Northwind Traders Holdings, Inc.',
    addressLine1: '1 Market Street',
    addressLine2: 'Floor 12',
    city: 'San Francisco',
    postalCode: '94105',
    region: 'CA',
    country: 'us',
    taxId: 'US-99-1234567',
    billingEmail: 'Billing@Northwind.example',
  };

  it('members read them; only admins change them', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    const read = (await (await morgan.get('/api/account/billing')).json()) as { billing: TBillingDetails };
    expect(read.billing).toMatchObject({
      accountName: 'Northwind Traders',
      legalName: 'Northwind Traders, Inc.',
      country: 'US',
      billingEmail: 'ap@northwind.example',
    });
    expect((await morgan.put('/api/account/billing', details)).status).toBe(403);
    expect((await alex.put('/api/account/billing', { ...details, country: 'USA' })).status).toBe(400);
    expect((await alex.put('/api/account/billing', { ...details, legalName: ' ' })).status).toBe(400);
  });

  it('an admin’s change is stored, audited and synced to the Stripe customer', async () => {
    // A checkout first, so that the account has a Stripe customer.
    const quote = await makeQuote(alex, 'sub_nw_support', {
      kind: 'renew',
      planCode: 'starter',
      termYears: 1,
      seats: 25,
    });
    await startCheckout(alex, quote.id, { renewAutomatically: false });
    const response = await alex.put('/api/account/billing', details);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { billing: TBillingDetails }).billing).toMatchObject({
      legalName: 'Northwind Traders Holdings, Inc.',
      country: 'US',
      billingEmail: 'billing@northwind.example',
    });
    const account = await ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', 'acct_northwind')
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      legal_name: 'Northwind Traders Holdings, Inc.',
      tax_id: 'US-99-1234567',
    });
    const customer = await ctx.stripe.client.customers.retrieve(String(account.stripe_customer_id));
    expect(customer).toMatchObject({
      name: 'Northwind Traders Holdings, Inc.',
      email: 'billing@northwind.example',
      address: { line1: '1 Market Street', line2: 'Floor 12', postal_code: '94105', country: 'US' },
      metadata: { tax_id: 'US-99-1234567' },
    });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_label', 'before_json', 'after_json'])
      .where('action', '=', 'account.billing_details_updated')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('alex@northwind.example');
    expect(JSON.parse(audit.before_json ?? '{}')).toMatchObject({ legalName: 'Northwind Traders, Inc.' });
  });
});
