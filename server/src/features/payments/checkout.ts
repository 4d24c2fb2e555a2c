// Paying a quote: a Stripe Checkout Session for exactly the quote's total and currency, and the state of that
// checkout as the success page sees it. A session is made under the subscription-term's payable attempt
// (attempts.ts, decision 010), so at most one thing can take money for the term: a second click or a second
// tab with the same request gets the same session back (the same attempt, the same idempotency key); another
// quote or other options retire the open session at Stripe first. Each attempt's key names its own request.

import { addDays } from '@portal/shared/dates';
import type {
  TCheckoutConsentTerms,
  TCheckoutRequest,
  TCheckoutResponse,
  TCheckoutState,
  TCheckoutStatus,
} from '@portal/shared/schemas/payments';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import { newId } from '../../platform/db/ids.ts';
import { asDocumentLocale } from '../../platform/documents/locale.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { type Stripe, StripeErrors } from '../../platform/stripe/client.ts';
import { describePurchase, findInvoiceOfPayment } from '../invoices/service.ts';
import { findQuoteRecord, type QuoteRecord, quoteStatus } from '../offers/service.ts';
import { getSubscription } from '../subscriptions/service.ts';
import {
  claimTerm,
  closeAttempt,
  replayCheckoutCreate,
  retireCheckoutAttempt,
  STALE_OPENING_MS,
} from './attempts.ts';
import { type AttemptRow, updateOpenAttempt } from './attempts-repo.ts';
import { syncCheckoutSession } from './converge.ts';
import { ensureStripeCustomer } from './customers.ts';
import {
  type CheckoutConsent,
  captureCheckoutConsent,
  checkoutConsentTerms,
  type RequestMeta,
} from './hooks.ts';
import * as repo from './repo.ts';
import { isDefiniteRefusal, providerError, requestHash } from './stripe-requests.ts';

const MINUTE_MS = 60_000;
/** Stripe wants a session to live at least 30 minutes and at most 24 hours. */
const MIN_SESSION_MS = 31 * MINUTE_MS;
const MAX_SESSION_MS = 24 * 60 * MINUTE_MS;
/** A session this close to its end is replaced rather than handed out again. */
const REUSE_MARGIN_MS = 10 * MINUTE_MS;

function assertPayable(quote: QuoteRecord, now: Date): void {
  const status = quoteStatus(quote, now);
  switch (status) {
    case 'open':
      if (Date.parse(quote.expires_at) - now.getTime() < MIN_SESSION_MS) {
        throw new AppError(
          'rule_violated',
          'This quote expires in less than half an hour. Get a fresh quote from the offers to pay online.',
        );
      }
      return;
    case 'paid':
      throw new AppError('conflict', 'This quote has already been paid.');
    case 'superseded':
      throw new AppError('conflict', 'A newer quote replaced this one; pay the newer quote instead.');
    case 'expired':
      throw new AppError('rule_violated', 'This quote has expired. Get a fresh quote from the offers.');
    default: {
      const unreachable: never = status;
      throw new Error(`unknown quote status ${String(unreachable)}`);
    }
  }
}

/**
 * Starts (or resumes) the checkout of one of the admin's account's quotes (404 for another's). The quote must
 * be open and not expired (409 paid or superseded, 422 expired). Charges exactly the quote's frozen total in
 * its currency; `renewAutomatically` saves the card for off-session use. The session is made under the
 * subscription-term's payable attempt (decision 010): whatever held the term before is expired at Stripe
 * first, and a term held by an automatic charge, or paid meanwhile, refuses the checkout (409).
 */
export async function startQuoteCheckout(
  deps: AppDeps,
  actor: CustomerUser,
  quoteId: string,
  input: TCheckoutRequest,
  meta: RequestMeta = { ip: null, userAgent: null },
): Promise<TCheckoutResponse> {
  const quote = await findQuoteRecord(deps.db, quoteId, actor.accountId);
  if (!quote) throw notFound('Quote not found');
  assertPayable(quote, deps.clock.now());
  // Ticking "renew automatically" is consent to the terms the form showed: captured now, kept with the session.
  const consent = input.renewAutomatically
    ? await deps.hooks.ask(captureCheckoutConsent, deps, {
        actor,
        quote,
        termsHash: input.consentTermsHash,
        meta,
      })
    : null;
  let customerId = await ensureStripeCustomer(deps, actor.accountId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = deps.clock.now();
    const params = sessionParams(deps, { quote, customerId, actor, renew: input.renewAutomatically });
    const hash = requestHash(params);
    const attemptId = newId('pat');
    const claim = await claimTerm(deps, {
      id: attemptId,
      subscription_id: quote.subscription_id,
      account_id: quote.account_id,
      term_end: quote.basis_term_end,
      kind: 'checkout',
      quote_id: quote.id,
      state: 'opening',
      idempotency_key: `quote-checkout:${quote.id}:${attemptId}:${hash}`,
      request_hash: hash,
      request_json: JSON.stringify(params),
      created_by_user_id: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    let attempt: AttemptRow;
    if (claim.kind === 'used') continue; // cannot happen: every attempt has a new id in its key
    if (claim.kind === 'mine') {
      attempt = claim.attempt;
    } else {
      const { holder } = claim;
      const isSameRequest = holder.kind === 'checkout' && holder.request_hash === hash;
      const reusable = isSameRequest ? await reusableSession(deps, holder, now) : null;
      if (reusable) return reusable;
      if (isSameRequest && holder.state === 'opening') {
        attempt = holder; // another tab is making this very session: ask Stripe for it under the same key
      } else {
        await takeOverTerm(deps, holder, now);
        continue;
      }
    }
    let session: Stripe.Checkout.Session;
    try {
      session = await replayCheckoutCreate(deps, attempt);
    } catch (error) {
      if (isDefiniteRefusal(error)) await closeAttempt(deps, attempt.id, 'create_failed');
      if (!isMissingCustomer(error)) throw providerError(error);
      // The stored customer is not at this Stripe (its data was reset, or the key now names another account).
      customerId = await ensureStripeCustomer(deps, actor.accountId, { replacing: customerId });
      continue;
    }
    return recordSession(deps, { attempt, session, quote, actor, consent });
  }
  throw new AppError(
    'conflict',
    'Another checkout of this subscription is being started. Try again in a moment.',
  );
}

const MAX_ROUNDS = 4;

/** The holder's session, when it is open for long enough to be handed out again. */
async function reusableSession(
  deps: AppDeps,
  holder: AttemptRow,
  now: Date,
): Promise<TCheckoutResponse | null> {
  if (holder.state !== 'open' || !holder.checkout_session_id) return null;
  const row = await repo.findCheckoutSession(deps.db, holder.checkout_session_id);
  const isUsable =
    row?.status === 'open' && row.url && Date.parse(row.expires_at) - now.getTime() > REUSE_MARGIN_MS;
  return isUsable && row?.url ? { url: row.url, sessionId: row.id, isReused: true } : null;
}

/** Frees the term from its holder: a checkout is expired at Stripe; an automatic charge or a payment wins. */
async function takeOverTerm(deps: AppDeps, holder: AttemptRow, now: Date): Promise<void> {
  if (holder.kind !== 'checkout') {
    throw new AppError(
      'conflict',
      'An automatic payment for this subscription is under way. Reload in a minute to see its result.',
    );
  }
  const age = now.getTime() - Date.parse(holder.updated_at);
  if (holder.state === 'opening' && age < STALE_OPENING_MS) {
    throw new AppError(
      'conflict',
      'Another checkout of this subscription is being started. Try again in a moment.',
    );
  }
  if ((await retireCheckoutAttempt(deps, holder, 'replaced')) === 'paid') {
    throw new AppError('conflict', 'A payment for this subscription has just been made. Reload to see it.');
  }
}

/** Records the session Stripe made for the attempt (once, whichever tab gets here first), audited. */
async function recordSession(
  deps: AppDeps,
  input: {
    attempt: AttemptRow;
    session: Stripe.Checkout.Session;
    quote: QuoteRecord;
    actor: CustomerUser;
    consent: CheckoutConsent | null;
  },
): Promise<TCheckoutResponse> {
  const { attempt, session, quote, actor } = input;
  const now = deps.clock.now();
  const isNew = await deps.db.transaction().execute(async (tx) => {
    await updateOpenAttempt(tx, attempt.id, {
      state: 'open',
      checkout_session_id: session.id,
      updated_at: now.toISOString(),
    });
    if (await repo.findCheckoutSession(tx, session.id)) return false;
    const latest = await repo.findLatestCheckoutSessionOfQuote(tx, quote.id);
    await repo.insertCheckoutSession(tx, {
      id: session.id,
      quote_id: quote.id,
      account_id: actor.accountId,
      subscription_id: quote.subscription_id,
      generation: (latest?.generation ?? 0) + 1,
      renew_automatically: input.consent ? 1 : 0,
      consent_json: input.consent ? JSON.stringify(input.consent) : null,
      status: session.status ?? 'open',
      payment_status: session.payment_status,
      url: session.url,
      amount_minor: quote.total_minor,
      currency: quote.currency,
      stripe_customer_id: idOf(session.customer) ?? '',
      stripe_payment_intent_id: null,
      created_by_user_id: actor.id,
      created_at: now.toISOString(),
      expires_at: new Date(session.expires_at * 1000).toISOString(),
      completed_at: null,
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'quote',
      entityId: quote.id,
      action: 'quote.checkout_started',
      after: {
        checkoutSessionId: session.id,
        attemptId: attempt.id,
        amount: { amountMinor: quote.total_minor, currency: quote.currency },
        renewAutomatically: input.consent !== null,
        ...(input.consent
          ? {
              consent: {
                termsHash: input.consent.termsHash,
                ip: input.consent.ip,
                amountMinor: input.consent.amountMinor,
              },
            }
          : {}),
      },
      at: now,
    });
    return true;
  });
  if (!session.url) throw providerError(new Error(`checkout session ${session.id} has no url`));
  return { url: session.url, sessionId: session.id, isReused: !isNew };
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The Checkout Session's parameters: deterministic for a quote, an actor and the options. */
function sessionParams(
  deps: AppDeps,
  input: { quote: QuoteRecord; customerId: string; actor: CustomerUser; renew: boolean },
): Stripe.Checkout.SessionCreateParams {
  const { quote } = input;
  const locale = asDocumentLocale(input.actor.locale);
  const name = `${quote.number} · ${describePurchase(locale, {
    kind: quote.kind as 'renew' | 'upgrade' | 'seats',
    planName: quote.plan_name,
    fromPlanName: quote.basis_plan_name,
    seats: quote.seats,
    previousSeats: quote.basis_seats,
    termYears: quote.term_years,
  })}`;
  const metadata = {
    quote_id: quote.id,
    quote_number: quote.number,
    account_id: quote.account_id,
    subscription_id: quote.subscription_id,
    renew_automatically: input.renew ? 'true' : 'false',
    started_by: input.actor.id,
  };
  // The session ends with the quote when the quote ends first (never later than the quote is honoured).
  const quoteEndsMs = Date.parse(quote.expires_at);
  const isQuoteEndingFirst = quoteEndsMs - deps.clock.now().getTime() < MAX_SESSION_MS;
  const publicUrl = deps.config.publicUrl;
  return {
    mode: 'payment',
    customer: input.customerId,
    client_reference_id: quote.id,
    locale: locale === 'zh-CN' ? 'zh' : 'en',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: quote.currency.toLowerCase(),
          unit_amount: quote.total_minor,
          product_data: { name },
        },
      },
    ],
    metadata,
    payment_intent_data: {
      description: name,
      metadata,
      ...(input.renew ? { setup_future_usage: 'off_session' as const } : {}),
    },
    success_url: `${publicUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    // Back on the quote, the page says nothing was charged (confirm before paying).
    cancel_url: `${publicUrl}/quotes/${encodeURIComponent(quote.id)}?checkout=cancelled`,
    ...(isQuoteEndingFirst ? { expires_at: Math.floor(quoteEndsMs / 1000) } : {}),
  };
}

function isMissingCustomer(error: unknown): boolean {
  return (
    error instanceof StripeErrors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    error.param === 'customer'
  );
}

/** The auto-renew terms the checkout form of one of the account's open quotes shows (404 for another's). */
export async function getCheckoutConsentTerms(
  deps: AppDeps,
  actor: CustomerUser,
  quoteId: string,
): Promise<TCheckoutConsentTerms | null> {
  const quote = await findQuoteRecord(deps.db, quoteId, actor.accountId);
  if (!quote) throw notFound('Quote not found');
  return deps.hooks.ask(checkoutConsentTerms, deps, actor, quote);
}

/**
 * The state of one of the account's checkouts (404 for another's) for the success page. Until the payment is
 * settled it reads the session at Stripe again and converges, so the page does not depend on the webhook.
 */
export async function getCheckoutStatus(
  deps: AppDeps,
  accountId: string,
  sessionId: string,
): Promise<TCheckoutStatus> {
  let session = await repo.findCheckoutSessionOfAccount(deps.db, accountId, sessionId);
  if (!session) throw notFound('Checkout not found');
  let payment = await repo.findPaymentByCheckoutSession(deps.db, session.id);
  const isSettled = payment && payment.fulfilment_status !== 'pending';
  if (!isSettled && session.status !== 'expired') {
    try {
      await syncCheckoutSession(deps, session.id);
    } catch (error) {
      deps.logger.warn({ err: error, sessionId }, 'checkout status: could not read the session at Stripe');
    }
    session = (await repo.findCheckoutSession(deps.db, session.id)) ?? session;
    payment = await repo.findPaymentByCheckoutSession(deps.db, session.id);
  }
  const quote = await findQuoteRecord(deps.db, session.quote_id, accountId);
  if (!quote) throw notFound('Checkout not found');
  const subscription = await getSubscription(deps, accountId, session.subscription_id);
  const invoice = payment ? await findInvoiceOfPayment(deps.db, payment.id) : null;
  return {
    sessionId: session.id,
    state: checkoutState(session, payment),
    quote: { id: quote.id, number: quote.number },
    amount: { amountMinor: session.amount_minor, currency: session.currency },
    subscription: {
      id: subscription.id,
      label: subscription.label,
      termEnd: subscription.termEnd,
      lastDay: addDays(subscription.termEnd, -1),
    },
    invoice,
    paidAt: payment?.paid_at ?? null,
    isAutoRenewEnabled: subscription.autoRenew.enabled,
  };
}

function checkoutState(
  session: repo.CheckoutSessionRow,
  payment: repo.PaymentRow | undefined,
): TCheckoutState {
  if (payment?.fulfilment_status === 'fulfilled') return 'fulfilled';
  if (payment?.fulfilment_status === 'rejected') return 'needs_attention';
  if (payment && (payment.status === 'succeeded' || payment.status === 'processing')) return 'processing';
  if (session.status === 'complete') return 'processing';
  if (session.status === 'expired') return 'expired';
  return 'open';
}
