// Why customers leave. An admin who turns auto-renew off (or lets a renewal lapse) from the portal may say
// why: a reason from a short list and optional words. When ops configured a save offer for that reason, it is
// priced by the server through the pricing rules and shown once per subscription; accepting it makes the
// quote. Reasons feed the pipeline's risk signals and the churn-reasons chart. Turning auto-renew off itself
// is the auto-renew feature's and never waits for this.

import { addDays } from '@portal/shared/dates';
import type {
  TChurnFeedbackRequest,
  TChurnFeedbackResponse,
  TChurnReason,
  TChurnReasonsSummary,
  TSaveOfferConfig,
  TSaveOffersUpdate,
} from '@portal/shared/schemas/retention';
import { CHURN_REASONS, ZChurnFeedbackRequest } from '@portal/shared/schemas/retention';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { createQuote, priceSaveOffer, type SaveOfferChoice } from '../offers/service.ts';
import { getSubscription } from '../subscriptions/service.ts';
import * as repo from './repo.ts';

/** How long a reason counts as a risk signal in the pipeline. */
export const CHURN_SIGNAL_DAYS = 365;

function saveChoiceOf(row: repo.SaveOfferRow): SaveOfferChoice {
  return row.kind === 'discount'
    ? { kind: 'discount', discountBp: row.discount_bp ?? 0 }
    : { kind: 'downgrade' };
}

/**
 * Records the reason (admins; 404 for another account's subscription), audited. Returns the save offer for
 * the reason when ops configured one, it can be priced, and none was shown for this subscription before.
 */
export async function submitChurnFeedback(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
  input: TChurnFeedbackRequest,
): Promise<TChurnFeedbackResponse> {
  const parsed = ZChurnFeedbackRequest.parse(input);
  await getSubscription(deps, actor.accountId, subscriptionId);
  const config = await repo.findActiveSaveOffer(deps.db, parsed.reason);
  const isFirstOffer = config ? !(await repo.hasShownOffer(deps.db, subscriptionId)) : false;
  const priced =
    config && isFirstOffer
      ? await priceSaveOffer(deps, actor.accountId, subscriptionId, saveChoiceOf(config))
      : null;
  const now = deps.clock.now();
  const id = newId('chf');
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertFeedback(tx, {
      id,
      account_id: actor.accountId,
      subscription_id: subscriptionId,
      context: parsed.context,
      reason: parsed.reason,
      comment: parsed.comment,
      user_id: actor.id,
      offer_kind: priced && config ? config.kind : null,
      offer_outcome: priced ? 'shown' : null,
      quote_id: null,
      created_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'subscription',
      entityId: subscriptionId,
      action: 'churn_feedback.recorded',
      after: {
        feedbackId: id,
        context: parsed.context,
        reason: parsed.reason,
        comment: parsed.comment,
        saveOffer: priced ? { kind: config?.kind, total: priced.offer.total } : null,
      },
      at: now,
    });
  });
  if (!priced || !config) return { feedbackId: id, saveOffer: null };
  const { offer } = priced;
  return {
    feedbackId: id,
    saveOffer: {
      kind: config.kind === 'discount' ? 'discount' : 'downgrade',
      planName: offer.plan.name,
      seats: offer.seats,
      termYears: offer.termYears ?? 1,
      list: offer.list,
      savings: offer.savings,
      savingsBasisPoints: offer.savingsBasisPoints,
      total: offer.total,
    },
  };
}

/**
 * Accepts or declines the save offer shown with a reason, once. Accepting makes the quote, priced again by the
 * server now (the same rules and cap), and returns its id; the admin pays it like any quote.
 */
export async function decideSaveOffer(
  deps: AppDeps,
  actor: CustomerUser,
  subscriptionId: string,
  feedbackId: string,
  decision: 'accept' | 'decline',
): Promise<{ quoteId: string | null }> {
  const feedback = await repo.findFeedbackOfAccount(deps.db, actor.accountId, subscriptionId, feedbackId);
  if (!feedback) throw notFound('Not found');
  if (feedback.offer_outcome !== 'shown') throw new AppError('conflict', 'This offer was already answered.');
  let quoteId: string | null = null;
  if (decision === 'accept') {
    const config = await repo.findActiveSaveOffer(deps.db, feedback.reason);
    const priced = config
      ? await priceSaveOffer(deps, actor.accountId, subscriptionId, saveChoiceOf(config))
      : null;
    if (!priced) throw new AppError('conflict', 'This offer is no longer available.');
    const { quote } = await createQuote(deps, actor, subscriptionId, priced.choice, {
      retentionBp: priced.retentionBp,
    });
    quoteId = quote.id;
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const outcome = decision === 'accept' ? 'accepted' : 'declined';
    if (!(await repo.decideOffer(tx, feedbackId, outcome, quoteId))) {
      throw new AppError('conflict', 'This offer was already answered.');
    }
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'subscription',
      entityId: subscriptionId,
      action: `save_offer.${outcome}`,
      after: { feedbackId, reason: feedback.reason, kind: feedback.offer_kind, quoteId },
      at: now,
    });
  });
  return { quoteId };
}

function toConfig(row: repo.SaveOfferRow): TSaveOfferConfig {
  return {
    reason: row.reason as TChurnReason,
    kind: row.kind === 'discount' ? 'discount' : 'downgrade',
    discountBp: row.discount_bp,
    isActive: row.is_active === 1,
  };
}

export async function listSaveOffers(deps: AppDeps): Promise<TSaveOfferConfig[]> {
  return (await repo.listSaveOffers(deps.db)).map(toConfig);
}

/** Ops replace the save offers (one per reason at most), audited with before and after. */
export async function updateSaveOffers(
  deps: AppDeps,
  actor: SessionUser,
  input: TSaveOffersUpdate,
): Promise<TSaveOfferConfig[]> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = (await repo.listSaveOffers(tx)).map(toConfig);
    await repo.replaceSaveOffers(
      tx,
      input.offers.map((o) => ({
        reason: o.reason,
        kind: o.kind,
        discount_bp: o.kind === 'discount' ? o.discountBp : null,
        is_active: o.isActive ? 1 : 0,
        updated_by: actor.email,
        updated_at: now.toISOString(),
      })),
    );
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'save_offers',
      entityId: 'save_offers',
      action: 'save_offers.updated',
      before,
      after: input.offers,
      at: now,
    });
  });
  return listSaveOffers(deps);
}

/** Reasons given in the last 12 months, every reason listed (zero included), and what became of offers. */
export async function churnReasonsSummary(deps: AppDeps): Promise<TChurnReasonsSummary> {
  const since = addDays(deps.clock.today(), -365);
  const sinceIso = `${since}T00:00:00.000Z`;
  const [counts, offers] = await Promise.all([
    repo.countReasonsSince(deps.db, sinceIso),
    repo.countOffersSince(deps.db, sinceIso),
  ]);
  const byReason = new Map(counts.map((c) => [c.reason, Number(c.count)]));
  const reasons = CHURN_REASONS.map((reason) => ({ reason, count: byReason.get(reason) ?? 0 }));
  const offerCount = (outcome?: string) =>
    offers
      .filter((o) => !outcome || o.offer_outcome === outcome)
      .reduce((sum, o) => sum + Number(o.count), 0);
  return {
    since,
    total: reasons.reduce((sum, r) => sum + r.count, 0),
    reasons,
    offersShown: offerCount(),
    offersAccepted: offerCount('accepted'),
  };
}

/** For the pipeline: the latest reason each subscription gave within CHURN_SIGNAL_DAYS. */
export async function churnSignals(
  db: DbOrTx,
  subscriptionIds: readonly string[],
  today: string,
): Promise<Map<string, TChurnReason>> {
  const since = `${addDays(today, -CHURN_SIGNAL_DAYS)}T00:00:00.000Z`;
  const signals = new Map<string, TChurnReason>();
  for (const row of await repo.latestReasons(db, subscriptionIds, since)) {
    if (!signals.has(row.subscription_id)) signals.set(row.subscription_id, row.reason as TChurnReason);
  }
  return signals;
}
