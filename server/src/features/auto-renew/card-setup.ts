// Saving a card for auto-renew: a Stripe Checkout Session in `setup` mode (the hosted page collects the card,
// with 3-D Secure when the bank asks, and a SetupIntent saves it for off-session use). When the customer comes
// back, the session is read afresh from Stripe (never trusted from the address) and its card becomes the
// account's default payment method; the `setup_intent.succeeded` webhook converges to the same state.

import type { TCardSetupResult, TSavedCard } from '@portal/shared/schemas/auto-renew';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Stripe } from '../../platform/stripe/client.ts';
import { findDefaultPaymentMethodId, setDefaultPaymentMethod } from '../accounts/service.ts';
import { ensureStripeCustomer, providerError } from '../payments/service.ts';
import { rememberCard } from './cards.ts';
import { portalLinks } from './emails.ts';
import * as repo from './repo.ts';

const PURPOSE = 'auto_renew_card';

/** Starts the hosted "save a card" page for one of the account's subscriptions; returns its address. */
export async function startCardSetup(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
): Promise<{ url: string }> {
  const ctx = await repo.findSubscriptionContext(deps.db, subscriptionId);
  if (!ctx || ctx.account_id !== actor.accountId) throw notFound('Subscription not found');
  const customerId = await ensureStripeCustomer(deps, actor.accountId);
  const back = portalLinks(deps.config.publicUrl, subscriptionId).manage;
  const metadata = {
    account_id: actor.accountId,
    subscription_id: subscriptionId,
    purpose: PURPOSE,
    started_by: actor.id,
  };
  let session: Stripe.Checkout.Session;
  try {
    session = await deps.stripe.client.checkout.sessions.create({
      mode: 'setup',
      customer: customerId,
      currency: ctx.currency.toLowerCase(),
      success_url: `${back}?card_session={CHECKOUT_SESSION_ID}`,
      cancel_url: back,
      metadata,
      setup_intent_data: { metadata },
    });
  } catch (error) {
    throw providerError(error);
  }
  if (!session.url) throw new AppError('payment_provider_error', 'The payment service gave no page to open.');
  return { url: session.url };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * Reads the setup session back from Stripe and, once it succeeded, makes its card the account's default for
 * automatic charges. Idempotent; 404 for a session of another account.
 */
export async function confirmCardSetup(
  deps: AppDeps,
  actor: CustomerUser,
  sessionId: string,
): Promise<TCardSetupResult> {
  let session: Stripe.Checkout.Session;
  try {
    session = await deps.stripe.client.checkout.sessions.retrieve(sessionId, {
      expand: ['setup_intent', 'setup_intent.payment_method'],
    });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw notFound('No such card setup');
    throw providerError(error);
  }
  if (session.metadata?.account_id !== actor.accountId || session.metadata?.purpose !== PURPOSE) {
    throw notFound('No such card setup');
  }
  if (session.status === 'expired') return { state: 'expired', card: null };
  const intent = typeof session.setup_intent === 'object' ? session.setup_intent : null;
  const paymentMethod = intent && typeof intent.payment_method === 'object' ? intent.payment_method : null;
  if (session.status !== 'complete' || intent?.status !== 'succeeded' || !paymentMethod) {
    return { state: 'open', card: null };
  }
  const card = await saveDefaultCard(deps, {
    accountId: actor.accountId,
    customerId: idOf(session.customer),
    paymentMethod,
    actor: { userId: actor.id, label: actor.email },
    setupIntentId: intent.id,
  });
  return { state: 'saved', card };
}

/**
 * Makes a saved card the account's default payment method (here and on the Stripe customer), remembers its
 * details, audits the change, and brings forward any renewal waiting on a card so the next run tries it.
 */
export async function saveDefaultCard(
  deps: AppDeps,
  input: {
    accountId: string;
    customerId: string | null;
    paymentMethod: Stripe.PaymentMethod;
    actor: { userId: string | null; label: string };
    setupIntentId: string;
  },
): Promise<TSavedCard | null> {
  const now = deps.clock.now();
  const today = deps.clock.today();
  if (input.customerId) {
    try {
      await deps.stripe.client.customers.update(input.customerId, {
        invoice_settings: { default_payment_method: input.paymentMethod.id },
      });
    } catch (error) {
      throw providerError(error);
    }
  }
  return deps.db.transaction().execute(async (tx) => {
    const card = await rememberCard(tx, input.accountId, input.paymentMethod, now);
    const previous = await findDefaultPaymentMethodId(tx, input.accountId);
    // A renewal waiting on a card is tried again today (also when the webhook saved this card first).
    await repo.bringForwardRenewalsAwaitingCard(tx, input.accountId, today, now.toISOString());
    if (previous === input.paymentMethod.id) return card;
    await setDefaultPaymentMethod(tx, input.accountId, input.paymentMethod.id, now.toISOString());
    await recordAudit(tx, {
      actor: input.actor,
      accountId: input.accountId,
      entityType: 'account',
      entityId: input.accountId,
      action: 'account.payment_method_saved',
      before: { paymentMethodId: previous },
      after: {
        paymentMethodId: input.paymentMethod.id,
        setupIntentId: input.setupIntentId,
        card: card ? { brand: card.brand, last4: card.last4 } : null,
      },
      at: now,
    });
    return card;
  });
}
