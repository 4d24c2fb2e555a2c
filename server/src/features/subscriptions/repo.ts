// SQL for subscriptions and their history. Reads for customers always carry the account id, so another
// account's subscription is simply not found.

import type { ExpressionBuilder, Insertable } from 'kysely';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { Database, ScheduledTermTable } from '../../platform/db/schema.ts';
import type { DbOf, ReadsOf } from '../../platform/db/slice.ts';

/** The feature's own tables: the only ones written here. */
type Db = DbOf<'subscriptions' | 'subscription_events' | 'subscription_scheduled_terms'>;
/** Reads that join the plan (offers' catalog), the account and open payments to a subscription (decision 015). */
type Reads = ReadsOf<
  'subscriptions' | 'subscription_events' | 'subscription_scheduled_terms' | 'plans' | 'payments' | 'accounts'
>;

import { containsText } from '../../platform/db/text-search.ts';

/** A contract's terms with its plan's code: what every read of a subscription selects (vendor-repo too). */
export const TERMS_COLUMNS = [
  'subscriptions.id',
  'subscriptions.account_id',
  'subscriptions.plan_id',
  'plans.code as plan_code',
  'subscriptions.label',
  'subscriptions.seats',
  'subscriptions.currency',
  'subscriptions.unit_price_minor',
  'subscriptions.term_start',
  'subscriptions.term_end',
  'subscriptions.cancelled_at',
  'subscriptions.auto_renew_enabled',
  'subscriptions.auto_renew_elsewhere',
] as const;

const SUMMARY_COLUMNS = [
  ...TERMS_COLUMNS,
  'subscriptions.auto_renew_term_years',
  'plans.name as plan_name',
  'plans.tier_rank as plan_tier_rank',
] as const;

/** Subscriptions joined to their plan (`plans.*` selectable). */
export function selectWithPlan(db: ReadsOf<'subscriptions' | 'plans'>) {
  return db.selectFrom('subscriptions').innerJoin('plans', 'plans.id', 'subscriptions.plan_id');
}

/** A payment still open: processing, waiting for the customer, or succeeded but not yet fulfilled. */
function isPendingPayment(eb: ExpressionBuilder<Database, 'payments'>) {
  return eb.or([
    eb('payments.status', 'in', ['processing', 'requires_action']),
    eb.and([eb('payments.status', '=', 'succeeded'), eb('payments.fulfilment_status', '=', 'pending')]),
  ]);
}

/**
 * The summary columns, whether a payment of the subscription is still open (processing, waiting for the
 * customer, or succeeded but not yet fulfilled), and whether it has a scheduled term: the dashboard's reads
 * then need no second statement for payments, and a third for scheduled terms only when there are some.
 */
function selectSummaries(db: Reads) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.subscription_id', '=', 'subscriptions.id')
            .whereRef('payments.account_id', '=', 'subscriptions.account_id')
            .where(isPendingPayment),
        )
        .as('has_pending_payment'),
    )
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('subscription_scheduled_terms')
            .select('subscription_scheduled_terms.subscription_id')
            .whereRef('subscription_scheduled_terms.subscription_id', '=', 'subscriptions.id'),
        )
        .as('has_scheduled_term'),
    );
}

export type SubscriptionRow = Awaited<ReturnType<typeof findSubscription>> & {};

// The customer dashboard's reads are compiled once (platform/db/prepared.ts, decision 022).
const summariesOfAccount = preparedQuery((db: Reads, p: { accountId: string }) =>
  selectSummaries(db)
    .where('subscriptions.account_id', '=', p.accountId)
    .orderBy('subscriptions.term_end')
    .orderBy('subscriptions.id'),
);

export async function listSubscriptionsOfAccount(db: Reads, accountId: string) {
  return summariesOfAccount.all(db, { accountId });
}

const summaryOfAccount = preparedQuery((db: Reads, p: { accountId: string; subscriptionId: string }) =>
  selectSummaries(db)
    .where('subscriptions.account_id', '=', p.accountId)
    .where('subscriptions.id', '=', p.subscriptionId),
);

export async function findSubscription(db: Reads, accountId: string, subscriptionId: string) {
  return summaryOfAccount.first(db, { accountId, subscriptionId });
}

const eventsOfSubscription = preparedQuery((db: Db, p: { subscriptionId: string }) =>
  db
    .selectFrom('subscription_events')
    .selectAll()
    .where('subscription_id', '=', p.subscriptionId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc'),
);

export async function listEvents(db: Db, subscriptionId: string) {
  return eventsOfSubscription.all(db, { subscriptionId });
}

export async function insertEvent(
  db: Db,
  event: {
    id: string;
    subscriptionId: string;
    type: string;
    at: string;
    actorUserId: string | null;
    actorLabel: string | null;
    data: string;
  },
) {
  await db
    .insertInto('subscription_events')
    .values({
      id: event.id,
      subscription_id: event.subscriptionId,
      type: event.type,
      at: event.at,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      data: event.data,
    })
    .execute();
}

export async function updateAutoRenew(
  db: Db,
  subscriptionId: string,
  values: { enabled: boolean; termYears: number | null; nowIso: string },
) {
  await db
    .updateTable('subscriptions')
    .set({
      auto_renew_enabled: values.enabled ? 1 : 0,
      auto_renew_term_years: values.termYears,
      updated_at: values.nowIso,
    })
    .where('id', '=', subscriptionId)
    .execute();
}

// ---- contract changes from payments (fulfilment) ----

/** The subscription row by id alone, for a change inside the fulfilment transaction. */
export async function findSubscriptionById(db: Db, subscriptionId: string) {
  return db.selectFrom('subscriptions').selectAll().where('id', '=', subscriptionId).executeTakeFirst();
}

export async function updateContract(
  db: Db,
  subscriptionId: string,
  values: {
    planId: string;
    seats: number;
    unitPriceMinor: number;
    termStart: string;
    termEnd: string;
    nowIso: string;
  },
) {
  await db
    .updateTable('subscriptions')
    .set({
      plan_id: values.planId,
      seats: values.seats,
      unit_price_minor: values.unitPriceMinor,
      term_start: values.termStart,
      term_end: values.termEnd,
      updated_at: values.nowIso,
    })
    .where('id', '=', subscriptionId)
    .execute();
}

/**
 * Subscriptions of the account with a payment under way: processing at Stripe, waiting for the customer's
 * authentication, or paid and not yet applied. Reads the payments feature's table (no rules, one query).
 */

// ---- scheduled terms (paid ahead; 0008b) ----

export async function insertScheduledTerm(db: Db, row: Insertable<ScheduledTermTable>) {
  await db.insertInto('subscription_scheduled_terms').values(row).execute();
}

function selectScheduledTermsOfAccount(db: Reads, accountId: string) {
  return db
    .selectFrom('subscription_scheduled_terms')
    .innerJoin('plans', 'plans.id', 'subscription_scheduled_terms.plan_id')
    .innerJoin('subscriptions', 'subscriptions.id', 'subscription_scheduled_terms.subscription_id')
    .selectAll('subscription_scheduled_terms')
    .select(['plans.code as plan_code', 'plans.name as plan_name'])
    .where('subscriptions.account_id', '=', accountId)
    .orderBy('subscription_scheduled_terms.term_start');
}

const scheduledTermsOfAccount = preparedQuery((db: Reads, p: { accountId: string }) =>
  selectScheduledTermsOfAccount(db, p.accountId),
);
const scheduledTermsOfSubscription = preparedQuery(
  (db: Reads, p: { accountId: string; subscriptionId: string }) =>
    selectScheduledTermsOfAccount(db, p.accountId).where(
      'subscription_scheduled_terms.subscription_id',
      '=',
      p.subscriptionId,
    ),
);

/** The scheduled terms of an account's subscriptions (one subscription's when given), earliest first. */
export async function listScheduledTerms(db: Reads, accountId: string, subscriptionId?: string) {
  return subscriptionId
    ? scheduledTermsOfSubscription.all(db, { accountId, subscriptionId })
    : scheduledTermsOfAccount.all(db, { accountId });
}

export type ScheduledTermRow = Awaited<ReturnType<typeof listScheduledTerms>>[number];

/** Scheduled terms whose first day has come (of one subscription, or all), oldest first. */
export async function listDueScheduledTerms(db: Db, today: string, subscriptionId?: string) {
  let query = db
    .selectFrom('subscription_scheduled_terms')
    .selectAll()
    .where('term_start', '<=', today)
    .orderBy('term_start')
    .limit(500);
  if (subscriptionId) query = query.where('subscription_id', '=', subscriptionId);
  return query.execute();
}

export async function deleteScheduledTerm(db: Db, subscriptionId: string, termStart: string) {
  await db
    .deleteFrom('subscription_scheduled_terms')
    .where('subscription_id', '=', subscriptionId)
    .where('term_start', '=', termStart)
    .execute();
}

export async function listScheduledTermsOfSubscription(db: Db, subscriptionId: string) {
  return db
    .selectFrom('subscription_scheduled_terms')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .execute();
}

// ---- the subscription with its account and plan (auto-renew's run, the pipeline): the one joined read ----

function selectSubscriptionContext(db: Reads) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('accounts', 'accounts.id', 'subscriptions.account_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.id',
      'subscriptions.account_id',
      'subscriptions.label',
      'subscriptions.seats',
      'subscriptions.currency',
      'subscriptions.unit_price_minor',
      'subscriptions.term_start',
      'subscriptions.term_end',
      'subscriptions.cancelled_at',
      'subscriptions.auto_renew_enabled',
      'subscriptions.auto_renew_term_years',
      'plans.code as plan_code',
      'plans.name as plan_name',
      'plans.min_seats as plan_min_seats',
      'plans.max_seats as plan_max_seats',
      'accounts.name as account_name',
      'accounts.locale as account_locale',
      'accounts.country as account_country',
      'accounts.region as account_region',
      'accounts.billing_email as account_billing_email',
      'accounts.stripe_customer_id as account_stripe_customer_id',
      'accounts.default_payment_method_id as account_payment_method_id',
      'accounts.reminders_muted as account_reminders_muted',
      'accounts.customer_type as account_customer_type',
    ]);
}

export type SubscriptionContext = NonNullable<Awaited<ReturnType<typeof findSubscriptionContext>>>;

export async function findSubscriptionContext(db: Reads, subscriptionId: string) {
  return selectSubscriptionContext(db).where('subscriptions.id', '=', subscriptionId).executeTakeFirst();
}

/** The contexts of the given subscriptions (any order; unknown ids are left out). */
export async function findSubscriptionContexts(
  db: Reads,
  subscriptionIds: readonly string[],
): Promise<SubscriptionContext[]> {
  if (subscriptionIds.length === 0) return [];
  return selectSubscriptionContext(db).where('subscriptions.id', 'in', subscriptionIds).execute();
}

/**
 * Subscriptions not cancelled whose term ends in a range (inclusive), by term end then id: optionally only
 * those renewing automatically or by hand, of accounts that hear reminders, matching a search (account name,
 * label or id), after a keyset cursor, at most `limit`.
 */
export async function listSubscriptionContexts(
  db: Reads,
  input: {
    firstTermEnd: string;
    lastTermEnd: string;
    isAutoRenewing?: boolean;
    hearsReminders?: boolean;
    search?: string;
    after?: { termEnd: string; id: string } | null;
    limit?: number;
  },
) {
  let query = selectSubscriptionContext(db)
    .where('subscriptions.term_end', '>=', input.firstTermEnd)
    .where('subscriptions.term_end', '<=', input.lastTermEnd)
    .where('subscriptions.cancelled_at', 'is', null);
  if (input.isAutoRenewing !== undefined) {
    query = query.where('subscriptions.auto_renew_enabled', '=', input.isAutoRenewing ? 1 : 0);
  }
  if (input.hearsReminders) query = query.where('accounts.reminders_muted', '=', 0);
  const { search, after } = input;
  if (search) {
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref('accounts.name'), search),
        containsText(eb.ref('subscriptions.label'), search),
        containsText(eb.ref('subscriptions.id'), search),
      ]),
    );
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('subscriptions.term_end', '>', after.termEnd),
        eb.and([eb('subscriptions.term_end', '=', after.termEnd), eb('subscriptions.id', '>', after.id)]),
      ]),
    );
  }
  query = query.orderBy('subscriptions.term_end').orderBy('subscriptions.id');
  return (input.limit === undefined ? query : query.limit(input.limit)).execute();
}

/** Ends the contract on `termEnd` and marks it cancelled; terms paid ahead from that day on are dropped. */
export async function endContract(
  db: Db,
  subscriptionId: string,
  values: { termEnd: string; cancelledAt: string; nowIso: string },
) {
  await db
    .updateTable('subscriptions')
    .set({
      term_end: values.termEnd,
      cancelled_at: values.cancelledAt,
      auto_renew_enabled: 0,
      auto_renew_term_years: null,
      updated_at: values.nowIso,
    })
    .where('id', '=', subscriptionId)
    .execute();
  await db
    .deleteFrom('subscription_scheduled_terms')
    .where('subscription_id', '=', subscriptionId)
    .where('term_start', '>=', values.termEnd)
    .execute();
}
