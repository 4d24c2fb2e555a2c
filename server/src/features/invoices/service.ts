// Invoices and credit notes. An invoice is issued inside the fulfilment transaction of a payment, from the
// quote's frozen lines, with a gapless number per year, the seller and buyer as they are that day, and the
// payment's reference; a refund becomes a credit note of that invoice. Customers read their account's.

import { calendarDateIn } from '@portal/shared/dates';
import type {
  TCreditNote,
  TInvoice,
  TInvoiceLine,
  TInvoiceStatus,
  TInvoiceSummary,
  TParty,
  TPaymentReference,
} from '@portal/shared/schemas/invoices';
import type { TPriceLine } from '@portal/shared/schemas/offers';
import type { DbOrTx, Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { getBillingSettings, taxRateFor } from './billing-settings.ts';
import { quoteOnInvoice } from './hooks.ts';
import { renderInvoicePdf } from './pdf.ts';
import * as repo from './repo.ts';

// Also this feature's, for others: the vendor's billing settings (tax on offers, the seller on quotes) and the
// words of a purchase (the checkout's line).
export { getBillingSettings, taxRateForAccount } from './billing-settings.ts';
export { DOCUMENT_LABELS, defaultTaxLabel, describePurchase, invoiceLines } from './wording.ts';

import type { TTimeKey, TTimelineItem } from '@portal/shared/schemas/ops-workspace';
import {
  asDocumentLocale,
  defaultTaxLabel,
  describePurchase,
  invoiceLines,
  type QuoteWords,
  refundReasonWords,
} from './wording.ts';

const INVOICES_LISTED = 200;

export function formatDocumentNumber(series: 'INV' | 'CN', year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}

export type IssueInvoiceInput = {
  accountId: string;
  locale: string;
  subscription: { id: string; label: string };
  quote: QuoteWords & {
    id: string;
    number: string;
    currency: string;
    totalMinor: number;
    lines: TPriceLine[];
    planNames: Record<string, string>;
  };
  buyer: TParty;
  paymentId: string;
  payment: TPaymentReference;
  amountPaidMinor: number;
  servicePeriod: { start: string; end: string };
  issuedAt: Date;
  timeZone: string;
};

/**
 * Issues the invoice of a paid quote inside the caller's (fulfilment) transaction: the number comes from the
 * per-year counter in the same transaction, so a rollback gives it back. Its lines are the quote's frozen
 * lines worded in the buyer's language; the totals are sums of those lines and must equal the quote's total.
 */
export async function issueInvoice(
  tx: Tx,
  input: IssueInvoiceInput,
): Promise<{ id: string; number: string }> {
  const locale = asDocumentLocale(input.locale);
  const issueDate = calendarDateIn(input.issuedAt, input.timeZone);
  const year = Number(issueDate.slice(0, 4));
  const number = formatDocumentNumber('INV', year, await repo.nextDocumentNumber(tx, 'INV', year));
  const lines = invoiceLines(locale, input.quote.lines, input.quote.planNames);
  const sum = (kind: TInvoiceLine['kind']) =>
    lines.filter((l) => l.kind === kind).reduce((total, l) => total + l.amountMinor, 0);
  const taxLine = input.quote.lines.find((l) => l.code === 'tax');
  const taxMinor = taxLine?.amountMinor ?? 0;
  const subtotal = sum('item');
  const discounts = sum('discount');
  const credit = sum('credit');
  if (subtotal + discounts + credit + taxMinor !== input.quote.totalMinor) {
    throw new Error(`quote ${input.quote.number}: its lines do not add up to its total`);
  }
  const settings = await getBillingSettings(tx);
  const tax = await taxRateFor(tx, input.buyer.country);
  const seller: TParty = { ...settings.seller };
  const id = newId('inv');
  await repo.insertInvoice(tx, {
    id,
    number,
    account_id: input.accountId,
    subscription_id: input.subscription.id,
    subscription_label: input.subscription.label,
    quote_id: input.quote.id,
    quote_number: input.quote.number,
    payment_id: input.paymentId,
    locale,
    currency: input.quote.currency,
    description: describePurchase(locale, input.quote),
    lines_json: toJson(lines),
    subtotal_minor: subtotal,
    discount_minor: discounts,
    credit_minor: credit,
    tax_rate_bp: taxLine?.code === 'tax' ? taxLine.rateBasisPoints : 0,
    tax_label: tax.label || defaultTaxLabel(locale),
    tax_minor: taxMinor,
    total_minor: input.quote.totalMinor,
    amount_paid_minor: input.amountPaidMinor,
    seller_json: toJson(seller),
    buyer_json: toJson(input.buyer),
    payment_json: toJson(input.payment),
    service_start: input.servicePeriod.start,
    service_end: input.servicePeriod.end,
    issue_date: issueDate,
    issued_at: input.issuedAt.toISOString(),
  });
  const issued = {
    invoiceId: id,
    number,
    subscriptionId: input.subscription.id,
    quoteId: input.quote.id,
    paymentId: input.paymentId,
    totalMinor: input.quote.totalMinor,
    currency: input.quote.currency,
    issueDate,
  };
  await recordEvent(tx, {
    type: 'invoice.issued',
    accountId: input.accountId,
    subject: { type: 'invoice', id },
    data: issued,
    at: input.issuedAt,
  });
  return { id, number };
}

/**
 * Issues the credit note of a refund inside the caller's transaction; idempotent per refund (returns null
 * when that refund already has one). Numbered `CN-<year>-<n>`, gapless per year like invoices.
 */
export async function issueCreditNote(
  tx: Tx,
  input: {
    paymentId: string;
    refundId: string;
    amountMinor: number;
    currency: string;
    reason: string | null;
    issuedAt: Date;
    timeZone: string;
  },
): Promise<{ id: string; number: string; invoiceId: string } | null> {
  if (await repo.findCreditNoteByRefund(tx, input.refundId)) return null;
  const invoice = await repo.findInvoiceByPayment(tx, input.paymentId);
  if (!invoice) return null;
  const issueDate = calendarDateIn(input.issuedAt, input.timeZone);
  const year = Number(issueDate.slice(0, 4));
  const number = formatDocumentNumber('CN', year, await repo.nextDocumentNumber(tx, 'CN', year));
  const id = newId('crn');
  await repo.insertCreditNote(tx, {
    id,
    number,
    invoice_id: invoice.id,
    account_id: invoice.account_id,
    refund_id: input.refundId,
    amount_minor: input.amountMinor,
    currency: input.currency,
    reason: input.reason ? refundReasonWords(asDocumentLocale(invoice.locale), input.reason) : null,
    issue_date: issueDate,
    issued_at: input.issuedAt.toISOString(),
  });
  return { id, number, invoiceId: invoice.id };
}

/** The invoice of a payment (its id and number), if one was issued. */
export async function findInvoiceOfPayment(
  db: DbOrTx,
  paymentId: string,
): Promise<{ id: string; number: string } | null> {
  const row = await repo.findInvoiceByPayment(db, paymentId);
  return row ? { id: row.id, number: row.number } : null;
}

/** What each payment of a subscription bought: its service span and the amount paid (for prorated refunds). */
export async function listPaidServiceSpans(
  db: DbOrTx,
  subscriptionId: string,
): Promise<{ paymentId: string; currency: string; paidMinor: number; start: string; end: string }[]> {
  const rows = await repo.listServiceSpansOfSubscription(db, subscriptionId);
  return rows.map((row) => ({
    paymentId: row.payment_id,
    currency: row.currency,
    paidMinor: row.amount_paid_minor,
    start: row.service_start,
    end: row.service_end,
  }));
}

function toCreditNote(row: repo.CreditNoteRow): TCreditNote {
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoice_id,
    issueDate: row.issue_date,
    issuedAt: row.issued_at,
    amount: { amountMinor: row.amount_minor, currency: row.currency },
    reason: row.reason,
    refundId: row.refund_id,
  };
}

function statusOf(totalMinor: number, refundedMinor: number): TInvoiceStatus {
  if (refundedMinor <= 0) return 'paid';
  return refundedMinor >= totalMinor ? 'refunded' : 'partially_refunded';
}

function toSummary(row: repo.InvoiceRow, creditNotes: readonly repo.CreditNoteRow[]): TInvoiceSummary {
  const refunded = creditNotes.reduce((total, note) => total + note.amount_minor, 0);
  return {
    id: row.id,
    number: row.number,
    status: statusOf(row.total_minor, refunded),
    issueDate: row.issue_date,
    issuedAt: row.issued_at,
    description: row.description,
    subscription: { id: row.subscription_id, label: row.subscription_label },
    total: { amountMinor: row.total_minor, currency: row.currency },
    refunded: { amountMinor: refunded, currency: row.currency },
    creditNoteCount: creditNotes.length,
  };
}

function toInvoice(row: repo.InvoiceRow, creditNotes: readonly repo.CreditNoteRow[]): TInvoice {
  const money = (amountMinor: number) => ({ amountMinor, currency: row.currency });
  return {
    ...toSummary(row, creditNotes),
    locale: row.locale,
    seller: fromJson<TParty>(row.seller_json, {
      legalName: '',
      addressLines: [],
      country: '',
      taxId: null,
      email: null,
    }),
    buyer: fromJson<TParty>(row.buyer_json, {
      legalName: '',
      addressLines: [],
      country: '',
      taxId: null,
      email: null,
    }),
    quote: row.quote_id && row.quote_number ? { id: row.quote_id, number: row.quote_number } : null,
    servicePeriod: { start: row.service_start, end: row.service_end },
    lines: fromJson<TInvoiceLine[]>(row.lines_json, []),
    subtotal: money(row.subtotal_minor),
    discounts: money(row.discount_minor),
    credit: money(row.credit_minor),
    tax: { rateBasisPoints: row.tax_rate_bp, label: row.tax_label, amount: money(row.tax_minor) },
    amountPaid: money(row.amount_paid_minor),
    payment: fromJson<TPaymentReference>(row.payment_json, {
      paidAt: row.issued_at,
      method: 'card',
      cardBrand: null,
      cardLast4: null,
      chargeId: null,
      paymentIntentId: '',
    }),
    creditNotes: creditNotes.map(toCreditNote),
  };
}

/** The account's invoices, newest first, each with what was refunded of it. */
export async function listInvoices(deps: AppDeps, accountId: string): Promise<TInvoiceSummary[]> {
  const rows = await repo.listInvoicesOfAccount(deps.db, accountId, INVOICES_LISTED);
  const notes = await repo.listCreditNotesOfInvoices(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toSummary(
      row,
      notes.filter((n) => n.invoice_id === row.id),
    ),
  );
}

/** One of the account's invoices with its credit notes (404 for any other). */
export async function getInvoice(deps: AppDeps, accountId: string, invoiceId: string): Promise<TInvoice> {
  const row = await repo.findInvoiceOfAccount(deps.db, accountId, invoiceId);
  if (!row) throw notFound('Invoice not found');
  return toInvoice(row, await repo.listCreditNotesOfInvoices(deps.db, [row.id]));
}

/** The invoice as a PDF (with its credit notes), in the language it was issued in. */
export async function getInvoicePdf(
  deps: AppDeps,
  accountId: string,
  invoiceId: string,
): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> }> {
  const invoice = await getInvoice(deps, accountId, invoiceId);
  const locale = asDocumentLocale(invoice.locale);
  // The quote's PO number and acceptance are offers' (a provider registered in server/src/hooks.ts).
  const { purchaseOrder, acceptance } = invoice.quote
    ? await deps.hooks.ask(quoteOnInvoice, deps.db, { accountId, quote: invoice.quote, locale })
    : { purchaseOrder: null, acceptance: null };
  const bytes = await renderInvoicePdf(invoice, { purchaseOrder, acceptance });
  return { filename: `${invoice.number}.pdf`, bytes };
}

/** An account's invoices as timeline items (ops workspace, decision 021). */
export async function invoiceTimeline(
  deps: AppDeps,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await repo.listInvoicesOfAccountPage(deps.db, accountId, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.issued_at,
    kind: 'invoice' as const,
    label: 'issued',
    ref: r.number,
    status: null,
    amount: { amountMinor: r.total_minor, currency: r.currency },
    actor: null,
    reason: null,
  }));
}
