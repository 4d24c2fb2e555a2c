// The API of the finance team's pages: the payments ledger, a payment's page, the Stripe sync, the
// reconciliation with its exceptions, payouts, the month-end summary and the renewal KPIs. Money is always
// `{ amountMinor, currency }`; rates are basis points (10 000 = 100 %), never floats.

import { z } from 'zod';
import { ZCalendarDate, ZCurrency, ZMoney } from './common.ts';

// ---- reconciliation vocabulary ----

/** How one Stripe balance transaction (or one portal record Stripe does not have) came out of the matching. */
export const RECON_CLASSES = [
  'matched',
  'missing_in_portal',
  'missing_at_stripe',
  'amount_mismatch',
  'currency_mismatch',
  'duplicate',
] as const;
export const ZReconClass = z.enum(RECON_CLASSES);
export type TReconClass = z.infer<typeof ZReconClass>;

/** Every class but `matched`, plus a payout whose transactions do not add up to its amount. */
export const EXCEPTION_CLASSES = [
  'missing_in_portal',
  'missing_at_stripe',
  'amount_mismatch',
  'currency_mismatch',
  'duplicate',
  'payout_unbalanced',
] as const;
export const ZExceptionClass = z.enum(EXCEPTION_CLASSES);
export type TExceptionClass = z.infer<typeof ZExceptionClass>;

/**
 * Why a line is in its class, as a code the web app words: e.g. `fee` (the amounts agree, Stripe's fee does
 * not), `quote_paid_twice`, `payment_not_succeeded`, `no_portal_record`, `payout` (a payout's own entry).
 */
export const RECON_DETAILS = [
  'charge',
  'refund',
  'dispute',
  'dispute_reversal',
  'payout',
  'amount',
  'fee',
  'quote_paid_twice',
  'same_payment_twice',
  'payment_not_succeeded',
  'not_applied',
  'refund_failed',
  'no_portal_record',
  'not_at_stripe',
  'payout_sum',
] as const;
export const ZReconDetail = z.enum(RECON_DETAILS);
export type TReconDetail = z.infer<typeof ZReconDetail>;

export const RECON_SUBJECTS = ['transaction', 'payment', 'refund', 'dispute', 'payout'] as const;
export const ZReconSubject = z.enum(RECON_SUBJECTS);

const ZMaybeMoney = ZMoney.nullable();

export const ZReconLine = z.object({
  lineNo: z.number().int(),
  class: ZReconClass,
  detail: ZReconDetail.nullable(),
  subjectType: ZReconSubject,
  subjectId: z.string(),
  occurredAt: z.string(),
  transaction: z
    .object({
      id: z.string(),
      type: z.string(),
      amount: ZMoney,
      fee: ZMoney,
      net: ZMoney,
      payoutId: z.string().nullable(),
    })
    .nullable(),
  portal: z
    .object({
      amount: ZMaybeMoney,
      fee: ZMaybeMoney,
      paymentId: z.string().nullable(),
      refundId: z.string().nullable(),
      disputeId: z.string().nullable(),
      relatedPaymentId: z.string().nullable(),
    })
    .nullable(),
  account: z.object({ id: z.string(), name: z.string() }).nullable(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
});
export type TReconLine = z.infer<typeof ZReconLine>;

export const ZReconRun = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Portal records dated after this instant are not yet expected at Stripe (the sync has not reached them). */
  horizon: z.string().nullable(),
  transactionCount: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** SHA-256 of the run's lines: two runs over the same data give the same fingerprint. */
  fingerprint: z.string().nullable(),
  isSameAsPrevious: z.boolean().nullable(),
});
export type TReconRun = z.infer<typeof ZReconRun>;

export const ZReconciliationQuery = z.object({
  class: ZReconClass.optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TReconciliationQuery = z.input<typeof ZReconciliationQuery>;

export const ZReconciliation = z.object({
  run: ZReconRun.nullable(),
  lines: z.array(ZReconLine),
  nextAfter: z.number().int().nullable(),
});
export type TReconciliation = z.infer<typeof ZReconciliation>;

// ---- exceptions ----

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;

export const ZException = z.object({
  id: z.string(),
  class: ZExceptionClass,
  detail: ZReconDetail.nullable(),
  status: z.enum(EXCEPTION_STATUSES),
  /** False once the latest reconciliation no longer finds the problem (fixed at the source). */
  isCurrent: z.boolean(),
  subjectType: ZReconSubject,
  subjectId: z.string(),
  occurredAt: z.string(),
  stripe: z.object({ amount: ZMaybeMoney, fee: ZMaybeMoney, transactionId: z.string().nullable() }),
  portal: z.object({ amount: ZMaybeMoney, fee: ZMaybeMoney }),
  paymentId: z.string().nullable(),
  relatedPaymentId: z.string().nullable(),
  payoutId: z.string().nullable(),
  account: z.object({ id: z.string(), name: z.string() }).nullable(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolution: z.object({ note: z.string(), resolvedAt: z.string(), resolvedBy: z.string() }).nullable(),
});
export type TException = z.infer<typeof ZException>;

export const ZExceptionQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  class: ZExceptionClass.optional(),
  /** Include exceptions that the latest run no longer finds. */
  includeCleared: z
    .enum(['0', '1'])
    .default('0')
    .transform((value) => value === '1'),
});
export type TExceptionQuery = z.input<typeof ZExceptionQuery>;

export const ZExceptionList = z.object({
  exceptions: z.array(ZException),
  counts: z.object({ open: z.number().int(), resolved: z.number().int() }),
});
export type TExceptionList = z.infer<typeof ZExceptionList>;

export const ZResolveExceptionRequest = z.object({
  note: z.string().trim().min(3, 'Write at least a few words').max(2000, 'At most 2,000 characters'),
});
export type TResolveExceptionRequest = z.infer<typeof ZResolveExceptionRequest>;

// ---- ledger ----

export const LEDGER_KINDS = ['payment', 'refund', 'dispute'] as const;
export const ZLedgerKind = z.enum(LEDGER_KINDS);
export type TLedgerKind = z.infer<typeof ZLedgerKind>;

export const ZLedgerQuery = z
  .object({
    /** Calendar dates in the vendor's time zone, both inclusive. */
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
    kind: z.enum(['all', ...LEDGER_KINDS]).default('all'),
    status: z.string().trim().max(40).optional(),
    currency: ZCurrency.optional(),
    accountId: z.string().max(64).optional(),
    /** Account name or id, invoice number, payment id, or a Stripe id. */
    q: z.string().trim().max(100).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'From must not be after to', path: ['to'] });
export type TLedgerQuery = z.input<typeof ZLedgerQuery>;

export const ZLedgerEntry = z.object({
  kind: ZLedgerKind,
  id: z.string(),
  occurredAt: z.string(),
  status: z.string(),
  account: z.object({ id: z.string(), name: z.string() }),
  /** Signed: money in is positive, refunds and disputes are negative. */
  amount: ZMoney,
  fee: ZMaybeMoney,
  net: ZMaybeMoney,
  paymentId: z.string(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  stripeId: z.string().nullable(),
  reconClass: ZReconClass.nullable(),
});
export type TLedgerEntry = z.infer<typeof ZLedgerEntry>;

export const ZCurrencyTotals = z.object({
  currency: z.string(),
  payments: z.object({ count: z.number().int(), amountMinor: z.number().int() }),
  refunds: z.object({ count: z.number().int(), amountMinor: z.number().int() }),
  disputes: z.object({ count: z.number().int(), amountMinor: z.number().int() }),
  feesMinor: z.number().int(),
  /** Payments' net of fees, less refunds and disputes. */
  netMinor: z.number().int(),
});
export type TCurrencyTotals = z.infer<typeof ZCurrencyTotals>;

export const ZLedger = z.object({
  entries: z.array(ZLedgerEntry),
  totals: z.array(ZCurrencyTotals),
  nextCursor: z.string().nullable(),
});
export type TLedger = z.infer<typeof ZLedger>;

// ---- a payment's page ----

export const ZPaymentHistoryItem = z.object({
  at: z.string(),
  /** e.g. payment.created, payment.succeeded, refund, dispute, webhook, audit, payout, exception.resolved */
  kind: z.string(),
  /** Stripe event type, audit action, refund or dispute status: shown as is. */
  label: z.string(),
  detail: z.string().nullable(),
  amount: ZMaybeMoney,
});
export type TPaymentHistoryItem = z.infer<typeof ZPaymentHistoryItem>;

export const ZPaymentDetail = z.object({
  id: z.string(),
  status: z.string(),
  source: z.string(),
  fulfilmentStatus: z.string(),
  amount: ZMoney,
  refunded: ZMoney,
  fee: ZMaybeMoney,
  net: ZMaybeMoney,
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  card: z.object({ brand: z.string().nullable(), last4: z.string().nullable() }),
  failure: z.object({ code: z.string().nullable(), message: z.string().nullable() }),
  account: z.object({ id: z.string(), name: z.string() }),
  subscription: z.object({ id: z.string(), label: z.string() }).nullable(),
  quote: z.object({ id: z.string(), number: z.string() }).nullable(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  creditNotes: z.array(z.object({ id: z.string(), number: z.string(), amount: ZMoney })),
  stripe: z.object({
    customerId: z.string().nullable(),
    paymentIntentId: z.string(),
    chargeId: z.string().nullable(),
    balanceTransactionId: z.string().nullable(),
    paymentMethodId: z.string().nullable(),
    checkoutSessionId: z.string().nullable(),
    payoutId: z.string().nullable(),
  }),
  refunds: z.array(
    z.object({
      id: z.string(),
      amount: ZMoney,
      status: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  disputes: z.array(
    z.object({ id: z.string(), amount: ZMoney, status: z.string(), reason: z.string(), at: z.string() }),
  ),
  reconciliation: z.array(
    z.object({
      class: ZReconClass,
      detail: ZReconDetail.nullable(),
      subjectId: z.string(),
      exceptionId: z.string().nullable(),
    }),
  ),
  history: z.array(ZPaymentHistoryItem),
});
export type TPaymentDetail = z.infer<typeof ZPaymentDetail>;

// ---- payouts ----

export const PAYOUT_CHECKS = ['balanced', 'unbalanced', 'not_itemised', 'pending'] as const;
export const ZPayoutCheck = z.enum(PAYOUT_CHECKS);

export const ZPayout = z.object({
  id: z.string(),
  amount: ZMoney,
  status: z.string(),
  isAutomatic: z.boolean(),
  createdAt: z.string(),
  arrivalAt: z.string(),
  failure: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
  /** From the latest reconciliation: the sum of its transactions' net against its amount. */
  check: ZPayoutCheck,
  transactionsNet: ZMaybeMoney,
  transactionCount: z.number().int(),
  untracedCount: z.number().int(),
});
export type TPayout = z.infer<typeof ZPayout>;

export const ZPayoutList = z.object({ payouts: z.array(ZPayout) });

export const ZPayoutDetail = z.object({
  payout: ZPayout,
  lines: z.array(ZReconLine),
});
export type TPayoutDetail = z.infer<typeof ZPayoutDetail>;

// ---- sync ----

export const ZSyncStream = z.object({
  stream: z.string(),
  /** Everything Stripe created up to this instant has been pulled. */
  syncedThrough: z.string().nullable(),
  /** A run stopped inside this window and resumes after `resumeAfter`. */
  isResuming: z.boolean(),
  lastCompletedAt: z.string().nullable(),
});

export const ZSyncRun = z.object({
  id: z.string(),
  trigger: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  requests: z.number().int(),
  rateLimited: z.number().int(),
  transactions: z.number().int(),
  payouts: z.number().int(),
  error: z.string().nullable(),
});
export type TSyncRun = z.infer<typeof ZSyncRun>;

export const ZSyncStatus = z.object({
  streams: z.array(ZSyncStream),
  runs: z.array(ZSyncRun),
  isRunning: z.boolean(),
  requestsPerSecond: z.number(),
});
export type TSyncStatus = z.infer<typeof ZSyncStatus>;

// ---- month-end summary ----

export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM');

export const ZMonthEndQuery = z.object({ month: ZMonth });
export type TMonthEndQuery = z.infer<typeof ZMonthEndQuery>;

export const ZMonthEndRow = z.object({
  currency: z.string(),
  /** Card payments received (positive). */
  grossMinor: z.number().int(),
  /** Stripe's fees on everything (positive: money kept by Stripe). */
  feesMinor: z.number().int(),
  /** Refunds (negative). */
  refundsMinor: z.number().int(),
  /** Disputes withdrawn less disputes reinstated (negative). */
  disputesMinor: z.number().int(),
  /** Anything else, so that gross − fees + refunds + disputes + other = net exactly. */
  otherMinor: z.number().int(),
  netMinor: z.number().int(),
  /** Paid out to the bank in the month (positive). */
  paidOutMinor: z.number().int(),
  transactionCount: z.number().int(),
});
export type TMonthEndRow = z.infer<typeof ZMonthEndRow>;

export const ZMonthEndSummary = z.object({
  month: ZMonth,
  from: ZCalendarDate,
  to: ZCalendarDate,
  rows: z.array(ZMonthEndRow),
  openExceptions: z.number().int(),
});
export type TMonthEndSummary = z.infer<typeof ZMonthEndSummary>;

// ---- KPIs ----

export const ZKpiQuery = z
  .object({ from: ZCalendarDate, to: ZCalendarDate })
  .refine((v) => v.from <= v.to, { message: 'From must not be after to', path: ['to'] });
export type TKpiQuery = z.infer<typeof ZKpiQuery>;

export const ZRetention = z.object({
  currency: z.string(),
  startingMinor: z.number().int(),
  expansionMinor: z.number().int(),
  contractionMinor: z.number().int(),
  churnedMinor: z.number().int(),
  /** null when nothing was due in the currency. */
  grossRetentionBp: z.number().int().nullable(),
  netRetentionBp: z.number().int().nullable(),
});
export type TRetention = z.infer<typeof ZRetention>;

export const ZKpiMonth = z.object({
  month: ZMonth,
  due: z.number().int(),
  renewedOnTime: z.number().int(),
  renewedLate: z.number().int(),
  churned: z.number().int(),
  open: z.number().int(),
});
export type TKpiMonth = z.infer<typeof ZKpiMonth>;

export const ZKpis = z.object({
  from: ZCalendarDate,
  to: ZCalendarDate,
  today: ZCalendarDate,
  due: z.number().int(),
  renewedOnTime: z.number().int(),
  renewedLate: z.number().int(),
  churned: z.number().int(),
  /** Due in the period and not decided yet (still before expiry or in grace). */
  open: z.number().int(),
  /** Renewed ÷ decided (renewed + churned). */
  logoRenewalRateBp: z.number().int().nullable(),
  retention: z.array(ZRetention),
  autoRenew: z.object({
    /** Live subscriptions with auto-renew on, of all live subscriptions, today. */
    adoptionBp: z.number().int().nullable(),
    enabled: z.number().int(),
    live: z.number().int(),
    /** Renewals in the period charged automatically. */
    renewalsByAutoRenew: z.number().int(),
  }),
  multiYear: z.object({
    /** Renewals in the period for two or three years, of all renewals. */
    uptakeBp: z.number().int().nullable(),
    renewals: z.number().int(),
    multiYearRenewals: z.number().int(),
  }),
  /** Mean of (term end − renewal date) over renewals in the period; negative when late. */
  averageDaysBeforeExpiry: z.number().nullable(),
  months: z.array(ZKpiMonth),
});
export type TKpis = z.infer<typeof ZKpis>;
