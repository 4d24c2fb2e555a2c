// Paying a quote: a Stripe Checkout Session for exactly the quote's total and currency, and the state of that
// checkout as the success page sees it. One open session per quote: a second click or a second tab with the
// same options gets the same session back; other options replace it (the old one is expired at Stripe first,
// so it can no longer be paid). Concurrent requests share one idempotency key per quote and generation, so
// Stripe itself answers both with the one session.

import { addDays } from '@portal/shared/dates';
import type {
  TCheckoutRequest,
  TCheckoutResponse,
  TCheckoutState,
  TCheckoutStatus,
} from '@portal/shared/schemas/payments';
import { recordAudit } from '../audit/service.ts';
import type { CustomerUser } from '../auth/guards.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { findInvoiceOfPayment } from '../invoices/service.ts';
import { asDocumentLocale, describePurchase } from '../invoices/wording.ts';
import { findQuoteRecord, type QuoteRecord, quoteStatus } from '../offers/quotes-service.ts';
import { getSubscription } from '../subscriptions/service.ts';
import { syncCheckoutSession } from './converge.ts';
import { ensureStripeCustomer, providerError } from './customers.ts';
import * as repo from './repo.ts';
import { type Stripe, StripeErrors } from './stripe.ts';

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
 * Expires an open session at Stripe so it cannot be paid any more. When Stripe says it is no longer open it may
 * have just been paid: its state is read and a paid one refuses the new checkout (409).
 */
async function retireSession(deps: AppDeps, session: repo.CheckoutSessionRow): Promise<void> {
  try {
    await deps.stripe.client.checkout.sessions.expire(session.id);
  } catch (error) {
    if (!(error instanceof StripeErrors.StripeInvalidRequestError)) throw providerError(error);
  }
  await syncCheckoutSession(deps, session.id).catch((error: unknown) => {
    throw providerError(error);
  });
  const after = await repo.findCheckoutSession(deps.db, session.id);
  if (after?.status === 'complete') {
    throw new AppError('conflict', 'A payment for this subscription has just been made. Reload to see it.');
  }
  if (after?.status === 'open') {
    await repo.updateCheckoutSession(deps.db, session.id, {
      status: 'expired',
      updated_at: deps.clock.now().toISOString(),
    });
  }
}

/**
 * Starts (or resumes) the checkout of one of the admin's account's quotes (404 for another's). The quote must
 * be open and not expired (409 paid or superseded, 422 expired). Charges exactly the quote's frozen total in
 * its currency; `renewAutomatically` saves the card for off-session use.
 */
export async function startQuoteCheckout(
  deps: AppDeps,
  actor: CustomerUser,
  quoteId: string,
  input: TCheckoutRequest,
): Promise<TCheckoutResponse> {
  const quote = await findQuoteRecord(deps.db, quoteId, actor.accountId);
  if (!quote) throw notFound('Quote not found');
  const now = deps.clock.now();
  assertPayable(quote, now);

  const latest = await repo.findLatestCheckoutSessionOfQuote(deps.db, quote.id);
  if (latest?.status === 'complete') {
    throw new AppError('conflict', 'This quote has just been paid; the payment is being recorded.');
  }
  const isLatestUsable =
    latest?.status === 'open' && Date.parse(latest.expires_at) - now.getTime() > REUSE_MARGIN_MS;
  const wantsRenewal = input.renewAutomatically ? 1 : 0;
  if (latest && isLatestUsable && latest.renew_automatically === wantsRenewal && latest.url) {
    return { url: latest.url, sessionId: latest.id, isReused: true };
  }
  if (latest?.status === 'open') await retireSession(deps, latest);
  for (const other of await repo.listOpenCheckoutSessionsOfSubscription(
    deps.db,
    quote.subscription_id,
    quote.id,
  )) {
    await retireSession(deps, other);
  }

  const generation = (latest?.generation ?? 0) + 1;
  let customerId = await ensureStripeCustomer(deps, actor.accountId);
  const create = () =>
    createSession(deps, { quote, generation, customerId, actor, renew: input.renewAutomatically });
  let session: Stripe.Checkout.Session;
  try {
    session = await create();
  } catch (error) {
    if (!isMissingCustomer(error)) throw providerError(error);
    // The stored customer is not at this Stripe (its data was reset, or the key now names another account).
    customerId = await ensureStripeCustomer(deps, actor.accountId, { replacing: customerId });
    session = await create().catch((retryError: unknown) => {
      throw providerError(retryError);
    });
  }
  const isNew = await deps.db.transaction().execute(async (tx) => {
    const inserted = await repo.insertCheckoutSession(tx, {
      id: session.id,
      quote_id: quote.id,
      account_id: actor.accountId,
      subscription_id: quote.subscription_id,
      generation,
      renew_automatically: wantsRenewal,
      status: session.status ?? 'open',
      payment_status: session.payment_status,
      url: session.url,
      amount_minor: quote.total_minor,
      currency: quote.currency,
      stripe_customer_id: customerId,
      stripe_payment_intent_id: null,
      created_by_user_id: actor.id,
      created_at: now.toISOString(),
      expires_at: new Date(session.expires_at * 1000).toISOString(),
      completed_at: null,
      updated_at: now.toISOString(),
    });
    if (inserted) {
      await recordAudit(tx, {
        actor: { userId: actor.id, label: actor.email },
        accountId: actor.accountId,
        entityType: 'quote',
        entityId: quote.id,
        action: 'quote.checkout_started',
        after: {
          checkoutSessionId: session.id,
          amount: { amountMinor: quote.total_minor, currency: quote.currency },
          renewAutomatically: input.renewAutomatically,
        },
        at: now,
      });
    }
    return inserted;
  });
  if (!session.url) throw providerError(new Error(`checkout session ${session.id} has no url`));
  return { url: session.url, sessionId: session.id, isReused: !isNew };
}

async function createSession(
  deps: AppDeps,
  input: { quote: QuoteRecord; generation: number; customerId: string; actor: CustomerUser; renew: boolean },
): Promise<Stripe.Checkout.Session> {
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
  // The session ends with the quote when the quote ends first: a deterministic value (not "now + x"), so a
  // second request with the same idempotency key sends the same parameters.
  const quoteEndsMs = Date.parse(quote.expires_at);
  const isQuoteEndingFirst = quoteEndsMs - deps.clock.now().getTime() < MAX_SESSION_MS;
  const publicUrl = deps.config.publicUrl;
  return deps.stripe.client.checkout.sessions.create(
    {
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
      // Back on the quote, the page says nothing was charged (14b: confirm before paying).
      cancel_url: `${publicUrl}/quotes/${encodeURIComponent(quote.id)}?checkout=cancelled`,
      ...(isQuoteEndingFirst ? { expires_at: Math.floor(quoteEndsMs / 1000) } : {}),
    },
    { idempotencyKey: `quote-checkout:${quote.id}:${input.generation}` },
  );
}

function isMissingCustomer(error: unknown): boolean {
  return (
    error instanceof StripeErrors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    error.param === 'customer'
  );
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
