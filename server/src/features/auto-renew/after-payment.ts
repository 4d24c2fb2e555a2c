// Called by the payments feature inside a payment's fulfilment transaction, after the subscription's contract
// changed (renewed, upgraded, seats added; by checkout or by an automatic charge). The running term is new, so
// the automatic renewal of the old one is over and, when auto-renew is on, the new term's renewal is to be
// planned. Planning makes a quote (its own transaction), so here it is only queued as a `planning` renewal due
// today, which the planning job (every few minutes) and the daily run pick up by their due-date index. A
// consent given at checkout is recorded by checkout-consent.ts, like the auto-renew page's.

import type { CalendarDate } from '@portal/shared/dates';
import type { Tx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import * as repo from './repo.ts';

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
