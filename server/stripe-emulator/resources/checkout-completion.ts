// Paying a Checkout Session with a card (hosted page form or test helper) and finishing it after
// 3-D Secure: creates/confirms the PaymentIntent or SetupIntent and emits checkout.session.completed.
import type Stripe from 'stripe';
import { cardByNumber, luhnValid, type TestCard } from '../cards.ts';
import type { Emu, RequestCtx } from '../context.ts';
import { StripeApiError, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import { createCustomer } from './customers.ts';
import { authenticatePaymentIntent, confirmPaymentIntent } from './payment-attempts.ts';
import { createPaymentIntent } from './payment-intents.ts';
import { createCardPaymentMethod } from './payment-methods.ts';
import { authenticateSetupIntent, confirmSetupIntent } from './setup-intents.ts';

export type CardForm = {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
  email?: string | undefined;
};
export type CardField = 'number' | 'expiry' | 'cvc' | 'name' | 'email';
export type ValidCard = {
  card: TestCard;
  expMonth: number;
  expYear: number;
  name: string;
  email: string | null;
};

export type CheckoutOutcome =
  | { status: 'complete'; session: Stripe.Checkout.Session; redirectUrl: string | null }
  | { status: 'requires_action'; session: Stripe.Checkout.Session; redirectUrl: string }
  | {
      status: 'declined';
      session: Stripe.Checkout.Session;
      message: string;
      code: string;
      declineCode: string | null;
    };

/** Whether the page must ask for an e-mail address (no customer and none given at creation). */
export function needsEmail(session: Stripe.Checkout.Session): boolean {
  return session.customer === null && session.customer_email === null;
}

/** Checks the hosted form the way Stripe's card element does; returns the first problem. */
export function validateCardForm(
  emu: Emu,
  session: Stripe.Checkout.Session,
  form: CardForm,
): ValidCard | { field: CardField; message: string } {
  const number = form.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) return { field: 'number', message: 'Your card number is incomplete.' };
  if (!luhnValid(number)) return { field: 'number', message: 'Your card number is invalid.' };
  const card = cardByNumber(number);
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(form.expiry);
  const expMonth = Number(expiry?.[1]);
  if (!expiry?.[2] || expMonth < 1 || expMonth > 12) {
    return { field: 'expiry', message: "Your card's expiration date is incomplete." };
  }
  const expYear = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  const today = new Date(emu.now() * 1000);
  if (expYear < today.getUTCFullYear())
    return { field: 'expiry', message: "Your card's expiration year is in the past." };
  if (expYear === today.getUTCFullYear() && expMonth < today.getUTCMonth() + 1) {
    return { field: 'expiry', message: "Your card's expiration date is in the past." };
  }
  const cvcLength = card.brand === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(form.cvc.trim())) {
    return { field: 'cvc', message: "Your card's security code is incomplete." };
  }
  const name = form.name.trim();
  if (!name) return { field: 'name', message: 'Enter the name on your card.' };
  const email = form.email?.trim() || null;
  if (needsEmail(session) && !email?.includes('@'))
    return { field: 'email', message: 'Enter a valid email address.' };
  return { card, expMonth, expYear, name, email };
}

export function successRedirect(session: Stripe.Checkout.Session): string | null {
  return session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null;
}

function assertOpen(session: Stripe.Checkout.Session): void {
  if (session.status !== 'open') {
    throw unexpectedState(
      `This Checkout Session is no longer active (status: ${session.status}).`,
      'checkout_session_unexpected_state',
    );
  }
}

function ensureCustomer(
  emu: Emu,
  req: RequestCtx,
  session: Stripe.Checkout.Session,
  card: ValidCard,
): string | null {
  if (typeof session.customer === 'string') return session.customer;
  const pi =
    typeof session.payment_intent === 'string'
      ? emu.store.get('payment_intent', session.payment_intent)
      : undefined;
  if (typeof pi?.customer === 'string') return pi.customer;
  const savesCard =
    session.mode === 'payment' && emu.store.meta(session.id).paymentIntentData?.setup_future_usage;
  if (session.customer_creation !== 'always' && !savesCard) return null;
  return createCustomer(emu, req, { email: card.email ?? session.customer_email, name: card.name }).id;
}

function ensurePaymentIntent(
  emu: Emu,
  req: RequestCtx,
  session: Stripe.Checkout.Session,
  customer: string | null,
) {
  if (typeof session.payment_intent === 'string')
    return emu.store.require('payment_intent', session.payment_intent);
  const data = emu.store.meta(session.id).paymentIntentData ?? {};
  const pi = createPaymentIntent(emu, req, {
    amount: session.amount_total ?? 0,
    currency: session.currency ?? 'usd',
    customer,
    description: data.description ?? null,
    metadata: data.metadata ?? null,
    setupFutureUsage: data.setup_future_usage ?? null,
    receiptEmail: data.receipt_email ?? null,
    statementDescriptorSuffix: data.statement_descriptor_suffix ?? null,
    session: session.id,
  });
  emu.store.update({ ...session, payment_intent: pi.id });
  return pi;
}

/** Marks the session complete with the payer's details (`checkout.session.completed`). */
function finishSession(
  emu: Emu,
  req: RequestCtx,
  sessionId: string,
  intent: Stripe.PaymentIntent | Stripe.SetupIntent,
) {
  const session = emu.store.require('checkout.session', sessionId);
  const pm =
    typeof intent.payment_method === 'string'
      ? emu.store.get('payment_method', intent.payment_method)
      : undefined;
  const customer = session.customer ?? intent.customer;
  const customerId = typeof customer === 'string' ? customer : (customer?.id ?? null);
  const completed: Stripe.Checkout.Session = {
    ...session,
    status: 'complete',
    payment_status: session.mode === 'payment' ? 'paid' : 'no_payment_required',
    customer: customerId,
    customer_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      business_name: null,
      email: pm?.billing_details.email ?? session.customer_email ?? session.customer_details?.email ?? null,
      individual_name: null,
      name: pm?.billing_details.name ?? null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
    url: null,
  };
  emu.store.update(completed);
  emitEvent(emu, req, 'checkout.session.completed', completed);
  return completed;
}

function outcomeOf(
  emu: Emu,
  req: RequestCtx,
  sessionId: string,
  intent: Stripe.PaymentIntent | Stripe.SetupIntent,
): CheckoutOutcome {
  if (intent.status === 'succeeded') {
    const session = finishSession(emu, req, sessionId, intent);
    return { status: 'complete', session, redirectUrl: successRedirect(session) };
  }
  const session = emu.store.require('checkout.session', sessionId);
  const url = intent.next_action?.redirect_to_url?.url;
  if (intent.status === 'requires_action' && url)
    return { status: 'requires_action', session, redirectUrl: url };
  const error = 'last_payment_error' in intent ? intent.last_payment_error : intent.last_setup_error;
  return {
    status: 'declined',
    session,
    message: error?.message ?? 'Your card was declined.',
    code: error?.code ?? 'card_declined',
    declineCode: error?.decline_code ?? null,
  };
}

function declined(emu: Emu, sessionId: string, error: StripeApiError): CheckoutOutcome {
  return {
    status: 'declined',
    session: emu.store.require('checkout.session', sessionId),
    message: error.body.message,
    code: error.body.code ?? 'card_declined',
    declineCode: error.body.decline_code ?? null,
  };
}

/** Pays (payment mode) or saves the card (setup mode) for an open session. Declines are outcomes, not errors. */
export function payCheckoutSession(
  emu: Emu,
  req: RequestCtx,
  sessionId: string,
  card: ValidCard,
): CheckoutOutcome {
  const session = emu.store.require('checkout.session', sessionId);
  assertOpen(session);
  const knownCustomer =
    typeof session.customer === 'string' ? emu.store.get('customer', session.customer) : undefined;
  // Checkout always collects an e-mail address, prefilled from the session or its customer.
  const email = card.email ?? session.customer_email ?? knownCustomer?.email ?? null;
  const pm = createCardPaymentMethod(emu, card.card, { ...card, email });
  const customer = ensureCustomer(emu, req, session, card);
  const returnUrl = `${emu.publicUrl}/c/pay/${session.id}`;
  try {
    if (session.mode === 'payment') {
      const pi = ensurePaymentIntent(emu, req, session, customer);
      const confirmed = confirmPaymentIntent(emu, req, pi.id, { paymentMethod: pm.id, returnUrl });
      return outcomeOf(emu, req, session.id, confirmed);
    }
    const si = emu.store.require('setup_intent', String(session.setup_intent));
    if (customer && si.customer === null) emu.store.update({ ...si, customer });
    const confirmed = confirmSetupIntent(emu, req, si.id, { paymentMethod: pm.id, returnUrl });
    return outcomeOf(emu, req, session.id, confirmed);
  } catch (error) {
    if (error instanceof StripeApiError && error.status === 402) return declined(emu, session.id, error);
    throw error;
  }
}

export type AuthenticationOutcome = {
  intent: Stripe.PaymentIntent | Stripe.SetupIntent;
  checkout: CheckoutOutcome | null;
  returnUrl: string | null;
};

/** Applies the 3-D Secure answer to a PaymentIntent or SetupIntent and finishes its Checkout Session, if any. */
export function authenticateIntent(
  emu: Emu,
  req: RequestCtx,
  intentId: string,
  approved: boolean,
): AuthenticationOutcome {
  const meta = emu.store.meta(intentId);
  const intent = intentId.startsWith('seti_')
    ? authenticateSetupIntent(emu, req, intentId, approved)
    : authenticatePaymentIntent(emu, req, intentId, approved);
  const checkout = meta.session ? outcomeOf(emu, req, meta.session, intent) : null;
  return { intent, checkout, returnUrl: meta.returnUrl ?? null };
}
