import { describe, expect, it } from 'vitest';
import { exceptionKey, reconcileStreams } from './reconcile.ts';
import { type ReconcileInput, reconcile, sourcesFromArrays } from './reconcile-arrays.ts';
import type { PortalPayment, StripeTransaction } from './reconcile-contract.ts';

const HORIZON = '2026-11-20T00:00:00.000Z';

function payment(id: string, overrides: Partial<PortalPayment> = {}): PortalPayment {
  return {
    id,
    paymentIntentId: `pi_${id}`,
    chargeId: `ch_${id}`,
    amountMinor: 10_000,
    feeMinor: 320,
    currency: 'USD',
    isSucceeded: true,
    isApplied: true,
    quoteId: `quo_${id}`,
    hasInvoice: true,
    accountId: 'acct_a',
    occurredAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

let seq = 0;
function txn(overrides: Partial<StripeTransaction> & { id: string }): StripeTransaction {
  seq += 1;
  return {
    type: 'charge',
    reportingCategory: 'charge',
    amountMinor: 10_000,
    feeMinor: 320,
    netMinor: 9_680,
    currency: 'usd',
    createdAt: `2026-11-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    sourceId: null,
    chargeId: null,
    paymentIntentId: null,
    quoteId: null,
    payoutId: null,
    exchangeRate: null,
    sourceAmountMinor: null,
    sourceCurrency: null,
    ...overrides,
  };
}

/** One of every class, plus a refund, a dispute and a payout that adds up, and one that does not. */
function fixture(): ReconcileInput {
  seq = 0;
  return {
    horizon: HORIZON,
    payments: [
      payment('ok'),
      payment('amount'),
      payment('fee'),
      payment('currency', { currency: 'EUR' }),
      payment('gone'),
      payment('late', { occurredAt: '2026-11-21T00:00:00.000Z' }),
      payment('first', { quoteId: 'quo_twice' }),
      payment('second', { quoteId: 'quo_twice', hasInvoice: false, occurredAt: '2026-11-01T10:05:00.000Z' }),
      payment('failed', { isSucceeded: false }),
      payment('refunded'),
      payment('disputed'),
    ],
    refunds: [
      {
        id: 're_1',
        paymentId: 'refunded',
        chargeId: 'ch_refunded',
        accountId: 'acct_a',
        amountMinor: 4_000,
        currency: 'usd',
        isExpectedAtStripe: true,
        occurredAt: '2026-11-02T00:00:00.000Z',
      },
      {
        id: 're_lost',
        paymentId: 'refunded',
        chargeId: 'ch_refunded',
        accountId: 'acct_a',
        amountMinor: 1_000,
        currency: 'usd',
        isExpectedAtStripe: true,
        occurredAt: '2026-11-03T00:00:00.000Z',
      },
    ],
    disputes: [
      {
        id: 'dp_1',
        paymentId: 'disputed',
        chargeId: 'ch_disputed',
        accountId: 'acct_a',
        amountMinor: 10_000,
        currency: 'USD',
        occurredAt: '2026-11-04T00:00:00.000Z',
      },
    ],
    transactions: [
      txn({ id: 'txn_ok', chargeId: 'ch_ok', sourceId: 'ch_ok', payoutId: 'po_1' }),
      txn({
        id: 'txn_amount',
        chargeId: 'ch_amount',
        amountMinor: 9_000,
        netMinor: 8_710,
        feeMinor: 290,
        payoutId: 'po_1',
      }),
      txn({ id: 'txn_fee', chargeId: 'ch_fee', feeMinor: 400, netMinor: 9_600, payoutId: 'po_1' }),
      txn({ id: 'txn_currency', chargeId: 'ch_currency', payoutId: 'po_1' }),
      txn({ id: 'txn_stranger', chargeId: 'ch_stranger', paymentIntentId: 'pi_stranger', payoutId: 'po_1' }),
      txn({ id: 'txn_first', chargeId: 'ch_first', payoutId: 'po_2' }),
      txn({ id: 'txn_second', chargeId: 'ch_second', payoutId: 'po_2' }),
      txn({ id: 'txn_again', chargeId: 'ch_unknown', quoteId: 'quo_twice', payoutId: 'po_2' }),
      txn({ id: 'txn_failed', chargeId: 'ch_failed' }),
      txn({ id: 'txn_refunded', chargeId: 'ch_refunded' }),
      txn({
        id: 'txn_re_1',
        type: 'refund',
        reportingCategory: 'refund',
        sourceId: 're_1',
        amountMinor: -4_000,
        feeMinor: 0,
        netMinor: -4_000,
      }),
      txn({ id: 'txn_disputed', chargeId: 'ch_disputed' }),
      txn({
        id: 'txn_dp_1',
        type: 'adjustment',
        reportingCategory: 'dispute',
        sourceId: 'dp_1',
        amountMinor: -10_000,
        feeMinor: 1_500,
        netMinor: -11_500,
      }),
      txn({
        id: 'txn_fee_bill',
        type: 'stripe_fee',
        reportingCategory: 'fee',
        amountMinor: -500,
        feeMinor: 0,
        netMinor: -500,
      }),
      txn({
        id: 'txn_po_1',
        type: 'payout',
        reportingCategory: 'payout',
        sourceId: 'po_1',
        payoutId: 'po_1',
        amountMinor: -47_380,
        feeMinor: 0,
        netMinor: -47_380,
      }),
    ],
    payouts: [
      {
        id: 'po_1',
        amountMinor: 9_680 + 8_710 + 9_600 + 9_680 + 9_680,
        currency: 'usd',
        isAutomatic: true,
        isLinked: true,
      },
      { id: 'po_2', amountMinor: 1, currency: 'usd', isAutomatic: true, isLinked: true },
      { id: 'po_manual', amountMinor: 5_000, currency: 'usd', isAutomatic: false, isLinked: false },
      { id: 'po_new', amountMinor: 5_000, currency: 'usd', isAutomatic: true, isLinked: false },
    ],
  };
}

function bySubject(lines: Awaited<ReturnType<typeof reconcile>>['lines']) {
  return Object.fromEntries(lines.map((l) => [l.subjectId, l]));
}

describe('reconcile', () => {
  it('gives every class of the fixture', async () => {
    const { lines } = await reconcile(fixture());
    const by = bySubject(lines);
    expect(by.txn_ok).toMatchObject({
      class: 'matched',
      detail: 'charge',
      paymentId: 'ok',
      chargeId: 'ch_ok',
    });
    expect(by.txn_amount).toMatchObject({
      class: 'amount_mismatch',
      detail: 'amount',
      portalAmountMinor: 10_000,
    });
    expect(by.txn_fee).toMatchObject({ class: 'amount_mismatch', detail: 'fee', portalFeeMinor: 320 });
    expect(by.txn_currency).toMatchObject({ class: 'currency_mismatch', portalCurrency: 'EUR' });
    expect(by.txn_stranger).toMatchObject({
      class: 'missing_in_portal',
      detail: 'no_portal_record',
      paymentId: null,
    });
    expect(by.gone).toMatchObject({
      class: 'missing_at_stripe',
      subjectType: 'payment',
      portalAmountMinor: 10_000,
      chargeId: 'ch_gone',
    });
    expect(by.txn_first).toMatchObject({ class: 'matched', paymentId: 'first' });
    expect(by.txn_second).toMatchObject({
      class: 'duplicate',
      detail: 'quote_paid_twice',
      paymentId: 'second',
      relatedPaymentId: 'first',
    });
    expect(by.txn_again).toMatchObject({
      class: 'duplicate',
      detail: 'quote_paid_twice',
      relatedPaymentId: 'first',
    });
    expect(by.txn_failed).toMatchObject({ class: 'missing_in_portal', detail: 'payment_not_succeeded' });
    expect(by.txn_re_1).toMatchObject({
      class: 'matched',
      detail: 'refund',
      refundId: 're_1',
      paymentId: 'refunded',
      chargeId: 'ch_refunded',
    });
    expect(by.re_lost).toMatchObject({
      class: 'missing_at_stripe',
      subjectType: 'refund',
      portalAmountMinor: -1_000,
    });
    expect(by.txn_dp_1).toMatchObject({ class: 'matched', detail: 'dispute', disputeId: 'dp_1' });
    expect(by.txn_fee_bill).toMatchObject({ class: 'missing_in_portal' });
    expect(by.txn_po_1).toMatchObject({ class: 'matched', detail: 'payout' });
    // Paid after the horizon: not expected at Stripe yet, so not flagged.
    expect(by.late).toBeUndefined();
    expect(new Set(lines.map((l) => l.class))).toEqual(
      new Set([
        'matched',
        'missing_in_portal',
        'missing_at_stripe',
        'amount_mismatch',
        'currency_mismatch',
        'duplicate',
      ]),
    );
  });

  it("checks that each payout's transactions add up to its amount", async () => {
    const { payouts } = await reconcile(fixture());
    const by = Object.fromEntries(payouts.map((p) => [p.payoutId, p]));
    // po_1: five charges (its own −amount entry left out); three of them are not matched.
    expect(by.po_1).toMatchObject({
      outcome: 'balanced',
      transactionsNetMinor: 47_350,
      transactionCount: 5,
      untracedCount: 4,
    });
    expect(by.po_2).toMatchObject({
      outcome: 'unbalanced',
      transactionsNetMinor: 9_680 * 3,
      transactionCount: 3,
      untracedCount: 2,
    });
    expect(by.po_manual).toMatchObject({ outcome: 'not_itemised', transactionsNetMinor: null });
    expect(by.po_new).toMatchObject({ outcome: 'pending' });
  });

  it('gives the same answer twice, and whatever order the records come in', async () => {
    const first = await reconcile(fixture());
    const second = await reconcile(fixture());
    expect(second).toEqual(first);
    const shuffled = fixture();
    shuffled.transactions = [...shuffled.transactions].reverse();
    shuffled.payments = [...shuffled.payments].reverse();
    expect(await reconcile(shuffled)).toEqual(first);
  });

  it('refuses a stream that is not in order rather than mis-match it', async () => {
    const sources = sourcesFromArrays(fixture());
    async function* backwards() {
      yield [payment('b', { chargeId: 'ch_b' })];
      yield [payment('a', { chargeId: 'ch_a' })];
    }
    const events = reconcileStreams({ ...sources, paymentsByCharge: backwards() });
    await expect(async () => {
      for await (const _ of events) {
        // drain
      }
    }).rejects.toThrow('paymentsByCharge is not sorted');
  });

  it('counts the invoiced payment as the quote owner, whichever was paid first', async () => {
    const input = fixture();
    input.payments = [
      payment('early', { quoteId: 'quo_x', hasInvoice: false, occurredAt: '2026-11-01T09:00:00.000Z' }),
      payment('invoiced', { quoteId: 'quo_x', occurredAt: '2026-11-01T11:00:00.000Z' }),
    ];
    input.refunds = [];
    input.disputes = [];
    input.transactions = [
      txn({ id: 'txn_early', chargeId: 'ch_early', createdAt: '2026-11-01T09:00:00.000Z' }),
      txn({ id: 'txn_invoiced', chargeId: 'ch_invoiced', createdAt: '2026-11-01T11:00:00.000Z' }),
    ];
    const by = bySubject((await reconcile(input)).lines);
    expect(by.txn_early).toMatchObject({ class: 'duplicate', relatedPaymentId: 'invoiced' });
    expect(by.txn_invoiced).toMatchObject({ class: 'matched' });
  });

  it('matches by PaymentIntent when the portal has no charge id yet, and flags a second charge of a payment', async () => {
    const { lines } = await reconcile({
      horizon: HORIZON,
      payments: [payment('p', { chargeId: null, feeMinor: null }), payment('q')],
      refunds: [],
      disputes: [],
      transactions: [
        txn({
          id: 't1',
          chargeId: 'ch_x',
          paymentIntentId: 'pi_p',
          feeMinor: 999,
          createdAt: '2026-11-01T10:00:00.000Z',
        }),
        txn({ id: 't2', chargeId: 'ch_y', paymentIntentId: 'pi_p', createdAt: '2026-11-01T10:01:00.000Z' }),
        txn({ id: 't3', chargeId: 'ch_q' }),
        txn({ id: 't4', chargeId: 'ch_q' }),
      ],
      payouts: [],
    });
    const by = bySubject(lines);
    expect(by.t1).toMatchObject({ class: 'matched', paymentId: 'p' });
    expect(by.t2).toMatchObject({ class: 'duplicate', detail: 'same_payment_twice', relatedPaymentId: 'p' });
    expect(by.t3).toMatchObject({ class: 'matched', paymentId: 'q' });
    expect(by.t4).toMatchObject({ class: 'duplicate', detail: 'same_payment_twice', relatedPaymentId: 'q' });
    expect(lines).toHaveLength(4);
  });

  it('matches a won dispute reinstatement and a failed refund', async () => {
    const input = fixture();
    input.refunds = [
      {
        id: 're_f',
        paymentId: 'refunded',
        chargeId: 'ch_refunded',
        accountId: 'acct_a',
        amountMinor: 4_000,
        currency: 'USD',
        isExpectedAtStripe: false,
        occurredAt: '2026-11-02T00:00:00.000Z',
      },
    ];
    input.transactions = [
      txn({
        id: 'txn_dp_1',
        type: 'adjustment',
        reportingCategory: 'dispute',
        sourceId: 'dp_1',
        amountMinor: -10_000,
      }),
      txn({
        id: 'txn_dp_back',
        type: 'adjustment',
        reportingCategory: 'dispute_reversal',
        sourceId: 'dp_1',
        amountMinor: 10_000,
      }),
      txn({
        id: 'txn_re',
        type: 'refund',
        reportingCategory: 'refund',
        sourceId: 're_f',
        amountMinor: -4_000,
      }),
      txn({
        id: 'txn_re_back',
        type: 'refund_failure',
        reportingCategory: 'refund_failure',
        sourceId: 're_f',
        amountMinor: 4_000,
      }),
    ];
    const by = bySubject((await reconcile(input)).lines);
    expect(by.txn_dp_back).toMatchObject({ class: 'matched', detail: 'dispute_reversal' });
    expect(by.txn_re).toMatchObject({ class: 'matched', detail: 'refund' });
    expect(by.txn_re_back).toMatchObject({ class: 'matched', detail: 'refund' });
    expect(by.re_f).toBeUndefined();
  });

  it('expects nothing at Stripe before the first sync (no horizon)', async () => {
    const input = fixture();
    input.horizon = null;
    input.transactions = [];
    expect((await reconcile(input)).lines).toEqual([]);
  });

  it('reconciles a charge settled in another currency by its own amount, and checks the conversion', async () => {
    const settled = (id: string, amountMinor: number) =>
      txn({
        id: `txn_${id}`,
        chargeId: `ch_${id}`,
        currency: 'eur',
        amountMinor,
        feeMinor: 320,
        netMinor: amountMinor - 320,
        exchangeRate: '0.9234',
        sourceAmountMinor: 10_000,
        sourceCurrency: 'usd',
      });
    const { lines } = await reconcile({
      horizon: HORIZON,
      payments: [payment('fx'), payment('fx_wrong')],
      refunds: [],
      disputes: [],
      transactions: [settled('fx', 9_234), settled('fx_wrong', 9_300)],
      payouts: [],
    });
    const classOf = (id: string) => lines.find((l) => l.paymentId === id)?.class;
    expect(classOf('fx')).toBe('matched');
    expect(classOf('fx_wrong')).toBe('currency_mismatch');
  });

  it('never matches money that was not applied, refunded or not', async () => {
    const { lines } = await reconcile({
      horizon: HORIZON,
      payments: [payment('unapplied', { isApplied: false })],
      refunds: [],
      disputes: [],
      transactions: [txn({ id: 'txn_unapplied', chargeId: 'ch_unapplied' })],
      payouts: [],
    });
    expect(lines).toEqual([expect.objectContaining({ class: 'duplicate', detail: 'not_applied' })]);
  });

  it('keys exceptions by class and subject', () => {
    expect(exceptionKey({ class: 'duplicate', subjectType: 'transaction', subjectId: 'txn_1' })).toBe(
      'duplicate:transaction:txn_1',
    );
  });
});
