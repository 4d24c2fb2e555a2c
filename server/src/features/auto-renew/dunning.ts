// The charge step of the run, per renewal found by due date; the states and their moves are the table in
// renewal-states.ts.
//
// The charge waits until the notice obligations derived now allow it (`chargeGate`, decision 009): otherwise
// the notices due are sent, the date moves or the renewal is held, and the customer and ops are told. Each attempt is recorded in the ledger under
// the key it is charged with, in the same transaction that marks the renewal `charging` (which also stops
// "turn off" from racing it); a crash leaves it `charging` with a lease, and the next run resumes it with the
// same idempotency key.

import { addDays, type CalendarDate } from '@portal/shared/dates';
import { dunningAttemptDate } from '@portal/shared/notice-policy';
import { AppError } from '../../platform/http/errors.ts';
import { claimAction, completeAction, releaseAction } from '../../platform/jobs/ledger.ts';
import {
  renderAuthenticationRequired,
  renderOpsAlert,
  renderRenewalExpired,
  renderRenewalPaymentFailed,
} from '../../platform/notifications/templates/auto-renew.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { withinBudget } from '../../platform/stripe/rate-budget.ts';
import { findQuoteRecord, isQuotePayable, type QuoteRecord } from '../offers/service.ts';
import { claimTermForCharge, closeAttemptByKey } from '../payments/service.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { savedCard } from './cards.ts';
import type { ChargeOutcome } from './charge.ts';
import { enqueueToRecipients, portalLinks, renewalRecipients } from './emails.ts';
import {
  asTermYears,
  closeRenewal,
  graceEndOf,
  planRenewalBySystem,
  quoteActorFor,
  renewalQuote,
  SYSTEM_ACTOR,
} from './planning.ts';
import { RENEWAL_MOVES, runStepOf } from './renewal-states.ts';
import * as repo from './repo.ts';
import { bump, isStopping, RENEWALS_JOB, type RunContext } from './run-context.ts';
import { chargeGate, customerHeldEmails } from './run-obligations.ts';

const PAGE = 200;

export function chargeKey(renewal: { subscription_id: string; term_end: string }, attempt: number): string {
  const base = `charge:${renewal.subscription_id}:${renewal.term_end}`;
  return attempt <= 1 ? base : `${base}:${attempt}`;
}

/** Acts on every renewal due by the run's day, a page at a time. */
export async function processDueRenewals(rc: RunContext): Promise<void> {
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    if (isStopping(rc)) return;
    const page = await repo.listDueRenewals(rc.deps.db, { date: rc.forDate, after, limit: PAGE });
    if (page.length === 0) return;
    for (const renewal of page) {
      await rc.yieldNow();
      if (isStopping(rc)) return;
      try {
        await processRenewal(rc, renewal);
      } catch (error) {
        bump(rc, 'errors');
        rc.deps.logger.error({ err: error, renewalId: renewal.id }, 'renewal step failed');
      }
    }
    const last = page[page.length - 1];
    if (!last?.due_date) return;
    after = { dueDate: last.due_date, id: last.id };
  }
}

export async function processRenewal(rc: RunContext, renewal: repo.RenewalRow): Promise<void> {
  const { deps } = rc;
  if (runStepOf(renewal.state) === 'plan') {
    const result = await planRenewalBySystem(deps, renewal.subscription_id);
    bump(rc, result === 'planned' ? 'planned' : `planning_${result}`);
    return;
  }
  const ctx = await repo.findSubscriptionContext(deps.db, renewal.subscription_id);
  const now = deps.clock.now();
  // A charge in progress is always resumed, to learn its outcome; anything else first checks it still applies.
  const isCharging = renewal.state === 'charging';
  if (!ctx || ((ctx.cancelled_at || ctx.auto_renew_enabled !== 1) && !isCharging)) {
    await closeRenewal(deps.db, renewal.id, 'cancelled', now);
    bump(rc, 'renewals_cancelled');
    return;
  }
  if (ctx.term_end !== renewal.term_end && !isCharging) {
    // Renewed some other way (paid by hand, upgraded): this term's automatic renewal is over.
    await closeRenewal(deps.db, renewal.id, 'superseded', now);
    bump(rc, 'renewals_superseded');
    if (ctx.auto_renew_enabled === 1 && !ctx.cancelled_at) await planRenewalBySystem(deps, ctx.id);
    return;
  }
  const graceEnd = graceEndOf(renewal.term_end, deps.config.graceDays);
  if (rc.forDate >= graceEnd && renewal.state !== 'charging') {
    await expire(rc, renewal, ctx);
    return;
  }
  // Failed and held renewals wait for a person or for the end of grace; closed ones are not due.
  if (runStepOf(renewal.state) === 'charge') await attemptCharge(rc, renewal, ctx, graceEnd);
}

async function tellOps(
  rc: RunContext,
  input: { key: string; subject: string; lines: string[] },
): Promise<void> {
  const { deps } = rc;
  await deps.db.transaction().execute(async (tx) => {
    await enqueueToRecipients(tx, deps, {
      recipients: [deps.config.renewals.opsAlertEmail],
      accountId: null,
      template: 'ops_alert',
      locale: 'en',
      content: renderOpsAlert({
        subject: input.subject,
        lines: input.lines,
        url: `${deps.config.publicUrl}/ops/renewals`,
      }),
      dedupePrefix: `alert:${input.key}`,
    });
  });
}

/** The quote to charge: the renewal's own when still payable, else today's price if not above what was agreed. */
async function quoteToCharge(
  rc: RunContext,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
): Promise<QuoteRecord | { error: { code: string; message: string } }> {
  const { deps } = rc;
  const now = deps.clock.now();
  const matches = (q: QuoteRecord) =>
    q.kind === 'renew' &&
    q.basis_term_end === ctx.term_end &&
    q.basis_seats === ctx.seats &&
    q.basis_term_start === ctx.term_start;
  const own = renewal.quote_id ? await findQuoteRecord(deps.db, renewal.quote_id, ctx.account_id) : undefined;
  if (own && isQuotePayable(own, now) && matches(own)) return own;
  const consent = await repo.findLatestEnablingConsent(deps.db, ctx.id);
  const actor = await quoteActorFor(deps, ctx.account_id, consent?.user_id ?? null);
  if (!actor)
    return { error: { code: 'no_admin', message: 'No active admin to make the renewal quote for.' } };
  try {
    const fresh = await renewalQuote(deps, {
      ctx,
      termYears: asTermYears(renewal.term_years),
      actor,
      existingQuoteId: null,
    });
    const record = await findQuoteRecord(deps.db, fresh.id, ctx.account_id);
    if (!record) return { error: { code: 'no_quote', message: 'The renewal quote could not be read.' } };
    if (renewal.honoured_total_minor !== null && record.total_minor > renewal.honoured_total_minor) {
      return {
        error: {
          code: 'price_above_agreed',
          message: `Today's price (${record.total_minor}) is above the amount agreed (${renewal.honoured_total_minor}).`,
        },
      };
    }
    return record;
  } catch (error) {
    if (error instanceof AppError) return { error: { code: 'not_renewable', message: error.message } };
    throw error;
  }
}

async function needsAttention(
  rc: RunContext,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
  error: { code: string; message: string },
): Promise<void> {
  const { deps } = rc;
  const now = deps.clock.now();
  // The customer was told a charge would happen: they hear it will not, and what to do (issue 10 item 4).
  const tellCustomer = await customerHeldEmails(deps, ctx, {
    reason: error.code === 'price_above_agreed' ? 'above_consented_amount' : 'not_priced',
    dedupe: `attention:${ctx.id}:${renewal.term_end}:${error.code}`,
  });
  await deps.db.transaction().execute(async (tx) => {
    await tellCustomer(tx);
    await repo.transitionRenewal(tx, renewal.id, RENEWAL_MOVES.holdForOps.from, {
      state: 'needs_attention',
      due_date: graceEndOf(renewal.term_end, deps.config.graceDays),
      last_error_code: error.code,
      last_error_message: error.message,
      updated_at: now.toISOString(),
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'auto_renew.needs_attention',
      at: now,
      actor: SYSTEM_ACTOR,
      data: { reason: error.code, message: error.message, chargeDate: renewal.term_end },
    });
  });
  await tellOps(rc, {
    key: `attention:${ctx.id}:${renewal.term_end}:${error.code}`,
    subject: `Automatic renewal needs attention: ${ctx.account_name} — ${ctx.label}`,
    lines: [`${ctx.label} (${ctx.account_name}, ${ctx.id}), due ${renewal.term_end}: ${error.message}`],
  });
  bump(rc, 'needs_attention');
}

async function attemptCharge(
  rc: RunContext,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
  graceEnd: CalendarDate,
): Promise<void> {
  const { deps } = rc;
  const isResumingCharge = renewal.state === 'charging';
  let quote: QuoteRecord | null = null;
  if (!isResumingCharge) {
    // Every charge is allowed by the notice obligations derived now (decision 009), for exactly this quote.
    quote = await chargeGate(rc, renewal);
    if (!quote) return;
  }

  const attempt = renewal.attempts + 1;
  const key = chargeKey(renewal, attempt);
  if (renewal.quote_id && isResumingCharge) {
    quote = (await findQuoteRecord(deps.db, renewal.quote_id, ctx.account_id)) ?? null;
  }
  if (!quote) {
    const resolved = await quoteToCharge(rc, renewal, ctx);
    if ('error' in resolved) {
      await needsAttention(rc, renewal, ctx, resolved.error);
      return;
    }
    quote = resolved;
  }

  // One payable attempt per subscription-term (decision 010): an open checkout of the term (the customer's
  // "finish the payment" link) is expired at Stripe before the card is charged; paid meanwhile, nothing is.
  const term = await claimTermForCharge(deps, {
    subscriptionId: ctx.id,
    accountId: ctx.account_id,
    termEnd: renewal.term_end,
    quoteId: quote.id,
    key,
  }).catch((error: unknown) => {
    deps.logger.warn({ err: error, key }, 'could not free the term for the automatic charge');
    return 'busy' as const;
  });
  if (term !== 'mine') {
    bump(rc, term === 'paid' ? 'paid_by_checkout' : 'busy');
    return;
  }

  const now = deps.clock.now();
  const claim = await deps.db
    .transaction()
    .execute(async (tx) => {
      const result = await claimAction(tx, {
        key,
        job: RENEWALS_JOB,
        runId: rc.runId,
        now,
        leaseMs: rc.leaseMs,
      });
      if (result.kind === 'claimed' || result.kind === 'resumed') {
        const isMarked = await repo.transitionRenewal(tx, renewal.id, RENEWAL_MOVES.startCharge.from, {
          state: 'charging',
          quote_id: quote.id,
          first_attempt_date: renewal.first_attempt_date ?? rc.forDate,
          updated_at: now.toISOString(),
        });
        if (!isMarked) throw new ChargeRaceLost();
      }
      return result;
    })
    .catch((error) => {
      if (error instanceof ChargeRaceLost) return { kind: 'busy' as const };
      throw error;
    });
  if (claim.kind === 'done') {
    await closeAttemptByKey(deps.db, {
      key,
      reason: 'done',
      paymentIntentId: null,
      nowIso: now.toISOString(),
    });
  }
  if (claim.kind === 'busy' || claim.kind === 'done') {
    bump(rc, claim.kind === 'busy' ? 'busy' : 'already_done');
    return;
  }
  if (claim.kind === 'resumed') bump(rc, 'resumed');
  await rc.hooks.afterClaim?.(key);

  const customerId = ctx.account_stripe_customer_id;
  const paymentMethodId = ctx.account_payment_method_id;
  let outcome: ChargeOutcome;
  if (!customerId || !paymentMethodId) {
    outcome = {
      kind: 'declined',
      paymentIntentId: null,
      code: 'no_payment_method',
      declineCode: null,
      message: 'There is no saved card to charge.',
    };
  } else {
    const chargedQuote = quote;
    try {
      outcome = await withinBudget(
        rc.budget,
        () =>
          rc.charge({
            customerId,
            paymentMethodId,
            amountMinor: chargedQuote.total_minor,
            currency: chargedQuote.currency,
            idempotencyKey: key,
            metadata: {
              quote_id: chargedQuote.id,
              subscription_id: ctx.id,
              renewal_id: renewal.id,
              charge_key: key,
            },
            isResumed: claim.kind === 'resumed',
            claimedAt: now,
          }),
        {
          ...(rc.sleep ? { sleep: rc.sleep } : {}),
          onRateLimited: () => bump(rc, 'rate_limited_retries'),
        },
      );
    } catch (error) {
      // Nothing is known about the card: leave the claim for the next run, which resumes it with the same key.
      await releaseAction(deps.db, key, {
        reason: error instanceof Error ? error.message : 'charge failed',
        now,
      });
      bump(rc, 'charges_interrupted');
      deps.logger.warn({ err: error, key }, 'automatic charge interrupted; the next run resumes it');
      return;
    }
  }
  await recordOutcome(rc, { renewal, ctx, quote, key, attempt, outcome, graceEnd });
}

class ChargeRaceLost extends Error {}

async function recordOutcome(
  rc: RunContext,
  input: {
    renewal: repo.RenewalRow;
    ctx: repo.SubscriptionContext;
    quote: QuoteRecord;
    key: string;
    attempt: number;
    outcome: ChargeOutcome;
    graceEnd: CalendarDate;
  },
): Promise<void> {
  const { deps } = rc;
  const { renewal, ctx, quote, key, attempt, outcome, graceEnd } = input;
  const now = deps.clock.now();
  const amount = { amountMinor: quote.total_minor, currency: quote.currency };
  const links = portalLinks(deps.config.publicUrl, ctx.id);
  const locale = asEmailLocale(ctx.account_locale);

  if (outcome.kind === 'succeeded') {
    let fulfilled: Awaited<ReturnType<RunContext['fulfil']>>;
    try {
      fulfilled = await rc.fulfil({
        renewal,
        ctx,
        quoteId: quote.id,
        paymentIntent: outcome.paymentIntent,
        paidAt: now,
      });
    } catch (error) {
      // Paid at Stripe, not yet recorded here: the next run resumes the claim, finds the intent and applies it.
      await releaseAction(deps.db, key, { reason: 'fulfilment failed', now });
      bump(rc, 'charges_interrupted');
      deps.logger.error({ err: error, key }, 'automatic charge succeeded but could not be applied yet');
      return;
    }
    const result = await deps.db.transaction().execute(async (tx) => {
      const isApplied = fulfilled.outcome !== 'rejected';
      await repo.updateRenewal(tx, renewal.id, {
        state: isApplied ? 'succeeded' : 'needs_attention',
        attempts: attempt,
        due_date: null,
        closed_at: isApplied ? now.toISOString() : null,
        payment_id: fulfilled.paymentId,
        last_payment_intent_id: outcome.paymentIntent.id,
        last_error_code: isApplied ? null : 'paid_not_applied',
        last_error_message: isApplied ? null : (fulfilled.detail ?? 'The payment could not be applied.'),
        updated_at: now.toISOString(),
      });
      await recordSubscriptionEvent(tx, {
        subscriptionId: ctx.id,
        type: isApplied ? 'auto_renew.charged' : 'auto_renew.needs_attention',
        at: now,
        actor: SYSTEM_ACTOR,
        data: { amount, attempt, quoteNumber: quote.number, paymentIntentId: outcome.paymentIntent.id },
      });
      await closeAttemptByKey(tx, {
        key,
        reason: 'paid',
        paymentIntentId: outcome.paymentIntent.id,
        nowIso: now.toISOString(),
      });
      await completeAction(tx, key, {
        outcome: isApplied ? 'succeeded' : 'paid_not_applied',
        detail: { paymentIntentId: outcome.paymentIntent.id, paymentId: fulfilled.paymentId },
        now,
      });
      return fulfilled;
    });
    if (result.outcome === 'rejected') {
      bump(rc, 'needs_attention');
      await tellOps(rc, {
        key: `paid-not-applied:${ctx.id}:${renewal.term_end}`,
        subject: `Paid but not applied: ${ctx.account_name} — ${ctx.label}`,
        lines: [
          `The automatic charge ${outcome.paymentIntent.id} succeeded but could not renew ${ctx.label}: ${result.detail ?? 'see the payment'}. It is refunded automatically; if the refund fails it appears among the reconciliation exceptions.`,
        ],
      });
      return;
    }
    bump(rc, 'charges_succeeded');
    await planRenewalBySystem(deps, ctx.id);
    return;
  }

  const firstAttempt = renewal.first_attempt_date ?? rc.forDate;
  const scheduled = dunningAttemptDate(firstAttempt, attempt + 1, rc.dunningDays, graceEnd);
  // An attempt brought forward (a new card) never makes the next one fall on a day already past.
  const tomorrow = addDays(rc.forDate, 1);
  const nextAttempt =
    scheduled && scheduled <= rc.forDate ? (tomorrow < graceEnd ? tomorrow : null) : scheduled;
  const isAuthentication = outcome.kind === 'requires_action';
  const state = isAuthentication ? 'requires_action' : nextAttempt ? 'retrying' : 'failed';
  const card = await savedCard(deps, { id: ctx.account_id, paymentMethodId: ctx.account_payment_method_id });
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const lastServiceDay = addDays(graceEnd, -1);
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateRenewal(tx, renewal.id, {
      state,
      attempts: attempt,
      first_attempt_date: firstAttempt,
      due_date: nextAttempt ?? graceEnd,
      deferred_until: null,
      last_error_code: outcome.code,
      last_error_message: outcome.message,
      last_payment_intent_id: outcome.paymentIntentId,
      updated_at: now.toISOString(),
    });
    await enqueueToRecipients(tx, deps, {
      recipients,
      accountId: ctx.account_id,
      template: isAuthentication ? 'auto_renew_action_required' : 'auto_renew_payment_failed',
      locale,
      dedupePrefix: key,
      content: isAuthentication
        ? renderAuthenticationRequired(locale, {
            subscriptionLabel: ctx.label,
            amount,
            card,
            deadline: lastServiceDay,
            payUrl: links.quote(quote.id),
          })
        : renderRenewalPaymentFailed(locale, {
            subscriptionLabel: ctx.label,
            amount,
            card,
            reason:
              outcome.kind === 'declined' ? (outcome.declineCode ?? outcome.code).replaceAll('_', ' ') : '',
            nextAttempt,
            lastDay: lastServiceDay,
            manageUrl: links.manage,
          }),
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: isAuthentication ? 'auto_renew.authentication_required' : 'auto_renew.charge_declined',
      at: now,
      actor: SYSTEM_ACTOR,
      data: {
        attempt,
        amount,
        code: outcome.code,
        ...(outcome.kind === 'declined' ? { declineCode: outcome.declineCode } : {}),
        paymentIntentId: outcome.paymentIntentId,
        nextAttempt,
        lastServiceDay,
      },
    });
    await closeAttemptByKey(tx, {
      key,
      reason: outcome.kind,
      paymentIntentId: outcome.paymentIntentId,
      nowIso: now.toISOString(),
    });
    await completeAction(tx, key, { outcome: outcome.kind, detail: { code: outcome.code }, now });
  });
  bump(rc, isAuthentication ? 'charges_requiring_action' : 'charges_declined');
}

async function expire(
  rc: RunContext,
  renewal: repo.RenewalRow,
  ctx: repo.SubscriptionContext,
): Promise<void> {
  const { deps } = rc;
  const key = `expired:${ctx.id}:${renewal.term_end}`;
  const now = deps.clock.now();
  const claim = await claimAction(deps.db, {
    key,
    job: RENEWALS_JOB,
    runId: rc.runId,
    now,
    leaseMs: rc.leaseMs,
  });
  if (claim.kind === 'busy' || claim.kind === 'done') return;
  await rc.hooks.afterClaim?.(key);
  const recipients = await renewalRecipients(deps, {
    id: ctx.account_id,
    billingEmail: ctx.account_billing_email,
  });
  const locale = asEmailLocale(ctx.account_locale);
  const wasCharged =
    renewal.attempts > 0 || renewal.state === 'deferred' || renewal.state === 'needs_attention';
  await deps.db.transaction().execute(async (tx) => {
    await closeRenewal(tx, renewal.id, 'expired', now);
    await repo.setScheduledNoticesStatus(tx, {
      subscriptionId: ctx.id,
      termEnd: renewal.term_end,
      status: 'cancelled',
    });
    if (wasCharged) {
      await enqueueToRecipients(tx, deps, {
        recipients,
        accountId: ctx.account_id,
        template: 'auto_renew_expired',
        locale,
        dedupePrefix: key,
        content: renderRenewalExpired(locale, {
          subscriptionLabel: ctx.label,
          offersUrl: portalLinks(deps.config.publicUrl, ctx.id).offers,
        }),
      });
    }
    await recordSubscriptionEvent(tx, {
      subscriptionId: ctx.id,
      type: 'auto_renew.expired',
      at: now,
      actor: SYSTEM_ACTOR,
      data: { termEnd: renewal.term_end, attempts: renewal.attempts, lastError: renewal.last_error_code },
    });
    await completeAction(tx, key, { outcome: 'expired', now });
  });
  bump(rc, 'renewals_expired');
}
