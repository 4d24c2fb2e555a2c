// The payments ledger for finance: payments, refunds and disputes with their invoices, filtered by date (the
// vendor's calendar days), kind, status, account, currency or a search, newest first in keyset pages, with
// totals per currency over the whole selection; and a payment's own page with its Stripe ids and history.

import { addDays, startOfDayIn } from '@portal/shared/dates';
import type {
  TCurrencyTotals,
  TLedger,
  TLedgerEntry,
  TLedgerKind,
  TLedgerQuery,
  TPaymentDetail,
  TPaymentHistoryItem,
  TReconClass,
  TReconDetail,
} from '@portal/shared/schemas/finance';
import { ZLedgerQuery } from '@portal/shared/schemas/finance';
import type { AppDeps } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import * as exceptionsRepo from '../exceptions/exceptions-repo.ts';
import { listLinesOfCharges } from '../reconciliation/recon-read-repo.ts';
import { findLatestCompletedRun } from '../reconciliation/reconcile-repo.ts';
import * as repo from './ledger-repo.ts';
import * as paymentRepo from './payment-repo.ts';

export type ParsedLedgerQuery = ReturnType<typeof ZLedgerQuery.parse>;

/** The ledger filter in instants: `from`/`to` are whole calendar days in PORTAL_TIME_ZONE, `to` included. */
export function ledgerFilter(deps: AppDeps, query: ParsedLedgerQuery): repo.LedgerFilter {
  const tz = deps.config.timeZone;
  return {
    kind: query.kind,
    fromIso: query.from ? startOfDayIn(query.from, tz).toISOString() : undefined,
    toIso: query.to ? startOfDayIn(addDays(query.to, 1), tz).toISOString() : undefined,
    status: query.status || undefined,
    currency: query.currency,
    accountId: query.accountId,
    q: query.q || undefined,
  };
}

export function encodeCursor(position: repo.LedgerPosition): string {
  return Buffer.from(`${position.occurredAt}\n${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): repo.LedgerPosition | null {
  if (!cursor) return null;
  const [occurredAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  if (!occurredAt || !id || rest.length > 0) {
    throw new AppError('validation_failed', 'Some fields are not valid', {
      fields: { cursor: 'Unknown cursor' },
    });
  }
  return { occurredAt, id };
}

const money = (amountMinor: number | null, currency: string) =>
  amountMinor === null ? null : { amountMinor, currency };

export function toLedgerEntry(row: repo.LedgerRow, reconClass: TReconClass | null): TLedgerEntry {
  return {
    kind: row.kind as TLedgerKind,
    id: row.id,
    occurredAt: row.occurred_at,
    status: row.status,
    account: { id: row.account_id, name: row.account_name },
    amount: { amountMinor: row.amount_minor, currency: row.currency },
    fee: money(row.fee_minor, row.currency),
    net: money(row.net_minor, row.currency),
    paymentId: row.payment_id,
    invoice: row.invoice_id && row.invoice_number ? { id: row.invoice_id, number: row.invoice_number } : null,
    stripeId: row.stripe_id,
    reconClass,
  };
}

/** How the latest reconciliation classed each entry: the worst of its lines and current exceptions. */
async function reconClasses(
  deps: AppDeps,
  rows: readonly repo.LedgerRow[],
): Promise<Map<string, TReconClass>> {
  const run = await findLatestCompletedRun(deps.db);
  const out = new Map<string, TReconClass>();
  if (!run) return out;
  const ids = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [lines, exceptions] = await Promise.all([
    listLinesOfCharges(
      deps.db,
      run.id,
      rows.map((r) => r.charge_id).filter((id): id is string => id !== null),
    ),
    exceptionsRepo.listCurrentExceptionsOf(deps.db, {
      payments: ids('payment'),
      refunds: ids('refund'),
      disputes: ids('dispute'),
    }),
  ]);
  const note = (id: string | null, cls: string) => {
    if (!id) return;
    const known = out.get(id);
    if (known === undefined || known === 'matched') out.set(id, cls as TReconClass);
  };
  for (const item of [...lines, ...exceptions]) {
    if (item.refund_id) note(item.refund_id, item.class);
    else if (item.dispute_id) note(item.dispute_id, item.class);
    else note(item.payment_id, item.class);
  }
  return out;
}

/** Totals of money that moved, per currency: received, refunded, disputed, fees, net. */
export function foldTotals(rows: Awaited<ReturnType<typeof repo.ledgerTotals>>): TCurrencyTotals[] {
  const byCurrency = new Map<string, TCurrencyTotals>();
  for (const row of rows) {
    const totals = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      payments: { count: 0, amountMinor: 0 },
      refunds: { count: 0, amountMinor: 0 },
      disputes: { count: 0, amountMinor: 0 },
      feesMinor: 0,
      netMinor: 0,
    };
    const count = Number(row.count);
    const amount = Number(row.amount_minor ?? 0);
    const bucket =
      row.kind === 'payment' ? totals.payments : row.kind === 'refund' ? totals.refunds : totals.disputes;
    bucket.count += count;
    bucket.amountMinor += amount;
    totals.feesMinor += Number(row.fee_minor ?? 0);
    totals.netMinor += Number(row.net_minor ?? 0);
    byCurrency.set(row.currency, totals);
  }
  return [...byCurrency.values()];
}

export async function listLedger(deps: AppDeps, input: TLedgerQuery): Promise<TLedger> {
  const query = ZLedgerQuery.parse(input);
  const filter = ledgerFilter(deps, query);
  const rows = await repo.pageLedger(deps.db, filter, decodeCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const classes = await reconClasses(deps, page);
  return {
    entries: page.map((row) => toLedgerEntry(row, classes.get(row.id) ?? null)),
    totals: foldTotals(await repo.ledgerTotals(deps.db, filter)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
  };
}

/** A payment with its Stripe ids, documents, refunds, disputes, payout, reconciliation and history. */
export async function getPaymentDetail(deps: AppDeps, id: string): Promise<TPaymentDetail> {
  const payment = await paymentRepo.findPayment(deps.db, id);
  if (!payment) throw notFound('No such payment.');
  const currency = payment.currency;
  const [refunds, disputes, creditNotes, transaction, exceptions, run] = await Promise.all([
    paymentRepo.listRefunds(deps.db, id),
    paymentRepo.listDisputes(deps.db, id),
    payment.invoice_id ? paymentRepo.listCreditNotes(deps.db, payment.invoice_id) : Promise.resolve([]),
    payment.stripe_charge_id
      ? paymentRepo.findChargeTransaction(deps.db, payment.stripe_charge_id)
      : undefined,
    exceptionsRepo.listExceptionsOfPayment(deps.db, id),
    findLatestCompletedRun(deps.db),
  ]);
  const lines =
    run && payment.stripe_charge_id
      ? await listLinesOfCharges(deps.db, run.id, [payment.stripe_charge_id])
      : [];
  const stripeObjects = [
    payment.stripe_payment_intent_id,
    payment.stripe_charge_id,
    ...refunds.map((r) => r.id),
    ...disputes.map((d) => d.id),
  ].filter((v): v is string => Boolean(v));
  const [events, audits] = await Promise.all([
    paymentRepo.listStripeEvents(deps.db, stripeObjects),
    paymentRepo.listAuditOf(deps.db, [
      id,
      ...(payment.invoice_id ? [payment.invoice_id] : []),
      ...exceptions.map((e) => e.id),
    ]),
  ]);

  const history: TPaymentHistoryItem[] = [
    {
      at: payment.created_at,
      kind: 'payment.created',
      label: payment.source,
      detail: null,
      amount: { amountMinor: payment.amount_minor, currency },
    },
    ...(payment.paid_at
      ? [
          {
            at: payment.paid_at,
            kind: 'payment.paid',
            label: payment.status,
            detail: payment.stripe_charge_id,
            amount: { amountMinor: payment.amount_minor, currency },
          },
        ]
      : []),
    ...(payment.invoice_id && payment.invoice_issued_at
      ? [
          {
            at: payment.invoice_issued_at,
            kind: 'invoice.issued',
            label: payment.invoice_number ?? '',
            detail: null,
            amount: null,
          },
        ]
      : []),
    ...refunds.map((r) => ({
      at: r.stripe_created_at,
      kind: 'refund',
      label: r.status,
      detail: r.id,
      amount: { amountMinor: -r.amount_minor, currency: r.currency },
    })),
    ...disputes.map((d) => ({
      at: d.stripe_created_at,
      kind: 'dispute',
      label: d.status,
      detail: `${d.id} · ${d.reason}`,
      amount: { amountMinor: -d.amount_minor, currency: d.currency },
    })),
    ...events.map((e) => ({
      at: e.stripe_created_at,
      kind: 'webhook',
      label: e.type,
      detail: `${e.id} · ${e.status}`,
      amount: null,
    })),
    ...audits.map((a) => ({ at: a.at, kind: 'audit', label: a.action, detail: a.actor_label, amount: null })),
    ...(transaction?.payout_id && transaction.payout_arrival_at
      ? [
          {
            at: transaction.payout_arrival_at,
            kind: 'payout',
            label: transaction.payout_status ?? '',
            detail: transaction.payout_id,
            amount: { amountMinor: transaction.net_minor, currency },
          },
        ]
      : []),
  ];
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const exceptionByKey = new Map(exceptions.map((e) => [`${e.class}:${e.subject_id}`, e.id]));
  const listed = new Set(lines.map((l) => `${l.class}:${l.subject_id}`));
  // Problems found without a charge to file them under (a payment Stripe never charged).
  const unfiled = exceptions.filter((e) => e.is_current === 1 && !listed.has(`${e.class}:${e.subject_id}`));
  return {
    id: payment.id,
    status: payment.status,
    source: payment.source,
    fulfilmentStatus: payment.fulfilment_status,
    amount: { amountMinor: payment.amount_minor, currency },
    refunded: { amountMinor: payment.amount_refunded_minor, currency },
    fee: money(payment.fee_minor ?? transaction?.fee_minor ?? null, currency),
    net: money(payment.net_minor ?? transaction?.net_minor ?? null, currency),
    createdAt: payment.created_at,
    paidAt: payment.paid_at,
    card: { brand: payment.card_brand, last4: payment.card_last4 },
    failure: { code: payment.failure_code, message: payment.failure_message },
    account: { id: payment.account_id, name: payment.account_name },
    subscription:
      payment.subscription_id && payment.subscription_label
        ? { id: payment.subscription_id, label: payment.subscription_label }
        : null,
    quote:
      payment.quote_id && payment.quote_number
        ? { id: payment.quote_id, number: payment.quote_number }
        : null,
    invoice:
      payment.invoice_id && payment.invoice_number
        ? { id: payment.invoice_id, number: payment.invoice_number }
        : null,
    creditNotes: creditNotes.map((n) => ({
      id: n.id,
      number: n.number,
      amount: { amountMinor: n.amount_minor, currency: n.currency },
    })),
    stripe: {
      customerId: payment.stripe_customer_id,
      paymentIntentId: payment.stripe_payment_intent_id,
      chargeId: payment.stripe_charge_id,
      balanceTransactionId: payment.stripe_balance_transaction_id ?? transaction?.id ?? null,
      paymentMethodId: payment.stripe_payment_method_id,
      checkoutSessionId: payment.checkout_session_id,
      payoutId: transaction?.payout_id ?? null,
    },
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: { amountMinor: r.amount_minor, currency: r.currency },
      status: r.status,
      reason: r.reason,
      at: r.stripe_created_at,
    })),
    disputes: disputes.map((d) => ({
      id: d.id,
      amount: { amountMinor: d.amount_minor, currency: d.currency },
      status: d.status,
      reason: d.reason,
      at: d.stripe_created_at,
    })),
    reconciliation: [
      ...lines.map((l) => ({
        class: l.class as TReconClass,
        detail: l.detail as TReconDetail | null,
        subjectId: l.subject_id,
        exceptionId: exceptionByKey.get(`${l.class}:${l.subject_id}`) ?? null,
      })),
      ...unfiled
        .filter((e) => e.class !== 'payout_unbalanced')
        .map((e) => ({
          class: e.class as TReconClass,
          detail: e.detail as TReconDetail | null,
          subjectId: e.subject_id,
          exceptionId: e.id,
        })),
    ],
    history,
  };
}
