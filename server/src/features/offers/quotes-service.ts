// Quotes: one offer frozen with a human number, honoured until it expires whatever later happens to prices
// or rules. Creating one supersedes the subscription's older open quotes in the same transaction; asking
// again for the same choice returns the open quote instead, unless today's price is lower.

import type { TPriceLine, TQuote, TQuoteRequest, TQuoteStatus } from '@portal/shared/schemas/offers';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { getAccountBrief } from '../accounts/service.ts';
import { getSubscription, recordSubscriptionEvent } from '../subscriptions/service.ts';
import { quoteIssued } from './hooks.ts';
import { priceChoice } from './price-choice.ts';
import { assertRenewable, loadPricingContext } from './pricing-context.ts';
import * as repo from './quotes-repo.ts';

const QUOTES_PER_SUBSCRIPTION = 20;

export type QuoteRecord = repo.QuoteRow;

export function formatQuoteNumber(year: number, sequence: number): string {
  return `Q-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The status a reader sees: an open quote past its `expires_at` is expired (expiry is never stored as truth). */
export function quoteStatus(row: Pick<QuoteRecord, 'status' | 'expires_at'>, now: Date): TQuoteStatus {
  if (row.status === 'open') return row.expires_at <= now.toISOString() ? 'expired' : 'open';
  if (row.status === 'paid' || row.status === 'superseded') return row.status;
  throw new Error(`unknown quote status ${row.status}`);
}

/** Open and not expired at `now`: the only state in which a quote may be paid. */
export function isQuotePayable(row: Pick<QuoteRecord, 'status' | 'expires_at'>, now: Date): boolean {
  return quoteStatus(row, now) === 'open';
}

export function quoteLines(row: Pick<QuoteRecord, 'lines_json'>): TPriceLine[] {
  return fromJson<TPriceLine[]>(row.lines_json, []);
}

async function toQuote(db: DbOrTx, row: QuoteRecord, now: Date): Promise<TQuote> {
  const money = (amountMinor: number) => ({ amountMinor, currency: row.currency });
  const status = quoteStatus(row, now);
  return {
    id: row.id,
    number: row.number,
    status,
    isPayable: status === 'open',
    offerId: row.offer_id,
    kind: row.kind as TQuote['kind'],
    subscription: { id: row.subscription_id, label: row.subscription_label },
    buyer: {
      accountName: row.account_name,
      requestedBy: row.created_by_name,
      requestedByEmail: row.created_by_email,
    },
    plan: { code: row.plan_code, name: row.plan_name, tierRank: row.plan_tier_rank },
    fromPlan: { code: row.basis_plan_code, name: row.basis_plan_name },
    seats: row.seats,
    previousSeats: row.basis_seats,
    termYears: row.term_years as TQuote['termYears'],
    termStart: row.term_start,
    termEnd: row.term_end,
    currency: row.currency,
    lines: quoteLines(row),
    list: money(row.list_minor),
    savings: money(row.savings_minor),
    credit: money(row.credit_minor),
    tax: money(row.tax_minor),
    total: money(row.total_minor),
    pricePerYear: row.price_per_year_minor === null ? null : money(row.price_per_year_minor),
    contractUnitPrice: money(row.contract_unit_price_minor),
    rulesVersion: row.rules_version,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    supersededAt: row.superseded_at,
    supersededByNumber: row.superseded_by_quote_id
      ? await repo.findQuoteNumber(db, row.superseded_by_quote_id)
      : null,
    paidAt: row.paid_at,
  };
}

/**
 * Freezes the named choice into a quote for one of the actor's account's subscriptions (404 for another's).
 * The choice is priced by the server exactly as the offers list prices it; nothing the client sends is a
 * price. Rule violations are 422 and write nothing. In one transaction: the number (gapless per year), the
 * quote, the supersession of older open quotes, a 'quote.created' history event and an audit event.
 * Asking again for a choice that has an open quote returns that quote (`isNew: false`) unless it would now
 * cost less, so a double click makes one quote and an honoured price is not lost by asking twice.
 */
export async function createQuote(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
  choice: TQuoteRequest,
  /**
   * `expiresAt`: honour the quote longer, e.g. until an automatic renewal's charge (auto-renew).
   * `retentionBp`: a save offer's extra discount on a renewal (the retention feature; never a client).
   */
  options: { expiresAt?: Date; retentionBp?: number } = {},
): Promise<{ quote: TQuote; isNew: boolean }> {
  const account = await getAccountBrief(deps, actor.accountId);
  const created = await deps.db.transaction().execute(async (tx) => {
    const txDeps: AppDeps = { ...deps, db: tx };
    const ctx = await loadPricingContext(txDeps, actor.accountId, subscriptionId);
    assertRenewable(ctx);
    const { offer, priced, plan } = priceChoice(ctx, choice, options.retentionBp ?? 0);
    const now = ctx.now;
    const nowIso = now.toISOString();

    const existing = await repo.findOpenQuoteForOffer(tx, subscriptionId, offer.id, nowIso);
    if (existing && existing.total_minor <= priced.totalMinor) {
      return { quote: await toQuote(tx, existing, now), isNew: false };
    }

    const year = Number(ctx.today.slice(0, 4));
    const number = formatQuoteNumber(year, await repo.nextQuoteNumber(tx, year));
    const id = newId('quo');
    const superseded = await repo.supersedeOpenQuotes(tx, { subscriptionId, byQuoteId: id, nowIso });
    const { subscription } = ctx;
    const row: QuoteRecord = {
      id,
      number,
      account_id: actor.accountId,
      subscription_id: subscriptionId,
      offer_id: offer.id,
      kind: offer.kind,
      status: 'open',
      plan_id: plan.id,
      plan_code: plan.code,
      plan_name: plan.name,
      plan_tier_rank: plan.tierRank,
      seats: offer.seats,
      term_years: offer.termYears,
      term_start: offer.termStart,
      term_end: offer.termEnd,
      currency: subscription.currency,
      lines_json: toJson(priced.lines),
      list_minor: priced.listMinor,
      savings_minor: priced.savingsMinor,
      savings_basis_points: priced.savingsBasisPoints,
      credit_minor: priced.creditMinor,
      tax_minor: priced.taxMinor,
      total_minor: priced.totalMinor,
      price_per_year_minor: priced.pricePerYearMinor,
      contract_unit_price_minor: priced.contractUnitPriceMinor,
      rules_version: ctx.rules.version,
      basis_plan_id: subscription.plan.id,
      basis_plan_code: subscription.plan.code,
      basis_plan_name: subscription.plan.name,
      basis_seats: subscription.seats,
      basis_term_start: subscription.termStart,
      basis_term_end: subscription.termEnd,
      subscription_label: subscription.label,
      account_name: account.name,
      created_by_user_id: actor.id,
      created_by_name: actor.name,
      created_by_email: actor.email,
      created_at: nowIso,
      expires_at: options.expiresAt?.toISOString() ?? offer.validUntil,
      superseded_at: null,
      superseded_by_quote_id: null,
      paid_at: null,
    };
    await repo.insertQuote(tx, row);
    const actorRef = { userId: actor.id, label: actor.email };
    const summary = {
      quoteId: id,
      number,
      offerId: offer.id,
      kind: offer.kind,
      planCode: plan.code,
      seats: offer.seats,
      termYears: offer.termYears,
      total: offer.total,
      expiresAt: row.expires_at,
    };
    const quoteData = { ...summary, subscriptionId, currency: row.currency };
    await recordEvent(tx, {
      type: 'quote.created',
      accountId: actor.accountId,
      subject: { type: 'quote', id },
      data: quoteData,
      at: now,
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId,
      type: 'quote.created',
      at: now,
      actor: actorRef,
      data: { ...summary, supersedes: superseded.map((q) => q.number) },
    });
    await recordAudit(tx, {
      actor: actorRef,
      accountId: actor.accountId,
      entityType: 'quote',
      entityId: id,
      action: 'quote.created',
      after: { ...summary, rulesVersion: ctx.rules.version, lines: priced.lines, supersedes: superseded },
      at: now,
    });
    return { quote: await toQuote(tx, row, now), isNew: true };
  });
  // The older quotes are superseded: their open checkouts are expired at Stripe now (decision 010), not left
  // payable until a newer checkout starts (payments' reaction, registered in server/src/hooks.ts). Best effort;
  // the term's payable attempt still guards the rest.
  if (created.isNew) await deps.hooks.emit(quoteIssued, deps, { subscriptionId });
  return created;
}

/** One of the account's quotes (404 for any other), with its status derived at the clock's now. */
export async function getQuote(deps: AppDeps, accountId: string, quoteId: string): Promise<TQuote> {
  const row = await repo.findQuoteOfAccount(deps.db, accountId, quoteId);
  if (!row) throw notFound('Quote not found');
  return toQuote(deps.db, row, deps.clock.now());
}

/** The quotes of one of the account's subscriptions, newest first (404 for another account's subscription). */
export async function listSubscriptionQuotes(
  deps: AppDeps,
  accountId: string,
  subscriptionId: string,
): Promise<TQuote[]> {
  await getSubscription(deps, accountId, subscriptionId);
  const rows = await repo.listQuotesOfSubscription(
    deps.db,
    accountId,
    subscriptionId,
    QUOTES_PER_SUBSCRIPTION,
  );
  const now = deps.clock.now();
  return Promise.all(rows.map((row) => toQuote(deps.db, row, now)));
}

// ---- for the payment feature (issue 5): checkout charges exactly a quote's total, fulfilment applies it ----

/**
 * The stored quote for checkout or fulfilment, scoped to the account when one is given. Its lines, total,
 * currency, kind, plan, seats and term are what was frozen; `basis_*` is the subscription it was priced
 * against (fulfilment should refuse a quote whose basis no longer matches the subscription).
 */
export async function findQuoteRecord(
  db: DbOrTx,
  quoteId: string,
  accountId?: string,
): Promise<QuoteRecord | undefined> {
  return accountId ? repo.findQuoteOfAccount(db, accountId, quoteId) : repo.findQuote(db, quoteId);
}

/**
 * Marks a quote paid inside the fulfilment transaction; idempotent (false when it was neither open nor
 * superseded). A superseded quote can still be paid: its checkout may have started before the newer quote.
 */
export async function markQuotePaid(tx: DbOrTx, quoteId: string, paidAt: Date): Promise<boolean> {
  return repo.markQuotePaid(tx, quoteId, paidAt.toISOString());
}

/**
 * After a quote is paid the subscription has changed, so its other open quotes are stale: they become
 * superseded by the paid one (inside the fulfilment transaction). Returns their numbers.
 */
export async function supersedeQuotesAfterPayment(
  tx: DbOrTx,
  input: { subscriptionId: string; paidQuoteId: string; at: Date },
): Promise<string[]> {
  const superseded = await repo.supersedeOtherOpenQuotes(tx, {
    subscriptionId: input.subscriptionId,
    byQuoteId: input.paidQuoteId,
    nowIso: input.at.toISOString(),
  });
  return superseded.map((q) => q.number);
}

/**
 * Withdraws a quote so it can no longer be paid (auto-renew turned off: its frozen renewal quote must not stay
 * payable at the old price and discount): it expires now, inside the caller's transaction, audited. A payment
 * that still arrives for it is refunded (fulfilment refuses an expired quote). The caller expires its open
 * checkouts at Stripe after the transaction (payments' `retireOpenCheckouts`).
 */
export async function withdrawQuote(
  tx: DbOrTx,
  input: {
    quoteId: string;
    at: Date;
    actor: { userId: string | null; label: string };
    reason: string;
  },
): Promise<boolean> {
  const quote = await repo.findQuote(tx, input.quoteId);
  if (!quote || !isQuotePayable(quote, input.at)) return false;
  const nowIso = input.at.toISOString();
  await repo.expireQuote(tx, quote.id, nowIso);
  await recordAudit(tx, {
    actor: input.actor,
    accountId: quote.account_id,
    entityType: 'quote',
    entityId: quote.id,
    action: 'quote.withdrawn',
    before: { expiresAt: quote.expires_at },
    after: { expiresAt: nowIso, reason: input.reason },
    at: input.at,
  });
  return true;
}
