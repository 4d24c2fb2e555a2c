// Confirming a PaymentIntent: the test card decides between success, decline (402 card_error with the
// intent in `error.payment_intent`) and 3-D Secure (`requires_action` / off-session `authentication_required`).
import type Stripe from 'stripe';
import { AUTHENTICATION_REQUIRED, type Decline, outcomeFor } from '../cards.ts';
import type { Emu, RequestCtx } from '../context.ts';
import { docUrl, invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import { attachBalanceTransaction, recordCharge } from './charges.ts';
import {
  attachPaymentMethod,
  cardDeclined,
  markReadyForOffSession,
  markUsed,
  resolvePaymentMethod,
  testCardOf,
} from './payment-methods.ts';

export type ConfirmOptions = {
  paymentMethod?: string | undefined;
  offSession?: boolean;
  returnUrl?: string | undefined;
  errorOnRequiresAction?: boolean;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  receiptEmail?: string | null;
};

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

function assertConfirmable(pi: Stripe.PaymentIntent): void {
  if (CONFIRMABLE.includes(pi.status)) return;
  if (pi.status === 'succeeded') {
    throw unexpectedState(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
      'payment_intent_unexpected_state',
    );
  }
  throw unexpectedState(
    `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    'payment_intent_unexpected_state',
  );
}

function assertUsable(emu: Emu, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod): void {
  if (pm.customer !== null && pi.customer === null) {
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to a Customer, but you did not provide a Customer. Provide the Customer ID in the \`customer\` parameter.`,
      { param: 'payment_method' },
    );
  }
  if (pm.customer !== null && pm.customer !== pi.customer) {
    throw invalidRequest(`The provided PaymentMethod ${pm.id} is attached to a different Customer.`, {
      param: 'payment_method',
    });
  }
  if (pm.customer === null && emu.store.meta(pm.id).used) {
    throw invalidRequest(
      'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      { param: 'payment_method' },
    );
  }
}

type Attempt = {
  offSession: boolean;
  authenticated: boolean;
  errorOnRequiresAction: boolean;
  returnUrl?: string | undefined;
};

function succeed(
  emu: Emu,
  req: RequestCtx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  authenticated: boolean,
) {
  let method = pm;
  if (pi.setup_future_usage && typeof pi.customer === 'string') {
    method = attachPaymentMethod(emu, req, pm, pi.customer);
    markReadyForOffSession(emu, method);
  }
  const card = testCardOf(emu, method);
  const charge = recordCharge(emu, req, { paymentIntent: pi, paymentMethod: method, card, authenticated });
  markUsed(emu, method);
  const succeeded: Stripe.PaymentIntent = {
    ...pi,
    status: 'succeeded',
    amount_received: pi.amount,
    last_payment_error: null,
    latest_charge: charge.id,
    next_action: null,
    payment_method: method.id,
  };
  emu.store.update(succeeded);
  emitEvent(emu, req, 'payment_intent.succeeded', succeeded);
  attachBalanceTransaction(emu, req, charge);
  return succeeded;
}

function fail(
  emu: Emu,
  req: RequestCtx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  decline: Decline,
): never {
  const card = testCardOf(emu, pm);
  const charge = recordCharge(emu, req, {
    paymentIntent: pi,
    paymentMethod: pm,
    card,
    authenticated: false,
    decline,
  });
  markUsed(emu, pm);
  const failed: Stripe.PaymentIntent = {
    ...pi,
    status: 'requires_payment_method',
    last_payment_error: {
      type: 'card_error',
      charge: charge.id,
      code: decline.code,
      decline_code: decline.declineCode,
      doc_url: docUrl(decline.code),
      message: decline.message,
      payment_method: pm,
    },
    latest_charge: charge.id,
    next_action: null,
    payment_method: null,
  };
  emu.store.update(failed);
  emitEvent(emu, req, 'payment_intent.payment_failed', failed);
  throw cardDeclined(decline, { charge: charge.id, payment_intent: failed, payment_method: pm });
}

function requireAction(
  emu: Emu,
  req: RequestCtx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  returnUrl?: string,
) {
  const pending: Stripe.PaymentIntent = {
    ...pi,
    status: 'requires_action',
    payment_method: pm.id,
    last_payment_error: null,
    next_action: {
      type: 'redirect_to_url',
      redirect_to_url: { url: `${emu.publicUrl}/3ds/${pi.id}`, return_url: returnUrl ?? null },
    },
  };
  emu.store.update(pending, returnUrl ? { returnUrl } : {});
  emitEvent(emu, req, 'payment_intent.requires_action', pending);
  return pending;
}

function attempt(
  emu: Emu,
  req: RequestCtx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  how: Attempt,
) {
  const outcome = outcomeFor(testCardOf(emu, pm).behaviour, {
    operation: 'charge',
    offSession: how.offSession,
    offSessionReady: emu.store.meta(pm.id).offSessionReady === true,
    authenticated: how.authenticated,
  });
  switch (outcome.result) {
    case 'ok':
      return succeed(emu, req, pi, pm, how.authenticated);
    case 'declined':
      return fail(emu, req, pi, pm, outcome.decline);
    case 'needs_authentication':
      if (how.errorOnRequiresAction) return fail(emu, req, pi, pm, AUTHENTICATION_REQUIRED);
      return requireAction(emu, req, pi, pm, how.returnUrl);
  }
}

/**
 * Confirms a PaymentIntent with its (or the given) PaymentMethod. Throws a 402 card error, after
 * recording the failed charge and intent, when the card is declined.
 */
export function confirmPaymentIntent(
  emu: Emu,
  req: RequestCtx,
  id: string,
  options: ConfirmOptions,
): Stripe.PaymentIntent {
  let pi = emu.store.require('payment_intent', id);
  assertConfirmable(pi);
  const pmId = options.paymentMethod ?? (typeof pi.payment_method === 'string' ? pi.payment_method : null);
  if (!pmId) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
      'payment_intent_unexpected_state',
    );
  }
  const pm = resolvePaymentMethod(emu, req, pmId, 'payment_method');
  assertUsable(emu, pi, pm);
  if (options.setupFutureUsage !== undefined) pi = { ...pi, setup_future_usage: options.setupFutureUsage };
  if (options.receiptEmail !== undefined) pi = { ...pi, receipt_email: options.receiptEmail };
  return attempt(emu, req, pi, pm, {
    offSession: options.offSession ?? false,
    authenticated: false,
    errorOnRequiresAction: options.errorOnRequiresAction ?? false,
    returnUrl: options.returnUrl,
  });
}

/** The cardholder's answer to the 3-D Secure challenge of a `requires_action` PaymentIntent. */
export function authenticatePaymentIntent(
  emu: Emu,
  req: RequestCtx,
  id: string,
  approved: boolean,
): Stripe.PaymentIntent {
  const pi = emu.store.require('payment_intent', id);
  if (pi.status !== 'requires_action' || typeof pi.payment_method !== 'string') {
    throw unexpectedState(
      `PaymentIntent ${pi.id} has status ${pi.status} and does not require authentication.`,
      'payment_intent_unexpected_state',
    );
  }
  const pm = emu.store.require('payment_method', pi.payment_method);
  if (approved)
    return attempt(emu, req, pi, pm, {
      offSession: false,
      authenticated: true,
      errorOnRequiresAction: false,
    });
  const failed: Stripe.PaymentIntent = {
    ...pi,
    status: 'requires_payment_method',
    next_action: null,
    payment_method: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: docUrl('payment_intent_authentication_failure'),
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: pm,
    },
  };
  emu.store.update(failed);
  emitEvent(emu, req, 'payment_intent.payment_failed', failed);
  return failed;
}
