// Auto-renew as the customer manages it (DESIGN.md §4): only an admin turns it on, only with a saved card,
// only after agreeing to terms that state the amount, the date, the term, the card and the notice dates (the
// consent is kept word for word); turning it off is one click, possible until the charge starts, from the
// portal or from the signed link in any notice, and is confirmed by e-mail. Every change is audited and on
// the subscription's history, in the transaction that makes it.

import { addDays, type CalendarDate, daysBetween } from '@portal/shared/dates';
import { deriveObligations } from '@portal/shared/notice-obligations';
import type {
  TAutoRenewOption,
  TAutoRenewState,
  TAutoRenewUpdate,
  TConsentRecord,
  TOptOutInfo,
  TRenewalPlan,
  TSavedCard,
  TScheduledNotice,
} from '@portal/shared/schemas/auto-renew';
import { TERM_YEARS, type TTermYears } from '@portal/shared/schemas/offers';
import type { TTimeKey, TTimelineItem } from '@portal/shared/schemas/ops-workspace';
import type { TSubscriptionDetail } from '@portal/shared/schemas/subscriptions';
import { deriveSubscriptionStatus } from '@portal/shared/status';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  renderAutoRenewTurnedOff,
  renderAutoRenewTurnedOn,
} from '../../platform/notifications/templates/auto-renew.ts';
import type { EmailLocale } from '../../platform/notifications/templates/types.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { findRemindersMuted, setAccountRemindersMuted } from '../accounts/service.ts';
import { findQuoteRecord, isQuotePayable, withdrawQuote } from '../offers/service.ts';
import { retireOpenCheckouts } from '../payments/service.ts';
import {
  endContractEarly,
  getSubscription,
  listPaidAheadTerms,
  recordSubscriptionEvent,
  setAutoRenewFlag,
} from '../subscriptions/service.ts';
import { savedCard } from './cards.ts';
import { enqueueToRecipients, optOutUrl, portalLinks, renewalRecipients } from './emails.ts';
import { clearLapseIn } from './lapse-state.ts';
import { verifyOptOutToken } from './links.ts';
import { obligationsOf } from './obligations.ts';
import {
  asTermYears,
  closeRenewal,
  daysToCharge,
  graceEndOf,
  isPriceIncrease,
  plannedNotices,
  previewRenewal,
  renewalQuote,
  writePlan,
} from './planning.ts';
import { noticePolicyFor } from './policies.ts';
import * as repo from './repo.ts';
import { autoRenewTerms } from './terms.ts';

export { standingKeys as standingLapses } from './lapse-repo.ts';
export { lastNoticesSentAt } from './last-notices.ts';
export { RENEWALS_JOB } from './run-context.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null };
type Actor = { userId: string | null; label: string };

/** Consumers in Germany and France renew automatically for a year at most (decision 009). */
export function allowedTermYears(ctx: repo.SubscriptionContext): readonly TTermYears[] {
  const isCapped =
    ctx.account_customer_type === 'consumer' && ['DE', 'FR'].includes(ctx.account_country.toUpperCase());
  return isCapped ? [1] : TERM_YEARS;
}

async function loadOwn(deps: AppDeps, accountId: string, subscriptionId: string) {
  const ctx = await repo.findSubscriptionContext(deps.db, subscriptionId);
  if (!ctx || ctx.account_id !== accountId) throw notFound('Subscription not found');
  return ctx;
}

function statusOf(deps: AppDeps, ctx: repo.SubscriptionContext) {
  return deriveSubscriptionStatus({
    termEnd: ctx.term_end,
    cancelledAt: ctx.cancelled_at,
    today: deps.clock.today(),
    graceDays: deps.config.graceDays,
  }).status;
}

function cannotTurnOnReason(
  status: string,
  renewal: repo.RenewalRow | undefined,
): TAutoRenewState['cannotTurnOnReason'] {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'expired') return 'expired';
  if (status === 'grace') return 'grace';
  if (renewal?.state === 'charging') return 'charge_started';
  return null;
}

/** One option (a term length) as it would be agreed to today: price, dates, notices and the exact terms. */
async function optionFor(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  termYears: TTermYears,
  input: { card: TSavedCard | null; locale: EmailLocale },
): Promise<TAutoRenewOption> {
  const today = deps.clock.today();
  const preview = await previewRenewal(deps, ctx, termYears);
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  // The date and notices this consent would lead to, derived as the run will (its acknowledgement, sent today,
  // counts for the notices whose window today falls in).
  const derived = deriveObligations({
    policy,
    termStart: ctx.term_start,
    termEnd: ctx.term_end,
    graceEnd: graceEndOf(ctx.term_end, deps.config.graceDays),
    charge: {
      amountMinor: preview.amount.amountMinor,
      currency: preview.amount.currency,
      paymentMethodId: ctx.account_payment_method_id,
      termYears,
    },
    isPriceIncrease: isPriceIncrease(ctx, preview.pricePerYearMinor),
    consent: {
      termYears,
      amountMinor: preview.amount.amountMinor,
      currency: preview.amount.currency,
      forTermEnd: ctx.term_end,
    },
    sent: [],
    today,
  });
  const chargeDate = derived.chargeDate ?? ctx.term_end;
  const notices = plannedNotices({
    ctx: { ...ctx, term_end: chargeDate },
    policy,
    isPriceIncrease: isPriceIncrease(ctx, preview.pricePerYearMinor),
    from: today,
    isFromExclusive: true,
  });
  const terms = input.card
    ? autoRenewTerms(input.locale, {
        subscriptionLabel: ctx.label,
        planName: ctx.plan_name,
        seats: ctx.seats,
        termYears,
        amount: preview.amount,
        chargeDate,
        newTermStart: preview.newTermStart,
        newTermEnd: preview.newTermEnd,
        card: input.card,
        noticeDates: notices.map((n) => n.date),
      })
    : null;
  return {
    termYears,
    amount: preview.amount,
    chargeDate,
    newTermStart: preview.newTermStart,
    newTermEnd: preview.newTermEnd,
    notices: notices.map((n) => ({
      kind: n.kind,
      date: n.date,
      daysBefore: n.daysBefore,
      status: 'planned',
      sentAt: null,
    })),
    terms,
  };
}

function toNotice(row: repo.NoticeRow): TScheduledNotice {
  return {
    kind: row.kind === 'consent' ? 'consent' : (row.kind as TScheduledNotice['kind']),
    date: row.due_date,
    daysBefore: row.days_before,
    status: row.status as TScheduledNotice['status'],
    sentAt: row.sent_at,
  };
}

const OPEN_FOR_NOTICES = new Set(['scheduled', 'deferred']);

/** The renewal as the page shows it: the charge and the notices derived now, with those already sent. */
async function toRenewalPlan(
  deps: AppDeps,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
): Promise<TRenewalPlan> {
  const isDerived = OPEN_FOR_NOTICES.has(renewal.state) && renewal.term_end === ctx.term_end;
  const facts = isDerived
    ? await obligationsOf(deps, renewal, ctx, { today: deps.clock.today(), mayCreateQuote: false })
    : null;
  const quote =
    facts?.quote ??
    (renewal.quote_id ? await findQuoteRecord(deps.db, renewal.quote_id, renewal.account_id) : undefined);
  const sent = (await repo.listNoticesOfTerm(deps.db, renewal.subscription_id, renewal.term_end)).filter(
    (n) => n.kind !== 'reminder' && n.status === 'sent',
  );
  const due: TScheduledNotice[] = (facts?.obligations.hold ? [] : (facts?.obligations.required ?? []))
    .filter((r) => r.sendOn !== null)
    .map((r) => ({
      kind: r.kind,
      date: r.sendOn as string,
      daysBefore: daysBetween(r.sendOn as string, facts?.obligations.chargeDate ?? renewal.term_end),
      status: 'planned',
      sentAt: null,
    }));
  const reminderOn = facts?.obligations.annualReminderOn;
  if (reminderOn) {
    const chargeDate = facts?.obligations.chargeDate ?? renewal.term_end;
    due.push({
      kind: 'annual_reminder',
      date: reminderOn,
      daysBefore: daysBetween(reminderOn, chargeDate),
      status: 'planned',
      sentAt: null,
    });
  }
  due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    id: renewal.id,
    state: renewal.state as TRenewalPlan['state'],
    termYears: renewal.term_years,
    chargeDate: facts?.obligations.chargeDate ?? renewal.deferred_until ?? renewal.term_end,
    newTermEnd: quote?.term_end ?? null,
    amount: quote ? { amountMinor: quote.total_minor, currency: quote.currency } : null,
    quote: quote
      ? { id: quote.id, number: quote.number, isPayable: isQuotePayable(quote, deps.clock.now()) }
      : null,
    notices: [...sent.map(toNotice), ...due],
    attempts: renewal.attempts,
    nextAttemptDate:
      renewal.state === 'retrying' || renewal.state === 'requires_action' ? renewal.due_date : null,
    lastError:
      renewal.last_error_code && renewal.last_error_message
        ? { code: renewal.last_error_code, message: renewal.last_error_message }
        : facts?.obligations.hold
          ? { code: `held_${facts.obligations.hold}`, message: facts.obligations.hold.replaceAll('_', ' ') }
          : null,
    deferredUntil: facts?.obligations.isMoved ? facts.obligations.chargeDate : renewal.deferred_until,
  };
}

function toConsent(row: repo.ConsentRow): TConsentRecord {
  return {
    id: row.id,
    action: row.action as TConsentRecord['action'],
    at: row.at,
    by: row.actor_label,
    via: row.via as TConsentRecord['via'],
    termYears: row.term_years,
    amount:
      row.amount_minor !== null && row.currency
        ? { amountMinor: row.amount_minor, currency: row.currency }
        : null,
    termsText: row.terms_text,
  };
}

/** The auto-renew page of one of the account's subscriptions (404 for any other). */
export async function getAutoRenewState(
  deps: AppDeps,
  user: CustomerUser,
  subscriptionId: string,
): Promise<TAutoRenewState> {
  const ctx = await loadOwn(deps, user.accountId, subscriptionId);
  const status = statusOf(deps, ctx);
  const renewal = await repo.findRenewalOfTerm(deps.db, ctx.id, ctx.term_end);
  const card = await savedCard(deps, { id: ctx.account_id, paymentMethodId: ctx.account_payment_method_id });
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  const isEnabled = ctx.auto_renew_enabled === 1;
  let reason = cannotTurnOnReason(status, renewal);
  const options: TAutoRenewOption[] = [];
  if (!reason) {
    try {
      for (const termYears of allowedTermYears(ctx)) {
        options.push(await optionFor(deps, ctx, termYears, { card, locale: asEmailLocale(user.locale) }));
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'rule_violated') throw error;
      reason = 'not_renewable';
      options.length = 0;
    }
  }
  return {
    subscription: {
      id: ctx.id,
      label: ctx.label,
      planName: ctx.plan_name,
      seats: ctx.seats,
      termEnd: ctx.term_end,
      lastDay: addDays(ctx.term_end, -1),
      status,
    },
    enabled: isEnabled,
    termYears: isEnabled ? ctx.auto_renew_term_years : null,
    canTurnOn: reason === null,
    cannotTurnOnReason: reason,
    canTurnOff: isEnabled && renewal?.state !== 'charging',
    card,
    policy: { id: policy.id, label: policy.label },
    options,
    renewal: renewal ? await toRenewalPlan(deps, renewal, ctx) : null,
    consents: (await repo.listConsents(deps.db, ctx.id, 20)).map(toConsent),
    remindersMuted: ctx.account_reminders_muted === 1,
  };
}

/**
 * Turns auto-renew on (a saved card, a renewable subscription and the admin's express consent to the terms
 * shown: their hash must match the terms rebuilt now, else 409), changes its term (a new consent), or turns it
 * off (until the charge starts, else 409). Idempotent for a request that changes nothing.
 */
export async function setAutoRenew(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
  input: TAutoRenewUpdate,
  meta: RequestMeta,
): Promise<{ subscription: TSubscriptionDetail; autoRenew: TAutoRenewState }> {
  const ctx = await loadOwn(deps, actor.accountId, subscriptionId);
  if (input.enabled) await turnOn(deps, actor, ctx, input, meta);
  else if (ctx.auto_renew_enabled === 1) {
    await turnOff(deps, ctx, { userId: actor.id, label: actor.email }, { via: 'portal', meta });
  }
  return {
    subscription: await getSubscription(deps, actor.accountId, subscriptionId),
    autoRenew: await getAutoRenewState(deps, actor, subscriptionId),
  };
}

async function turnOn(
  deps: AppDeps,
  actor: CustomerUser,
  ctx: repo.SubscriptionContext,
  input: TAutoRenewUpdate,
  meta: RequestMeta,
): Promise<void> {
  const status = statusOf(deps, ctx);
  const termYears = asTermYears(input.termYears ?? ctx.auto_renew_term_years);
  const isEnabled = ctx.auto_renew_enabled === 1;
  if (isEnabled && ctx.auto_renew_term_years === termYears) {
    // The same terms agreed again change nothing; other terms (a renewal held for a new amount, which the
    // customer is asked to review and agree to) are a new consent (found by the property test: the page's
    // "agree" did nothing, so a held renewal could never resume).
    const standing = await repo.findLatestEnablingConsent(deps.db, ctx.id);
    if (!input.consent || standing?.terms_hash === input.consent.termsHash) return;
  }
  const existing = await repo.findRenewalOfTerm(deps.db, ctx.id, ctx.term_end);
  assertCanTurnOn(ctx, { reason: cannotTurnOnReason(status, existing), termYears, input });
  const locale = asEmailLocale(actor.locale);
  const { card, option } = await termsAgreedTo(deps, ctx, { termYears, locale, input });
  const quote = await renewalQuote(deps, {
    ctx,
    termYears,
    actor,
    existingQuoteId: existing?.quote_id ?? null,
  });
  const now = deps.clock.now();
  const today = deps.clock.today();
  const policy = await noticePolicyFor(deps.db, { country: ctx.account_country, region: ctx.account_region });
  const honoured = Math.min(quote.totalMinor, option.amount.amountMinor);
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  await deps.db.transaction().execute(async (tx) => {
    // Turning it on with a new consent is renewing after all: a "let it lapse" decision ends (decision 024).
    await clearLapseIn(tx, {
      subscriptionId: ctx.id,
      accountId: ctx.account_id,
      actor: { userId: actor.id, label: actor.email },
      cause: 'auto_renew_on',
      now,
    });
    await recordTurnOn(tx, deps, {
      ctx,
      actor,
      meta,
      termYears,
      isEnabled,
      locale,
      card,
      option,
      quote,
      policy,
      honoured,
      recipients,
      now,
      today,
    });
  });
}

/** Refuses turning on what cannot renew automatically, or without a card or the consent (409 or 422). */
function assertCanTurnOn(
  ctx: repo.SubscriptionContext,
  check: { reason: ReturnType<typeof cannotTurnOnReason>; termYears: TTermYears; input: TAutoRenewUpdate },
): void {
  const { reason, termYears, input } = check;
  if (reason === 'charge_started') {
    throw new AppError(
      'conflict',
      'The renewal payment is being made right now; try again in a few minutes.',
    );
  }
  if (reason) {
    throw new AppError(
      'rule_violated',
      'A cancelled, expired or lapsed subscription cannot renew automatically.',
      {
        fields: { status: reason },
      },
    );
  }
  if (!allowedTermYears(ctx).includes(termYears)) {
    throw new AppError('rule_violated', 'Consumers here can renew automatically for one year at most.', {
      fields: { termYears: 'at most 1 year' },
    });
  }
  if (!ctx.account_payment_method_id) {
    throw new AppError('rule_violated', 'Save a payment method before turning on auto-renew.', {
      fields: { paymentMethod: 'no saved payment method' },
    });
  }
  if (!input.consent) {
    throw new AppError('rule_violated', 'Read and accept the auto-renewal terms to turn it on.', {
      fields: { consent: 'required' },
    });
  }
}

/** The saved card and today's option, whose terms must be the very ones the admin read (else 409). */
async function termsAgreedTo(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  agreed: { termYears: TTermYears; locale: EmailLocale; input: TAutoRenewUpdate },
) {
  const { termYears, locale, input } = agreed;
  const card = await savedCard(deps, { id: ctx.account_id, paymentMethodId: ctx.account_payment_method_id });
  if (!card) {
    throw new AppError('rule_violated', 'The saved card cannot be used; save a card again.', {
      fields: { paymentMethod: 'unreadable' },
    });
  }
  const option = await optionFor(deps, ctx, termYears, { card, locale });
  if (!option.terms || option.terms.hash !== input.consent?.termsHash) {
    throw new AppError('conflict', 'The terms have changed since you read them. Please read them again.', {
      fields: { consent: 'changed' },
    });
  }
  return { card, option };
}

/** Auto-renew on: the flag, the scheduled renewal, the consent and its confirmation notice, history, audit. */
async function recordTurnOn(
  tx: Tx,
  deps: AppDeps,
  input: {
    ctx: repo.SubscriptionContext;
    actor: CustomerUser;
    meta: RequestMeta;
    termYears: TTermYears;
    isEnabled: boolean;
    locale: EmailLocale;
    card: TSavedCard;
    option: Awaited<ReturnType<typeof optionFor>>;
    quote: Awaited<ReturnType<typeof renewalQuote>>;
    policy: Awaited<ReturnType<typeof noticePolicyFor>>;
    honoured: number;
    recipients: readonly string[];
    now: Date;
    today: CalendarDate;
  },
): Promise<void> {
  const {
    ctx,
    actor,
    meta,
    termYears,
    isEnabled,
    locale,
    card,
    option,
    quote,
    policy,
    honoured,
    recipients,
  } = input;
  const { now, today } = input;
  const notices = option.notices;
  const actorRef = { userId: actor.id, label: actor.email };
  const consentId = newId('cns');
  const action = isEnabled ? 'term_changed' : 'enabled';
  await setAutoRenewFlag(tx, ctx.id, {
    enabled: true,
    termYears,
    nowIso: now.toISOString(),
  });
  const renewalId = await writePlan(tx, {
    ctx,
    termYears,
    policy,
    quote,
    honouredTotalMinor: honoured,
    state: 'scheduled',
    now,
    today,
  });
  await recordConsent(tx, deps, {
    consentId,
    ctx,
    via: 'portal',
    action,
    actor: { userId: actor.id, label: actor.email, name: actor.name },
    termYears,
    amount: { amountMinor: honoured, currency: quote.currency },
    quoteId: quote.id,
    terms: option.terms,
    locale,
    paymentMethodId: ctx.account_payment_method_id,
    meta,
    card,
    chargeDate: option.chargeDate,
    newTermStart: option.newTermStart,
    newTermEnd: option.newTermEnd,
    noticeDates: notices.map((n) => n.date),
    recipients,
  });
  // The confirmation of the consent states everything a notice does: it counts as one inside its window.
  await repo.insertNotice(tx, {
    id: newId('ntc'),
    subscription_id: ctx.id,
    account_id: ctx.account_id,
    renewal_id: renewalId,
    term_end: ctx.term_end,
    kind: 'consent',
    days_before: daysToCharge(ctx, today),
    due_date: today,
    lead_days: 0,
    policy_id: policy.id,
    is_required: 1,
    status: 'sent',
    amount_minor: honoured,
    currency: quote.currency,
    recipients: recipients.length,
    sent_at: now.toISOString(),
    created_at: now.toISOString(),
    notice_key: `auto_renew_on:${consentId}`,
    stated_charge_date: option.chargeDate,
    stated_term_years: termYears,
    stated_payment_method_id: ctx.account_payment_method_id,
  });
  const summary = {
    termYears,
    quoteNumber: quote.number,
    amount: { amountMinor: honoured, currency: quote.currency },
    chargeDate: option.chargeDate,
    card: { brand: card.brand, last4: card.last4 },
    notices: notices.map((n) => ({ kind: n.kind, date: n.date })),
    policyId: policy.id,
    consentId,
  };
  if (!isEnabled) {
    const data = { subscriptionId: ctx.id, termYears, chargeDate: option.chargeDate, via: 'portal' };
    await recordEvent(tx, {
      type: 'auto_renew.enabled',
      accountId: ctx.account_id,
      subject: { type: 'subscription', id: ctx.id },
      data,
      at: now,
    });
  }
  await recordSubscriptionEvent(tx, {
    subscriptionId: ctx.id,
    type: isEnabled ? 'auto_renew.term_changed' : 'auto_renew.enabled',
    at: now,
    actor: actorRef,
    data: summary,
  });
  await recordAudit(tx, {
    actor: actorRef,
    accountId: ctx.account_id,
    entityType: 'subscription',
    entityId: ctx.id,
    action: isEnabled ? 'subscription.auto_renew_term_changed' : 'subscription.auto_renew_enabled',
    before: { enabled: isEnabled, termYears: ctx.auto_renew_term_years },
    after: { enabled: true, ...summary, termsText: option.terms?.text, ip: meta.ip },
    at: now,
  });
}

export type ConsentInput = {
  ctx: repo.SubscriptionContext;
  via: 'portal' | 'checkout';
  action: 'enabled' | 'term_changed';
  actor: Actor & { name: string };
  termYears: TTermYears;
  amount: { amountMinor: number; currency: string };
  quoteId: string | null;
  /** The exact words the admin agreed to (the page's terms, or the checkout form's). */
  terms: { text: string; hash: string } | null;
  locale: EmailLocale;
  paymentMethodId: string | null;
  meta: RequestMeta;
  card: TSavedCard | { brand: string; last4: string };
  chargeDate: CalendarDate;
  newTermStart: CalendarDate;
  newTermEnd: CalendarDate;
  consentId?: string;
  /** Derived from the policy of the account's address when not given. */
  noticeDates?: CalendarDate[];
  recipients?: readonly string[];
};

/**
 * Keeps a consent to renew automatically (terms text, amount, currency, who, when, IP, user agent) for the
 * renewal at the end of the subscription's running term, and sends its acknowledgement, with the one-click
 * turn-off link, to the account's admins and billing address. The auto-renew page and a checkout with
 * "renew automatically" ticked both record consent through here. Runs inside the caller's transaction.
 */
export async function recordConsent(tx: Tx, deps: AppDeps, input: ConsentInput): Promise<string> {
  const { ctx } = input;
  const now = deps.clock.now();
  const consentId = input.consentId ?? newId('cns');
  const noticeDates = input.noticeDates ?? (await noticeDatesBefore(tx, deps, ctx, input.chargeDate));
  const recipients =
    input.recipients ??
    (await renewalRecipients(
      { ...deps, db: tx },
      { id: ctx.account_id, billingEmail: ctx.account_billing_email },
    ));
  await repo.insertConsent(tx, {
    id: consentId,
    subscription_id: ctx.id,
    account_id: ctx.account_id,
    action: input.action,
    via: input.via,
    user_id: input.actor.userId,
    actor_label: input.actor.label,
    term_years: input.termYears,
    amount_minor: input.amount.amountMinor,
    currency: input.amount.currency,
    quote_id: input.quoteId,
    terms_text: input.terms?.text ?? null,
    terms_hash: input.terms?.hash ?? null,
    locale: input.locale,
    payment_method_id: input.paymentMethodId,
    ip: input.meta.ip,
    user_agent: input.meta.userAgent,
    at: now.toISOString(),
    term_end: ctx.term_end,
  });
  const emailLocale = asEmailLocale(ctx.account_locale);
  await enqueueToRecipients(tx, deps, {
    recipients,
    accountId: ctx.account_id,
    template: 'auto_renew_on',
    locale: emailLocale,
    dedupePrefix: `auto_renew_on:${consentId}`,
    content: renderAutoRenewTurnedOn(emailLocale, {
      subscriptionLabel: ctx.label,
      planName: ctx.plan_name,
      seats: ctx.seats,
      by: input.actor.name,
      chargeDate: input.chargeDate,
      amount: input.amount,
      termYears: input.termYears,
      newTermStart: input.newTermStart,
      newTermEnd: input.newTermEnd,
      card: input.card,
      noticeDates,
      optOutUrl: await optOutUrl(deps, tx, {
        subscriptionId: ctx.id,
        validThrough: graceEndOf(ctx.term_end, deps.config.graceDays),
      }),
      manageUrl: portalLinks(deps.config.publicUrl, ctx.id).manage,
    }),
  });
  return consentId;
}

/** The notices the policy of the account's address asks for before a charge on `chargeDate`, from tomorrow. */
async function noticeDatesBefore(
  db: Tx,
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  chargeDate: CalendarDate,
): Promise<CalendarDate[]> {
  const policy = await noticePolicyFor(db, { country: ctx.account_country, region: ctx.account_region });
  return plannedNotices({
    ctx: { ...ctx, term_end: chargeDate },
    policy,
    isPriceIncrease: false,
    from: deps.clock.today(),
    isFromExclusive: true,
  }).map((n) => n.date);
}

/**
 * Inside the caller's transaction: the open renewal is closed (refused with 409 once its charge has started),
 * its frozen quote withdrawn, unsent notices cancelled, the flag cleared, and the decision kept as a consent
 * record. Returns that record's id. Open checkouts are the caller's to retire after the transaction.
 */
export async function stopAutoRenewIn(
  tx: Tx,
  ctx: repo.SubscriptionContext,
  actor: Actor,
  input: { via: 'portal' | 'email_link'; meta: RequestMeta; locale: EmailLocale; now: Date },
): Promise<string> {
  const { locale, now } = input;
  const consentId = newId('cns');
  const open = await repo.listOpenRenewals(tx, ctx.id);
  if (open.some((r) => r.state === 'charging')) {
    throw new AppError(
      'conflict',
      'The renewal payment has already started; it can no longer be stopped here.',
    );
  }
  for (const renewal of open) {
    await closeRenewal(tx, renewal.id, 'cancelled', now);
    // Its frozen quote must not stay payable at the old price (decision 010).
    if (renewal.quote_id) {
      await withdrawQuote(tx, { quoteId: renewal.quote_id, at: now, actor, reason: 'auto_renew_off' });
    }
  }
  await repo.setScheduledNoticesStatus(tx, { subscriptionId: ctx.id, status: 'cancelled' });
  await setAutoRenewFlag(tx, ctx.id, {
    enabled: false,
    termYears: null,
    nowIso: now.toISOString(),
  });
  const data = { subscriptionId: ctx.id, via: input.via };
  await recordEvent(tx, {
    type: 'auto_renew.disabled',
    accountId: ctx.account_id,
    subject: { type: 'subscription', id: ctx.id },
    data,
    at: now,
  });
  await repo.insertConsent(tx, {
    id: consentId,
    subscription_id: ctx.id,
    account_id: ctx.account_id,
    action: 'disabled',
    via: input.via,
    user_id: actor.userId,
    actor_label: actor.label,
    term_years: null,
    amount_minor: null,
    currency: null,
    quote_id: null,
    terms_text: null,
    terms_hash: null,
    locale,
    payment_method_id: null,
    ip: input.meta.ip,
    user_agent: input.meta.userAgent,
    at: now.toISOString(),
  });
  return consentId;
}

/**
 * Turns auto-renew off: the open renewal and its unsent notices are cancelled, the decision is kept as a
 * consent record, and a confirmation goes to the account's admins. Refused (409) once the charge has started.
 */
async function turnOff(
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  actor: Actor,
  input: { via: 'portal' | 'email_link'; meta: RequestMeta },
): Promise<void> {
  const now = deps.clock.now();
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  await deps.db
    .transaction()
    .execute((tx: Tx) => turnOffIn(tx, deps, ctx, actor, { ...input, recipients, now }));
  await retireOpenCheckouts(deps, ctx.id, 'auto_renew_off');
}

/**
 * The turn-off inside the caller's transaction (the portal's switch, the e-mail link, letting a renewal
 * lapse): stops it, e-mails the confirmation, records the history event and the audit. Open checkouts are the
 * caller's to retire after the transaction.
 */
export async function turnOffIn(
  tx: Tx,
  deps: AppDeps,
  ctx: repo.SubscriptionContext,
  actor: Actor,
  input: { via: 'portal' | 'email_link'; meta: RequestMeta; recipients: readonly string[]; now: Date },
): Promise<void> {
  const { recipients, now } = input;
  const locale = asEmailLocale(ctx.account_locale);
  const links = portalLinks(deps.config.publicUrl, ctx.id);
  const consentId = await stopAutoRenewIn(tx, ctx, actor, { via: input.via, meta: input.meta, locale, now });
  await enqueueToRecipients(tx, deps, {
    recipients,
    accountId: ctx.account_id,
    template: 'auto_renew_off',
    locale,
    dedupePrefix: `auto_renew_off:${consentId}`,
    content: renderAutoRenewTurnedOff(locale, {
      subscriptionLabel: ctx.label,
      by: actor.label,
      lastDay: addDays(ctx.term_end, -1),
      offersUrl: links.offers,
    }),
  });
  const data = { termYears: ctx.auto_renew_term_years, via: input.via, consentId };
  await recordSubscriptionEvent(tx, {
    subscriptionId: ctx.id,
    type: 'auto_renew.disabled',
    at: now,
    actor,
    data,
  });
  await recordAudit(tx, {
    actor,
    accountId: ctx.account_id,
    entityType: 'subscription',
    entityId: ctx.id,
    action: 'subscription.auto_renew_disabled',
    before: { enabled: true, termYears: ctx.auto_renew_term_years },
    after: { enabled: false, termYears: null, via: input.via, ip: input.meta.ip },
    at: now,
  });
}

/** What the one-click link would turn off, for its confirmation page; 404 for a bad or expired link. */
export async function getOptOut(deps: AppDeps, token: string): Promise<TOptOutInfo> {
  const verified = await verifyOptOutToken(deps.db, token, {
    today: deps.clock.today(),
    now: deps.clock.now(),
    secrets: deps.config.optOutLinkSecrets,
  });
  if (!verified)
    throw notFound('This link is not valid any more. Sign in to the portal to manage auto-renew.');
  const ctx = await repo.findSubscriptionContext(deps.db, verified.subscriptionId);
  if (!ctx) throw notFound('This link is not valid any more.');
  const renewal = await repo.findRenewalOfTerm(deps.db, ctx.id, ctx.term_end);
  const quote = renewal?.quote_id
    ? await findQuoteRecord(deps.db, renewal.quote_id, ctx.account_id)
    : undefined;
  return {
    subscriptionLabel: ctx.label,
    accountName: ctx.account_name,
    termEnd: ctx.term_end,
    amount: quote
      ? { amountMinor: renewal?.honoured_total_minor ?? quote.total_minor, currency: quote.currency }
      : null,
    isEnabled: ctx.auto_renew_enabled === 1,
    isTooLate: renewal?.state === 'charging',
    locale: asEmailLocale(ctx.account_locale),
  };
}

/** Turns auto-renew off from the signed link (no sign-in); idempotent; 409 once the charge has started. */
export async function optOutByLink(deps: AppDeps, token: string, meta: RequestMeta): Promise<TOptOutInfo> {
  const verified = await verifyOptOutToken(deps.db, token, {
    today: deps.clock.today(),
    now: deps.clock.now(),
    secrets: deps.config.optOutLinkSecrets,
  });
  if (!verified)
    throw notFound('This link is not valid any more. Sign in to the portal to manage auto-renew.');
  const ctx = await repo.findSubscriptionContext(deps.db, verified.subscriptionId);
  if (!ctx) throw notFound('This link is not valid any more.');
  if (ctx.auto_renew_enabled === 1) {
    await turnOff(
      deps,
      ctx,
      { userId: null, label: `e-mail link (${ctx.account_name})` },
      { via: 'email_link', meta },
    );
  }
  return getOptOut(deps, token);
}

/** Mutes or unmutes the account's renewal reminders (admins). Notices before a charge are never muted. */
export async function setRemindersMuted(
  deps: AppDeps,
  actor: CustomerUser,
  muted: boolean,
): Promise<boolean> {
  const now = deps.clock.now();
  const before = await findRemindersMuted(deps.db, actor.accountId);
  if (before === muted) return muted;
  await deps.db.transaction().execute(async (tx) => {
    await setAccountRemindersMuted(tx, actor.accountId, muted, now.toISOString());
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'account',
      entityId: actor.accountId,
      action: muted ? 'account.reminders_muted' : 'account.reminders_unmuted',
      before: { remindersMuted: before },
      after: { remindersMuted: muted },
      at: now,
    });
  });
  return muted;
}

/** The renewal notices sent to an account as timeline items (ops workspace, decision 021). */
export async function noticeTimeline(
  deps: AppDeps,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await repo.listSentNoticesOfAccount(deps.db, accountId, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.sent_at ?? '',
    kind: 'notice' as const,
    label: r.kind,
    ref: r.term_end,
    status: r.status,
    amount:
      r.amount_minor !== null && r.currency ? { amountMinor: r.amount_minor, currency: r.currency } : null,
    actor: null,
    reason: null,
  }));
}

/**
 * Ops cancel a contract on the customer's behalf (ops workspace, decision 021): it will not renew — auto-renew
 * stops (its open renewal, frozen quote and unsent notices with it), and service runs to the end of the term
 * already paid (no refund: that is the consumer's own right, decision 017). Audited with the reason ops gave.
 * 409 when already cancelled, when a term is paid ahead (its money would need a refund first), or when a
 * renewal charge has started.
 */
export async function cancelContractByOps(
  deps: AppDeps,
  staff: { id: string; email: string },
  subscriptionId: string,
  input: { reason: string; meta: RequestMeta },
): Promise<void> {
  const now = deps.clock.now();
  const actor = { userId: staff.id, label: staff.email };
  await deps.db.transaction().execute(async (tx: Tx) => {
    const ctx = await repo.findSubscriptionContext(tx, subscriptionId);
    if (!ctx) throw notFound('Subscription not found');
    if (ctx.cancelled_at) throw new AppError('conflict', 'This contract is already cancelled.');
    const paidAhead = await listPaidAheadTerms({ db: tx }, ctx.account_id, ctx.id, deps.clock.today());
    if (paidAhead.length > 0) {
      throw new AppError('conflict', 'A term is paid ahead; refund it before cancelling the contract.');
    }
    if (ctx.auto_renew_enabled === 1) {
      const locale = asEmailLocale(ctx.account_locale);
      await stopAutoRenewIn(tx, ctx, actor, { via: 'portal', meta: input.meta, locale, now });
    }
    await endContractEarly(tx, { subscriptionId: ctx.id, endsOn: ctx.term_end, at: now });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'contract.cancelled',
      at: now,
      actor,
      data: { by: 'ops', lastDay: addDays(ctx.term_end, -1), reason: input.reason },
    });
    await recordAudit(tx, {
      actor,
      accountId: ctx.account_id,
      entityType: 'subscription',
      entityId: ctx.id,
      action: 'subscription.cancelled_by_ops',
      before: { termEnd: ctx.term_end, autoRenew: ctx.auto_renew_enabled === 1, cancelledAt: null },
      after: { termEnd: ctx.term_end, autoRenew: false, cancelledAt: now.toISOString() },
      reason: input.reason,
      at: now,
    });
  });
  await retireOpenCheckouts(deps, subscriptionId, 'contract_cancelled');
}
