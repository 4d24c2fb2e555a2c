// One payable attempt per subscription-term (decision 010). Whatever can take money for a subscription's next
// term — an open Checkout Session or an off-session PaymentIntent — first takes the term's row in
// `payable_attempts`; a UNIQUE partial index lets one row be open per (subscription, term), so two requests can
// never both hold it (no check-then-act). The holder stays open across the Stripe round trips; whoever wants
// the term next retires it first: the session is expired at Stripe and read back (a paid one wins and the
// newcomer is refused). Idempotency keys name exactly one request: a new attempt id, and a digest of the
// parameters, so other parameters always travel under another key.

import type { Insertable } from 'kysely';
import { newId } from '../../platform/db/ids.ts';
import type { PayableAttemptTable } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { type Stripe, StripeErrors } from '../../platform/stripe/client.ts';
import * as attempts from './attempts-repo.ts';
import { syncCheckoutSession } from './converge.ts';
import * as repo from './repo.ts';
import { isDefiniteRefusal, providerError } from './stripe-requests.ts';

/** An `opening` attempt older than this is taken to belong to a process that stopped. */
export const STALE_OPENING_MS = 2 * 60_000;

export type Claim =
  | { kind: 'mine'; attempt: attempts.AttemptRow }
  | { kind: 'held'; holder: attempts.AttemptRow }
  /** The key was used by an attempt that is closed: its request was made and answered. */
  | { kind: 'used'; attempt: attempts.AttemptRow };

/** Takes the subscription-term for `row`, or names the attempt that holds it, in one transaction. */
export async function claimTerm(deps: AppDeps, row: Insertable<PayableAttemptTable>): Promise<Claim> {
  return deps.db.transaction().execute(async (tx): Promise<Claim> => {
    if (await attempts.insertAttemptIfFree(tx, row)) {
      const attempt = await attempts.findAttemptByKey(tx, row.idempotency_key);
      if (!attempt) throw new Error(`attempt ${row.id} was not stored`);
      return { kind: 'mine', attempt };
    }
    const holder = await attempts.findOpenAttempt(tx, row.subscription_id, row.term_end);
    if (holder) return { kind: 'held', holder };
    const used = await attempts.findAttemptByKey(tx, row.idempotency_key);
    if (!used) throw new Error(`attempt ${row.id} could not be stored`);
    return { kind: 'used', attempt: used };
  });
}

export async function closeAttempt(
  deps: AppDeps,
  attemptId: string,
  reason: string,
  values: { checkoutSessionId?: string | null; paymentIntentId?: string | null } = {},
): Promise<void> {
  const nowIso = deps.clock.now().toISOString();
  await attempts.updateOpenAttempt(deps.db, attemptId, {
    state: 'closed',
    close_reason: reason,
    closed_at: nowIso,
    updated_at: nowIso,
    ...(values.checkoutSessionId ? { checkout_session_id: values.checkoutSessionId } : {}),
    ...(values.paymentIntentId ? { payment_intent_id: values.paymentIntentId } : {}),
  });
}

/** Sends an attempt's own request again (same key, same parameters): Stripe answers with the same session. */
export async function replayCheckoutCreate(
  deps: AppDeps,
  attempt: attempts.AttemptRow,
): Promise<Stripe.Checkout.Session> {
  if (!attempt.request_json) throw new Error(`attempt ${attempt.id} has no request to repeat`);
  return deps.stripe.client.checkout.sessions.create(
    JSON.parse(attempt.request_json) as Stripe.Checkout.SessionCreateParams,
    { idempotencyKey: attempt.idempotency_key },
  );
}

/**
 * Makes a checkout attempt unpayable: its session is expired at Stripe and read back. Returns 'paid' when
 * Stripe says it was paid meanwhile (the payment is converged; the attempt closes as paid), else 'retired'.
 * An attempt still `opening` (its process stopped before recording the session) repeats its request to learn
 * the session first.
 */
export async function retireCheckoutAttempt(
  deps: AppDeps,
  attempt: attempts.AttemptRow,
  reason: string,
): Promise<'retired' | 'paid'> {
  let sessionId = attempt.checkout_session_id;
  if (!sessionId && attempt.request_json) {
    try {
      sessionId = (await replayCheckoutCreate(deps, attempt)).id;
    } catch (error) {
      if (!isDefiniteRefusal(error)) throw providerError(error);
    }
  }
  if (sessionId && (await expireSession(deps, sessionId)) === 'complete') {
    await closeAttempt(deps, attempt.id, 'paid', { checkoutSessionId: sessionId });
    return 'paid';
  }
  await closeAttempt(deps, attempt.id, reason, { checkoutSessionId: sessionId });
  return 'retired';
}

/** Expires a session at Stripe (a no-op when no longer open), converges it, and says how it ended. */
async function expireSession(deps: AppDeps, sessionId: string): Promise<string | null> {
  try {
    await deps.stripe.client.checkout.sessions.expire(sessionId);
  } catch (error) {
    if (!(error instanceof StripeErrors.StripeInvalidRequestError)) throw providerError(error);
  }
  try {
    await syncCheckoutSession(deps, sessionId);
    const session = await deps.stripe.client.checkout.sessions.retrieve(sessionId);
    return session.status;
  } catch (error) {
    throw providerError(error);
  }
}

/**
 * Expires every open checkout of the subscription at Stripe (a new quote, auto-renew turned off, the term
 * paid): its attempts, and sessions recorded before attempts existed. Best effort: a failure is logged and
 * the attempt stays open, so it still holds the term and the next claimant retires it.
 */
export async function retireOpenCheckouts(
  deps: AppDeps,
  subscriptionId: string,
  reason: string,
): Promise<number> {
  let retired = 0;
  for (const attempt of await attempts.listOpenAttemptsOfSubscription(deps.db, subscriptionId)) {
    if (attempt.kind !== 'checkout') continue;
    try {
      await retireCheckoutAttempt(deps, attempt, reason);
      retired++;
    } catch (error) {
      deps.logger.warn({ err: error, attemptId: attempt.id }, 'could not expire an open checkout');
    }
  }
  for (const session of await repo.listOpenCheckoutSessionsOfSubscription(deps.db, subscriptionId, '')) {
    try {
      await expireSession(deps, session.id);
      retired++;
    } catch (error) {
      deps.logger.warn({ err: error, sessionId: session.id }, 'could not expire an open checkout');
    }
  }
  return retired;
}

/**
 * Takes the subscription-term for an automatic (off-session) charge named by its ledger key, before the
 * charge is claimed: an open checkout of the term is expired at Stripe first (the customer's "finish the
 * payment" link stops being payable); when that checkout was paid meanwhile, the term is paid and nothing is
 * charged ('paid'). The same key again (a resumed charge) holds the term already.
 */
export async function claimTermForCharge(
  deps: AppDeps,
  input: { subscriptionId: string; accountId: string; termEnd: string; quoteId: string; key: string },
): Promise<'mine' | 'paid' | 'busy'> {
  for (let round = 0; round < 3; round++) {
    const nowIso = deps.clock.now().toISOString();
    const claim = await claimTerm(deps, {
      id: newId('pat'),
      subscription_id: input.subscriptionId,
      account_id: input.accountId,
      term_end: input.termEnd,
      kind: 'off_session',
      quote_id: input.quoteId,
      state: 'open',
      idempotency_key: input.key,
      request_hash: 'ledger',
      request_json: null,
      created_by_user_id: null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    if (claim.kind === 'mine') return 'mine';
    if (claim.kind === 'used') return 'busy';
    const { holder } = claim;
    if (holder.idempotency_key === input.key) return 'mine';
    if (holder.kind === 'off_session') {
      // An earlier attempt of this renewal left open (its outcome is in the ledger): it no longer charges.
      await closeAttempt(deps, holder.id, 'superseded_attempt');
      continue;
    }
    if ((await retireCheckoutAttempt(deps, holder, 'automatic_charge')) === 'paid') return 'paid';
  }
  return 'busy';
}
