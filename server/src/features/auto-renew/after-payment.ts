// Payments' `quotePaid` hook (registered in server/src/hooks.ts), inside a payment's fulfilment transaction,
// after the subscription's contract changed (renewed, upgraded, seats added; by checkout or by an automatic charge). The running term is new, so
// the automatic renewal of the old one is over and, when auto-renew is on, the new term's renewal is to be
// planned. Planning makes a quote (its own transaction), so here it is only queued as a `planning` renewal due
// today, which the planning job (every few minutes) and the daily run pick up by their due-date index. A
// consent given at checkout is recorded by checkout-consent.ts, like the auto-renew page's.

import type { CalendarDate } from '@portal/shared/dates';
import type { Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import type { QuotePaid } from '../payments/service.ts';
import { enableAutoRenewAfterCheckout } from '../subscriptions/service.ts';
import { parseCheckoutConsent, recordCheckoutConsent } from './checkout-consent.ts';
import { clearLapseIn } from './lapse-state.ts';
import * as repo from './repo.ts';

const CHECKOUT_AUTO_RENEW_CONSENT =
  'Renew automatically next time (the saved card is charged at the end of the term, after notice)';

/**
 * A quote was paid (payments' hook): when the card was saved with "renew automatically next time", auto-renew
 * turns on with the consent captured at checkout; then the old term's renewal closes and the new one's queues.
 */
export async function afterQuotePaid(tx: Tx, deps: AppDeps, event: QuotePaid): Promise<void> {
  if (event.savedPaymentMethodId) {
    // The consent captured when the checkout started (terms shown, amount, who, IP, user agent), as stored.
    const consent = parseCheckoutConsent(event.checkoutConsentJson);
    await enableAutoRenewAfterCheckout(tx, {
      subscriptionId: event.subscriptionId,
      accountId: event.accountId,
      termYears: consent?.termYears ?? event.quoteTermYears ?? 1,
      at: event.paidAt,
      actor: event.actor,
      consent: {
        text: consent?.termsText ?? CHECKOUT_AUTO_RENEW_CONSENT,
        givenAt: consent?.givenAt ?? event.paidAt.toISOString(),
        givenBy: event.actor.label,
      },
    });
    if (consent) {
      await recordCheckoutConsent(tx, deps, {
        subscriptionId: event.subscriptionId,
        quoteId: event.quoteId,
        consent,
        card: event.card,
        paymentMethodId: event.savedPaymentMethodId,
      });
    }
  }
  // Paying is renewing after all: a "let it lapse" decision ends (decision 024).
  await clearLapseIn(tx, {
    subscriptionId: event.subscriptionId,
    accountId: event.accountId,
    actor: event.actor,
    cause: 'paid',
    now: deps.clock.now(),
  });
  // Auto-renew closes the old term's automatic renewal and queues the new term's.
  await afterContractChange(tx, {
    subscriptionId: event.subscriptionId,
    accountId: event.accountId,
    now: deps.clock.now(),
    today: deps.clock.today(),
  });
}

export async function afterContractChange(
  tx: Tx,
  input: {
    subscriptionId: string;
    accountId: string;
    now: Date;
    today: CalendarDate;
  },
): Promise<void> {
  const nowIso = input.now.toISOString();
  const ctx = await repo.findSubscriptionContext(tx, input.subscriptionId);
  if (!ctx) return;
  // The old term's renewal is over (an automatic charge in progress closes its own renewal when it returns).
  for (const open of await repo.listOpenRenewals(tx, ctx.id)) {
    if (open.term_end === ctx.term_end || open.state === 'charging') continue;
    await repo.transitionRenewal(tx, open.id, [open.state], {
      state: 'superseded',
      due_date: null,
      closed_at: nowIso,
      updated_at: nowIso,
    });
    await repo.setScheduledNoticesStatus(tx, {
      subscriptionId: ctx.id,
      termEnd: open.term_end,
      status: 'cancelled',
    });
  }
  if (ctx.auto_renew_enabled !== 1 || ctx.cancelled_at) return;
  if (await repo.findRenewalOfTerm(tx, ctx.id, ctx.term_end)) return;
  await repo.insertRenewal(tx, {
    id: newId('arn'),
    subscription_id: ctx.id,
    account_id: ctx.account_id,
    term_end: ctx.term_end,
    term_years: ctx.auto_renew_term_years ?? 1,
    policy_id: 'default',
    quote_id: null,
    honoured_total_minor: null,
    currency: ctx.currency,
    state: 'planning',
    attempts: 0,
    first_attempt_date: null,
    due_date: input.today,
    deferred_until: null,
    last_error_code: null,
    last_error_message: null,
    last_payment_intent_id: null,
    payment_id: null,
    created_at: nowIso,
    updated_at: nowIso,
    closed_at: null,
  });
}
