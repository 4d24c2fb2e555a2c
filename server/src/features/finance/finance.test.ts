import type {
  TException,
  TKpis,
  TLedger,
  TMonthEndSummary,
  TPaymentDetail,
  TReconciliation,
} from '@portal/shared/schemas/finance';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '../../platform/stripe/client.ts';
import { seedFinanceDemo } from '../../seed/finance-history.ts';
import {
  createTestContext,
  errorCode,
  TEST_ORIGIN,
  type TestClient,
  type TestContext,
} from '../../testing/harness.ts';
import { runReconciliation } from './reconciliation/reconcile-service.ts';

let ctx: TestContext;
let finance: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.emulator.setWebhookEndpoints([]);
  await seedFinanceDemo(ctx, ctx.emulator.fetch);
  ctx.emulator.setWebhookEndpoints([
    { url: `${TEST_ORIGIN}/api/webhooks/stripe`, secret: EMULATOR_WEBHOOK_SECRET },
  ]);
  finance = await ctx.signedIn('finance@vendor.example');
});
afterAll(async () => {
  await ctx.dispose();
});

async function json<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function csv(
  path: string,
): Promise<{ text: string; records: Record<string, string>[]; response: Response }> {
  const response = await finance.get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  // Response.text() would drop a byte-order mark; read the bytes to see it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  const records = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return { text, records, response };
}

const ROUTES: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
  ['GET', '/api/finance/ledger'],
  ['GET', '/api/finance/ledger.csv'],
  ['GET', '/api/finance/payments/pay_x'],
  ['GET', '/api/finance/reconciliation'],
  ['GET', '/api/finance/reconciliation.csv'],
  ['POST', '/api/finance/reconciliation/run'],
  ['GET', '/api/finance/exceptions'],
  ['GET', '/api/finance/exceptions/fex_x'],
  ['POST', '/api/finance/exceptions/fex_x/resolve', { note: 'not mine to resolve' }],
  ['POST', '/api/finance/exceptions/fex_x/reopen'],
  ['GET', '/api/finance/payouts'],
  ['GET', '/api/finance/payouts/po_x'],
  ['GET', '/api/finance/payouts/po_x/breakdown.csv'],
  ['GET', '/api/finance/month-end?month=2026-10'],
  ['GET', '/api/finance/month-end.csv?month=2026-10'],
  ['GET', '/api/finance/kpis?from=2026-01-01&to=2026-12-31'],
  ['GET', '/api/finance/sync'],
  ['POST', '/api/finance/sync'],
];

describe('finance routes', () => {
  it.each(['alex@northwind.example', 'morgan@northwind.example', 'ops@vendor.example'])(
    'answer 403 to %s on every route',
    async (email) => {
      const client = await ctx.signedIn(email);
      for (const [method, path, body] of ROUTES) {
        const response = await client.request(path, { method, ...(body ? { json: body } : {}) });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(await errorCode(response)).toBe('forbidden');
      }
    },
  );

  it('answer 401 to anyone not signed in', async () => {
    for (const [method, path] of ROUTES) {
      const response = await ctx.client().request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('ledger', () => {
  it('lists payments, refunds and disputes with invoices and totals per currency', async () => {
    const { ledger } = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?limit=200'));
    const kinds = ledger.entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'payment')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'refund')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'dispute')).toHaveLength(1);
    expect(ledger.entries.every((e) => e.invoice?.number.startsWith('INV-'))).toBe(true);
    const sorted = [...ledger.entries].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
    expect(ledger.entries.map((e) => e.id)).toEqual(sorted.map((e) => e.id));

    const usd = ledger.totals.find((t) => t.currency === 'USD');
    // Three Northwind renewals: 120 × $480, 45 × $480, 25 × $240; 10 seats refunded.
    expect(usd?.payments).toEqual({ count: 3, amountMinor: 5_760_000 + 2_160_000 + 600_000 });
    expect(usd?.refunds).toEqual({ count: 1, amountMinor: -480_000 });
    const jpy = ledger.totals.find((t) => t.currency === 'JPY');
    expect(jpy?.disputes.count).toBe(1);
    expect(jpy?.disputes.amountMinor).toBe(-(jpy?.payments.amountMinor ?? 0));
    const refund = ledger.entries.find((e) => e.kind === 'refund');
    expect(refund?.reconClass).toBe('matched');
  });

  it('filters by currency, kind, account search and date, and pages with a cursor', async () => {
    const eur = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?currency=eur'));
    expect(eur.ledger.entries.map((e) => e.account.name)).toEqual(['Alpenrose GmbH']);
    expect(eur.ledger.entries[0]?.reconClass).toBe('amount_mismatch');
    const refunds = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?kind=refund'));
    expect(refunds.ledger.entries).toHaveLength(1);
    const harbor = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?q=harbor'));
    expect(harbor.ledger.entries.map((e) => e.account.id)).toEqual(['acct_harbor']);
    const future = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?from=2099-01-01'));
    expect(future.ledger).toMatchObject({ entries: [], totals: [] });

    const first = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?limit=3'));
    expect(first.ledger.entries).toHaveLength(3);
    expect(first.ledger.nextCursor).not.toBeNull();
    const second = await json<{ ledger: TLedger }>(
      await finance.get(`/api/finance/ledger?limit=3&cursor=${first.ledger.nextCursor}`),
    );
    expect((second.ledger.entries[0]?.occurredAt ?? '') <= (first.ledger.entries[2]?.occurredAt ?? '')).toBe(
      true,
    );
    expect(new Set([...first.ledger.entries, ...second.ledger.entries].map((e) => e.id)).size).toBe(6);
    expect((await finance.get('/api/finance/ledger?from=2026-02-01&to=2026-01-01')).status).toBe(400);
  });

  it("shows a payment's Stripe ids, documents and history", async () => {
    const { ledger } = await json<{ ledger: TLedger }>(await finance.get('/api/finance/ledger?kind=refund'));
    const paymentId = ledger.entries[0]?.paymentId;
    const { payment } = await json<{ payment: TPaymentDetail }>(
      await finance.get(`/api/finance/payments/${paymentId}`),
    );
    expect(payment.stripe.paymentIntentId).toMatch(/^pi_/);
    expect(payment.stripe.chargeId).toMatch(/^ch_/);
    expect(payment.stripe.balanceTransactionId).toMatch(/^txn_/);
    expect(payment.stripe.payoutId).toMatch(/^po_/);
    expect(payment.invoice?.number).toMatch(/^INV-/);
    expect(payment.creditNotes).toHaveLength(1);
    expect(payment.refunds[0]?.amount).toEqual({ amountMinor: 480_000, currency: 'USD' });
    expect(payment.reconciliation.map((r) => r.class)).toEqual(['matched', 'matched']);
    expect(payment.history.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['payment.created', 'payment.paid', 'invoice.issued', 'refund', 'payout']),
    );
    expect((await finance.get('/api/finance/payments/pay_nope')).status).toBe(404);
  });
});

describe('reconciliation', () => {
  it('gives the same answer twice', async () => {
    const first = await json<{ reconciliation: TReconciliation }>(
      await finance.get('/api/finance/reconciliation?limit=500'),
    );
    await json(await finance.post('/api/finance/reconciliation/run'));
    const second = await json<{ reconciliation: TReconciliation }>(
      await finance.get('/api/finance/reconciliation?limit=500'),
    );
    expect(second.reconciliation.run?.id).not.toBe(first.reconciliation.run?.id);
    expect(second.reconciliation.run?.fingerprint).toBe(first.reconciliation.run?.fingerprint);
    expect(second.reconciliation.run?.isSameAsPrevious).toBe(true);
    expect(second.reconciliation.lines).toEqual(first.reconciliation.lines);
    expect(second.reconciliation.run?.counts).toMatchObject({
      amount_mismatch: 1,
      currency_mismatch: 1,
      duplicate: 1,
      missing_at_stripe: 1,
      missing_in_portal: 1,
    });
  });

  it("checks each payout: its transactions' net adds up to its amount, each line traced or flagged", async () => {
    const { payouts } = await json<{
      payouts: { id: string; check: string; amount: { amountMinor: number } }[];
    }>(await finance.get('/api/finance/payouts'));
    expect(payouts.length).toBeGreaterThan(3);
    expect(payouts.every((p) => p.check === 'balanced')).toBe(true);
    for (const payout of payouts) {
      const detail = await json<{ lines: TReconciliation['lines'] }>(
        await finance.get(`/api/finance/payouts/${payout.id}`),
      );
      const items = detail.lines.filter((l) => l.detail !== 'payout');
      expect(items.reduce((sum, l) => sum + (l.transaction?.net.amountMinor ?? 0), 0)).toBe(
        payout.amount.amountMinor,
      );
      for (const line of items) {
        expect(line.class === 'matched' ? line.invoice : line.class).toBeTruthy();
      }
      const { records } = await csv(`/api/finance/payouts/${payout.id}/breakdown.csv`);
      const net = records
        .filter((r) => r.Detail !== 'payout')
        .reduce((sum, r) => sum + Math.round(Number(r['Stripe net']) * 100), 0);
      if (records[0]?.['Stripe currency'] !== 'JPY') expect(net).toBe(payout.amount.amountMinor);
    }
  });
});

describe('exceptions', () => {
  it('lists the open exceptions, and resolving one takes a note and is audited', async () => {
    const list = await json<{ exceptions: TException[]; counts: { open: number } }>(
      await finance.get('/api/finance/exceptions'),
    );
    expect(list.counts.open).toBe(5);
    const mismatch = list.exceptions.find((e) => e.class === 'amount_mismatch');
    expect(mismatch).toMatchObject({
      status: 'open',
      isCurrent: true,
      account: { name: 'Alpenrose GmbH' },
      portal: { amount: { amountMinor: 2_640_000, currency: 'EUR' } },
      stripe: { amount: { amountMinor: 2_590_000, currency: 'EUR' } },
    });
    const path = `/api/finance/exceptions/${mismatch?.id}/resolve`;
    expect((await finance.post(path, { note: 'x' })).status).toBe(400);

    const note = 'Sales granted a €500 goodwill discount at Stripe; credit note CN to follow.';
    const { exception } = await json<{ exception: TException }>(await finance.post(path, { note }));
    expect(exception.resolution).toMatchObject({ note, resolvedBy: 'finance@vendor.example' });
    expect((await finance.post(path, { note })).status).toBe(409);

    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'finance_exception')
      .where('entity_id', '=', exception.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'finance.exception.resolved',
      actor_label: 'finance@vendor.example',
    });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ status: 'resolved', note });

    // The next run finds the same problem and keeps it resolved.
    await runReconciliation(ctx);
    const again = await json<{ exception: TException }>(
      await finance.get(`/api/finance/exceptions/${exception.id}`),
    );
    expect(again.exception).toMatchObject({ status: 'resolved', isCurrent: true, resolution: { note } });
    const open = await json<{ counts: { open: number; resolved: number } }>(
      await finance.get('/api/finance/exceptions'),
    );
    expect(open.counts).toEqual({ open: 4, resolved: 1 });

    const reopened = await json<{ exception: TException }>(
      await finance.post(`/api/finance/exceptions/${exception.id}/reopen`),
    );
    expect(reopened.exception).toMatchObject({ status: 'open', resolution: null });
    const trail = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', exception.id)
      .orderBy('at')
      .execute();
    expect(trail.map((a) => a.action)).toEqual(['finance.exception.resolved', 'finance.exception.reopened']);
  });
});

describe('exports', () => {
  it('streams the ledger as RFC 4180 CSV that parses back, with a BOM when asked', async () => {
    const plain = await csv('/api/finance/ledger.csv');
    expect(plain.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain.response.headers.get('content-disposition')).toMatch(
      /attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(plain.records).toHaveLength(8);
    const refund = plain.records.find((r) => r.Kind === 'refund');
    expect(refund).toMatchObject({ Amount: '-4800.00', Currency: 'USD', Account: 'Northwind Traders' });
    const harbor = plain.records.find((r) => r.Currency === 'CNY');
    expect(harbor?.Account).toBe('Harbor Logistics');
    const kumo = plain.records.find((r) => r.Kind === 'payment' && r.Currency === 'JPY');
    expect(kumo?.Amount).toMatch(/^\d+$/);

    const withBom = await csv('/api/finance/ledger.csv?bom=1&currency=USD');
    expect(withBom.text.charCodeAt(0)).toBe(0xfeff);
    expect(withBom.records.every((r) => r.Currency === 'USD')).toBe(true);
  });

  it('exports the reconciliation, all of it or one class', async () => {
    const all = await csv('/api/finance/reconciliation.csv');
    const { reconciliation } = await json<{ reconciliation: TReconciliation }>(
      await finance.get('/api/finance/reconciliation?limit=500'),
    );
    expect(all.records).toHaveLength(reconciliation.lines.length);
    const duplicates = await csv('/api/finance/reconciliation.csv?class=duplicate&bom=1');
    expect(duplicates.records).toHaveLength(1);
    expect(duplicates.records[0]).toMatchObject({
      Class: 'duplicate',
      Detail: 'quote_paid_twice',
      Account: 'Northwind Traders',
    });
    expect(duplicates.records[0]?.['Related payment']).toMatch(/^pay_/);
  });

  it('summarises a month by currency: gross − fees + refunds + disputes + other = net', async () => {
    const month = ctx.clock.today().slice(0, 7);
    const { summary } = await json<{ summary: TMonthEndSummary }>(
      await finance.get(`/api/finance/month-end?month=${month}`),
    );
    const jpy = summary.rows.find((r) => r.currency === 'JPY');
    expect(jpy?.disputesMinor).toBeLessThan(0);
    for (const row of summary.rows) {
      expect(row.grossMinor - row.feesMinor + row.refundsMinor + row.disputesMinor + row.otherMinor).toBe(
        row.netMinor,
      );
    }
    expect(summary.openExceptions).toBe(5);
    const { records } = await csv(`/api/finance/month-end.csv?month=${month}`);
    expect(records.map((r) => r.Currency).sort()).toEqual(summary.rows.map((r) => r.currency).sort());
    expect((await finance.get('/api/finance/month-end?month=2026-13')).status).toBe(400);
  });
});

describe('KPIs and sync', () => {
  it('computes renewal KPIs for a period', async () => {
    const today = ctx.clock.today();
    const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const { kpis } = await json<{ kpis: TKpis }>(
      await finance.get(`/api/finance/kpis?from=${from}&to=${today}`),
    );
    expect(kpis.due).toBeGreaterThan(0);
    expect(kpis.renewedOnTime + kpis.renewedLate + kpis.churned + kpis.open).toBe(kpis.due);
    expect(kpis.logoRenewalRateBp).not.toBeNull();
    expect(kpis.retention.map((r) => r.currency)).toContain('USD');
    expect(kpis.autoRenew.live).toBeGreaterThan(0);
    expect(kpis.months.length).toBeGreaterThanOrEqual(12);
    expect((await finance.get(`/api/finance/kpis?from=${today}&to=${from}`)).status).toBe(400);
  });

  it('starts a sync and reports its status', async () => {
    const started = await finance.post('/api/finance/sync');
    expect(started.status).toBe(202);
    for (let i = 0; i < 50; i++) {
      const { sync } = await json<{ sync: { isRunning: boolean; runs: { status: string }[] } }>(
        await finance.get('/api/finance/sync'),
      );
      if (!sync.isRunning) {
        expect(sync.runs[0]?.status).toBe('succeeded');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the sync did not finish');
  });
});
