// Planning a term's automatic renewal: the quote it will charge (priced by today's rules through the offers
// feature, and honoured until the end of grace, so a later price rise does not touch it), and the notices the
// customer's jurisdiction asks for, written as rows with a due date. The run then finds them by that date
// alone: its cost grows with what is due, never with the number of subscriptions. Planned when auto-renew is
// turned on or its term changes, after each renewal, and for subscriptions that were on before this existed.

import { addDays, type CalendarDate, daysBetween, startOfDayIn } from '@portal/shared/dates';
import type { Money } from '@portal/shared/money';
import { type NoticePolicy, noticeSchedule, type ScheduledNotice } from '@portal/shared/notice-policy';
import { termYearsOf } from '@portal/shared/pricing';
import type { TQuote, TTermYears } from '@portal/shared/schemas/offers';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { DbOrTx, Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { CHECK_NOW } from '../../platform/db/migrations/0007-notice-obligations.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listUsers } from '../accounts/service.ts';
import {
  assertRenewable,
  createQuote,
  findQuoteRecord,
  isQuotePayable,
  loadPricingContext,
  priceChoice,
} from '../offers/service.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { noticePolicyFor } from './policies.ts';
import { RENEWAL_MOVES } from './renewal-states.ts';
import * as repo from './repo.ts';

export const SYSTEM_ACTOR = { userId: null, label: 'system:auto-renew' } as const;

/** The first day after grace: the day a renewal that never got paid has expired. */
export function graceEndOf(termEnd: CalendarDate, graceDays: number): CalendarDate {
  return addDays(termEnd, graceDays);
}

export function asTermYears(value: number | null | undefined): TTermYears {
  return value === 2 || value === 3 ? value : 1;
}

export type RenewalPreview = {
  amount: Money;
  newTermStart: CalendarDate;
  newTermEnd: CalendarDate;
  pricePerYearMinor: number | null;
};

/**
 * What renewing the running term for `termYears` costs by today's rules: exactly what the quote made from it
 * would say (the same pricing function). Throws 422 when the subscription cannot be renewed.
 */
export async function previewRenewal(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  termYears: TTermYears,
): Promise<RenewalPreview> {
  const pricing = await loadPricingContext(deps, ctx.account_id, ctx.id);
  assertRenewable(pricing);
  const { offer, priced } = priceChoice(pricing, {
    kind: 'renew',
    planCode: ctx.plan_code,
    termYears,
    seats: ctx.seats,
  });
  return {
    amount: offer.total,
    newTermStart: offer.termStart,
    newTermEnd: offer.termEnd,
    pricePerYearMinor: priced.pricePerYearMinor,
  };
}

export function isPriceIncrease(ctx: repo.SubscriptionContext, pricePerYearMinor: number | null): boolean {
  return pricePerYearMinor !== null && pricePerYearMinor > ctx.unit_price_minor * ctx.seats;
}

/** The notices the policy asks for before the charge at `term_end`, from `from` on (earlier ones are past). */
export function plannedNotices(input: {
  ctx: repo.SubscriptionContext;
  policy: NoticePolicy;
  isPriceIncrease: boolean;
  from: CalendarDate;
  /** A notice due on `from` is left out (the consent e-mail of the same day tells it all). */
  isFromExclusive: boolean;
}): ScheduledNotice[] {
  const { ctx } = input;
  return noticeSchedule(
    {
      chargeDate: ctx.term_end,
      termStart: ctx.term_start,
      termYears: termYearsOf(ctx.term_start, ctx.term_end),
      isPriceIncrease: input.isPriceIncrease,
    },
    input.policy,
  ).filter((n) => (input.isFromExclusive ? n.date > input.from : n.date >= input.from));
}

/** Someone on whose behalf the system may freeze a quote: the admin who consented, else any active admin. */
export async function quoteActorFor(
  deps: AppDeps,
  accountId: string,
  preferredUserId: string | null,
): Promise<CustomerUser | null> {
  const admins = (await listUsers(deps, accountId)).filter(
    (u) => u.role === 'customer_admin' && u.status === 'active',
  );
  const admin = admins.find((u) => u.id === preferredUserId) ?? admins[0];
  if (!admin) return null;
  return {
    id: admin.id,
    accountId,
    email: admin.email,
    name: admin.name,
    role: 'customer_admin',
    locale: 'en',
  };
}

/**
 * The quote the renewal will charge, honoured until grace ends. An open renewal's existing quote is kept when
 * it is still payable and priced for the same term, so planning twice makes one quote.
 */
export async function renewalQuote(
  deps: AppDeps,
  input: {
    ctx: repo.SubscriptionContext;
    termYears: TTermYears;
    actor: CustomerUser;
    existingQuoteId: string | null;
  },
): Promise<{
  id: string;
  number: string;
  totalMinor: number;
  currency: string;
  pricePerYearMinor: number | null;
}> {
  const { ctx } = input;
  if (input.existingQuoteId) {
    const existing = await findQuoteRecord(deps.db, input.existingQuoteId, ctx.account_id);
    if (
      existing &&
      isQuotePayable(existing, deps.clock.now()) &&
      existing.kind === 'renew' &&
      existing.term_years === input.termYears &&
      existing.basis_term_end === ctx.term_end &&
      existing.basis_seats === ctx.seats
    ) {
      return {
        id: existing.id,
        number: existing.number,
        totalMinor: existing.total_minor,
        currency: existing.currency,
        pricePerYearMinor: existing.price_per_year_minor,
      };
    }
  }
  const expiresAt = startOfDayIn(graceEndOf(ctx.term_end, deps.config.graceDays), deps.config.timeZone);
  const { quote } = await createQuote(
    deps,
    input.actor,
    ctx.id,
    { kind: 'renew', planCode: ctx.plan_code, termYears: input.termYears, seats: ctx.seats },
    { expiresAt: expiresAt > deps.clock.now() ? expiresAt : undefined },
  );
  return fromQuote(quote);
}

function fromQuote(quote: TQuote) {
  return {
    id: quote.id,
    number: quote.number,
    totalMinor: quote.total.amountMinor,
    currency: quote.currency,
    pricePerYearMinor: quote.pricePerYear?.amountMinor ?? null,
  };
}

export type PlanWrite = {
  ctx: repo.SubscriptionContext;
  termYears: number;
  policy: NoticePolicy;
  quote: { id: string; totalMinor: number; currency: string } | null;
  /** What the customer agreed to pay; the charge never exceeds it without a new notice. */
  honouredTotalMinor: number | null;
  state: 'scheduled' | 'needs_attention';
  error?: { code: string; message: string };
  now: Date;
  today: CalendarDate;
};

/**
 * Writes the plan inside the caller's transaction: the renewal of the running term (created, or reopened and
 * updated) with its notice obligations to be derived at the next run (nothing about notices is planned ahead:
 * decision 009), and any open renewal of another term closed. Refuses (409) while a charge of this term is in
 * progress.
 */
export async function writePlan(tx: Tx, plan: PlanWrite): Promise<string> {
  const { ctx, now, today } = plan;
  const nowIso = now.toISOString();
  const existing = await repo.findRenewalOfTerm(tx, ctx.id, ctx.term_end);
  if (existing?.state === 'charging') {
    throw new AppError(
      'conflict',
      'The renewal payment is being made right now; try again in a few minutes.',
    );
  }
  const isNeedsAttention = plan.state === 'needs_attention';
  const resumesDunning = existing && existing.attempts > 0 && !isNeedsAttention;
  const values = {
    term_years: plan.termYears,
    policy_id: plan.policy.id,
    quote_id: plan.quote?.id ?? null,
    honoured_total_minor: plan.honouredTotalMinor,
    currency: plan.quote?.currency ?? ctx.currency,
    state: isNeedsAttention ? 'needs_attention' : resumesDunning ? 'retrying' : 'scheduled',
    due_date: isNeedsAttention ? null : resumesDunning || ctx.term_end <= today ? today : ctx.term_end,
    deferred_until: null,
    last_error_code: plan.error?.code ?? null,
    last_error_message: plan.error?.message ?? null,
    updated_at: nowIso,
    closed_at: null,
    notice_check_date: isNeedsAttention ? null : CHECK_NOW,
  };
  let renewalId: string;
  if (existing) {
    renewalId = existing.id;
    await repo.updateRenewal(tx, existing.id, values);
  } else {
    renewalId = newId('arn');
    await repo.insertRenewal(tx, {
      id: renewalId,
      subscription_id: ctx.id,
      account_id: ctx.account_id,
      term_end: ctx.term_end,
      attempts: 0,
      first_attempt_date: null,
      last_payment_intent_id: null,
      payment_id: null,
      created_at: nowIso,
      ...values,
    });
  }
  for (const other of await repo.listOpenRenewals(tx, ctx.id)) {
    if (other.id === renewalId) continue;
    await closeRenewal(tx, other.id, 'superseded', now);
    await repo.setScheduledNoticesStatus(tx, {
      subscriptionId: ctx.id,
      termEnd: other.term_end,
      status: 'cancelled',
    });
  }
  return renewalId;
}

/** Closes a renewal (no more actions) unless a charge of it is in progress. */
export async function closeRenewal(
  tx: DbOrTx,
  renewalId: string,
  state: 'cancelled' | 'superseded' | 'expired' | 'succeeded' | 'needs_attention',
  now: Date,
): Promise<boolean> {
  return repo.transitionRenewal(tx, renewalId, RENEWAL_MOVES.close.from, {
    state,
    due_date: null,
    closed_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}

/**
 * Plans (or re-plans) the running term's renewal without a person: for subscriptions switched on before this
 * feature, after a renewal, or after a contract change. The quote is made on behalf of the admin who consented
 * (else any active admin); none at all, or a subscription that cannot be renewed, leaves the renewal needing
 * attention (ops see it). Idempotent.
 */
export async function planRenewalBySystem(
  deps: AppDeps,
  subscriptionId: string,
): Promise<'planned' | 'skipped' | 'needs_attention'> {
  const ctx = await repo.findSubscriptionContext(deps.db, subscriptionId);
  const now = deps.clock.now();
  if (!ctx) return 'skipped';
  if (ctx.cancelled_at || ctx.auto_renew_enabled !== 1) {
    await deps.db.transaction().execute(async (tx) => {
      for (const open of await repo.listOpenRenewals(tx, ctx.id))
        await closeRenewal(tx, open.id, 'cancelled', now);
      await repo.setScheduledNoticesStatus(tx, { subscriptionId: ctx.id, status: 'cancelled' });
    });
    return 'skipped';
  }
  const today = deps.clock.today();
  const termYears = asTermYears(ctx.auto_renew_term_years);
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  const existing = await repo.findRenewalOfTerm(deps.db, ctx.id, ctx.term_end);
  if (existing?.state === 'charging') return 'skipped';
  const consent = await repo.findLatestEnablingConsent(deps.db, ctx.id);
  const actor = await quoteActorFor(deps, ctx.account_id, consent?.user_id ?? null);
  let quote: Awaited<ReturnType<typeof renewalQuote>> | null = null;
  let error: { code: string; message: string } | undefined;
  if (!actor) {
    error = { code: 'no_admin', message: 'The account has no active admin to make the renewal quote for.' };
  } else {
    try {
      quote = await renewalQuote(deps, {
        ctx,
        termYears,
        actor,
        existingQuoteId: existing?.quote_id ?? null,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = { code: 'not_renewable', message: err.message };
    }
  }
  const notices = quote
    ? plannedNotices({
        ctx,
        policy,
        isPriceIncrease: isPriceIncrease(ctx, quote.pricePerYearMinor),
        from: today,
        isFromExclusive: false,
      })
    : [];
  const honoured =
    existing?.honoured_total_minor ??
    (consent && consent.term_years === termYears ? consent.amount_minor : null) ??
    quote?.totalMinor ??
    null;
  await deps.db.transaction().execute(async (tx) => {
    await writePlan(tx, {
      ctx,
      termYears,
      policy,
      quote,
      honouredTotalMinor: honoured,
      state: quote ? 'scheduled' : 'needs_attention',
      ...(error ? { error } : {}),
      now,
      today,
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: quote ? 'auto_renew.planned' : 'auto_renew.needs_attention',
      at: now,
      actor: SYSTEM_ACTOR,
      data: quote
        ? {
            termEnd: ctx.term_end,
            chargeDate: ctx.term_end,
            termYears,
            quoteNumber: quote.number,
            amount: { amountMinor: quote.totalMinor, currency: quote.currency },
            notices: notices.map((n) => ({ kind: n.kind, date: n.date })),
            policyId: policy.id,
          }
        : { termEnd: ctx.term_end, reason: error?.code, message: error?.message },
    });
  });
  return quote ? 'planned' : 'needs_attention';
}

/** Days from `today` to the charge, for the consent notice row. */
export function daysToCharge(ctx: repo.SubscriptionContext, today: CalendarDate): number {
  return Math.max(0, daysBetween(today, ctx.term_end));
}
