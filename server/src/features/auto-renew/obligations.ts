// The facts a renewal's notice obligations are derived from, read fresh each time (decision 009): the quote
// that would be charged now (the renewal's own while it still fits the subscription, else a new one at today's
// price), the saved card, the policy of today's billing address, the consent on record and the notices sent
// with what each stated. `deriveObligations` (shared) turns them into what is due and whether the charge may
// happen; the notice step, the charge gate and the auto-renew page all go through `obligationsOf`.

import { calendarDateIn } from '@portal/shared/dates';
import {
  type ConsentFact,
  deriveObligations,
  type Obligations,
  type RenewalCharge,
  type SentNotice,
} from '@portal/shared/notice-obligations';
import type { NoticeKind, NoticePolicy } from '@portal/shared/notice-policy';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { countDeliveredEmails, countPendingEmails } from '../../platform/notifications/service.ts';
import { findQuoteRecord, isQuotePayable, type QuoteRecord } from '../offers/service.ts';
import { asTermYears, graceEndOf, quoteActorFor, renewalQuote } from './planning.ts';
import { noticePolicyFor } from './policies.ts';
import * as repo from './repo.ts';

export type RenewalFacts = {
  policy: NoticePolicy;
  quote: QuoteRecord | null;
  charge: RenewalCharge | null;
  obligations: Obligations;
  /** Why no quote could be had (not renewable, no admin). */
  quoteError: { code: string; message: string } | null;
};

/** Whether a quote still prices this subscription's renewal as it stands (same term, seats, plan, length). */
export function quoteFits(
  quote: QuoteRecord,
  ctx: repo.SubscriptionContext,
  termYears: number,
  now: Date,
): boolean {
  return (
    isQuotePayable(quote, now) &&
    quote.kind === 'renew' &&
    quote.term_years === termYears &&
    quote.basis_term_end === ctx.term_end &&
    quote.basis_term_start === ctx.term_start &&
    quote.basis_seats === ctx.seats &&
    quote.plan_code === ctx.plan_code &&
    quote.currency.toUpperCase() === ctx.currency.toUpperCase()
  );
}

/**
 * The quote the renewal would charge now: its own while it fits, else (when `mayCreate`) a new one priced by
 * today's rules, kept on the renewal so the charge uses exactly the quote the notices stated.
 */
export async function chargeQuote(
  deps: AppDeps,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
  mayCreate: boolean,
): Promise<{ quote: QuoteRecord | null; error: { code: string; message: string } | null }> {
  const now = deps.clock.now();
  const termYears = asTermYears(renewal.term_years);
  const own = renewal.quote_id ? await findQuoteRecord(deps.db, renewal.quote_id, ctx.account_id) : undefined;
  if (own && quoteFits(own, ctx, termYears, now)) return { quote: own, error: null };
  if (!mayCreate) return { quote: null, error: null };
  const consent = await repo.findLatestEnablingConsent(deps.db, ctx.id);
  const actor = await quoteActorFor(deps, ctx.account_id, consent?.user_id ?? null);
  if (!actor) return { quote: null, error: { code: 'no_admin', message: 'No active admin to quote for.' } };
  try {
    const fresh = await renewalQuote(deps, { ctx, termYears, actor, existingQuoteId: null });
    const record = await findQuoteRecord(deps.db, fresh.id, ctx.account_id);
    if (!record) return { quote: null, error: { code: 'no_quote', message: 'The quote could not be read.' } };
    await repo.updateRenewal(deps.db, renewal.id, { quote_id: record.id, updated_at: now.toISOString() });
    return { quote: record, error: null };
  } catch (error) {
    if (error instanceof AppError)
      return { quote: null, error: { code: 'not_renewable', message: error.message } };
    throw error;
  }
}

/** The consent that stands: the latest decision, if it was to renew automatically. */
export async function standingConsent(deps: AppDeps, subscriptionId: string): Promise<ConsentFact | null> {
  const latest = await repo.findLatestConsent(deps.db, subscriptionId);
  if (!latest || latest.action === 'disabled' || latest.term_years === null) return null;
  return {
    termYears: latest.term_years,
    amountMinor: latest.amount_minor,
    currency: latest.currency,
    forTermEnd: latest.term_end,
  };
}

/** The notices of the term that went out, with what each stated and whether it reached the outbox's end. */
export async function sentNotices(
  deps: AppDeps,
  subscriptionId: string,
  termEnd: string,
): Promise<SentNotice[]> {
  const rows = await repo.listNoticesOfTerm(deps.db, subscriptionId, termEnd);
  const out: SentNotice[] = [];
  for (const row of rows) {
    if (row.status !== 'sent' || !row.sent_at || row.kind === 'reminder') continue;
    if (
      row.amount_minor === null ||
      !row.currency ||
      !row.stated_charge_date ||
      row.stated_term_years === null
    )
      continue;
    // Every kind sent in one e-mail shares that e-mail's delivery (the key before '#').
    const emailKey = row.notice_key.split('#')[0] ?? row.notice_key;
    const isDelivered = (await countDeliveredEmails(deps.db, emailKey)) > 0;
    // A notice none of whose e-mails arrived or can still arrive (all bounced) was never given.
    if (!isDelivered && (await countPendingEmails(deps.db, emailKey)) === 0) continue;
    out.push({
      kind: row.kind as NoticeKind | 'consent' | 'change',
      sentOn: calendarDateIn(new Date(row.sent_at), deps.config.timeZone),
      isDelivered,
      stated: {
        amountMinor: row.amount_minor,
        currency: row.currency,
        paymentMethodId: row.stated_payment_method_id,
        termYears: row.stated_term_years,
        chargeDate: row.stated_charge_date,
      },
    });
  }
  return out;
}

export function isPriceIncrease(ctx: repo.SubscriptionContext, quote: QuoteRecord): boolean {
  return quote.price_per_year_minor !== null && quote.price_per_year_minor > ctx.unit_price_minor * ctx.seats;
}

/** The renewal's obligations as the facts stand on `today`. */
export async function obligationsOf(
  deps: AppDeps,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
  input: { today: string; mayCreateQuote: boolean },
): Promise<RenewalFacts> {
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  const { quote, error } = await chargeQuote(deps, renewal, ctx, input.mayCreateQuote);
  const charge: RenewalCharge | null = quote
    ? {
        amountMinor: quote.total_minor,
        currency: quote.currency,
        paymentMethodId: ctx.account_payment_method_id,
        termYears: quote.term_years ?? renewal.term_years,
      }
    : null;
  const obligations = deriveObligations({
    policy,
    termStart: ctx.term_start,
    termEnd: ctx.term_end,
    graceEnd: graceEndOf(ctx.term_end, deps.config.graceDays),
    charge,
    isPriceIncrease: quote ? isPriceIncrease(ctx, quote) : false,
    consent: ctx.auto_renew_enabled === 1 ? await standingConsent(deps, ctx.id) : null,
    sent: await sentNotices(deps, ctx.id, ctx.term_end),
    today: input.today,
    firstAttemptDate: renewal.first_attempt_date,
  });
  return { policy, quote, charge, obligations, quoteError: error };
}
