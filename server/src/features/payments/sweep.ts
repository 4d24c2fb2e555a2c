// The sweep: finishes what a lost webhook would have finished. It lists the Checkout Sessions completed at
// Stripe in the last days and converges every one whose payment is not yet settled here (the server stopped
// between the payment and the webhook, an endpoint misconfigured, a delivery given up), and reads the final
// state of sessions still open here after their expiry, and refunds money that could not be applied. Safe to run any time, on any number of servers.

import type { AppDeps } from '../../platform/http/context.ts';
import { stripeBudgetFor } from '../../platform/stripe/rate-budget.ts';
import { startDueScheduledTerms } from '../subscriptions/service.ts';
import { syncCheckoutSession } from './converge.ts';
import * as repo from './repo.ts';
import { refundUnappliedPayment } from './unapplied.ts';

const DEFAULT_LOOKBACK_HOURS = 72;
const LAPSED_BATCH = 100;

export type SweepResult = {
  checked: number;
  converged: number;
  failed: number;
  lapsed: number;
  refunded: number;
};

export async function sweepCheckouts(
  deps: AppDeps,
  options: { lookbackHours?: number } = {},
): Promise<SweepResult> {
  const now = deps.clock.now();
  const since = Math.floor(
    (now.getTime() - (options.lookbackHours ?? DEFAULT_LOOKBACK_HOURS) * 3_600_000) / 1000,
  );
  const result: SweepResult = { checked: 0, converged: 0, failed: 0, lapsed: 0, refunded: 0 };
  // The shared Stripe budget: a token for the listing, and one before each session read.
  const budget = stripeBudgetFor(deps);
  await budget.take();
  const sessions = deps.stripe.client.checkout.sessions.list({
    status: 'complete',
    created: { gte: since },
    limit: 100,
  });
  for await (const session of sessions) {
    if (session.mode !== 'payment' || !session.metadata?.quote_id) continue;
    result.checked++;
    if (await repo.isCheckoutSessionSettled(deps.db, session.id)) continue;
    try {
      await budget.take();
      await syncCheckoutSession(deps, session.id);
      result.converged++;
    } catch (error) {
      result.failed++;
      deps.logger.error({ err: error, sessionId: session.id }, 'sweep: could not converge a paid checkout');
    }
  }
  for (const lapsed of await repo.listLapsedOpenCheckoutSessions(deps.db, now.toISOString(), LAPSED_BATCH)) {
    try {
      await budget.take();
      await syncCheckoutSession(deps, lapsed.id);
      result.lapsed++;
    } catch (error) {
      result.failed++;
      deps.logger.warn({ err: error, sessionId: lapsed.id }, 'sweep: could not read a lapsed checkout');
    }
  }
  // Terms paid ahead whose first day has come become the running contract.
  await startDueScheduledTerms(deps);
  // Money not applied whose refund failed (or was never made): tried again.
  for (const unapplied of await repo.listUnappliedPayments(deps.db, LAPSED_BATCH)) {
    if ((await refundUnappliedPayment(deps, unapplied.id)) === 'refunded') result.refunded++;
  }
  if (result.converged || result.failed || result.refunded) deps.logger.info(result, 'checkout sweep');
  return result;
}
