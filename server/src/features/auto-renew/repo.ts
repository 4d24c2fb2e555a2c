// SQL of auto-renew: each term's automatic renewal, the notices (scheduled and sent), the consents, the saved
// cards' display details, and the reads of the renewal run. The run's reads join the subscription with its
// account and plan in one indexed query (the subscriptions feature's, shared with the pipeline), so finding the
// day's work costs one query per page, not per subscription. Writes to other features' tables go through their
// services (the account's saved card and muted reminders: accounts'); the exception is the columns this feature
// owns, `subscriptions.auto_renew_*`.

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { olderThan } from '../../platform/db/keyset.ts';
import type {
  AutoRenewalTable,
  AutoRenewConsentTable,
  PaymentMethodCardTable,
  RenewalNoticeTable,
} from '../../platform/db/schema.ts';
import type { DbOf, ReadsOf } from '../../platform/db/slice.ts';
import {
  findSubscriptionContext,
  listSubscriptionContexts,
  type SubscriptionContext,
} from '../subscriptions/service.ts';
import { OPEN_RENEWAL_STATES } from './renewal-states.ts';

/** This feature's tables (decision 015): SQL on any other does not compile here. */
type Own = DbOf<'auto_renewals' | 'renewal_notices' | 'auto_renew_consents' | 'payment_method_cards'>;

export type RenewalRow = Selectable<AutoRenewalTable>;
export type NoticeRow = Selectable<RenewalNoticeTable>;
export type ConsentRow = Selectable<AutoRenewConsentTable>;

// ---- the subscription with its account and plan: one read, the subscriptions feature's ----

export { findSubscriptionContext, type SubscriptionContext };

/** Subscriptions renewed by hand, not cancelled, of accounts that hear reminders, ending in a date range. */
export async function listReminderCandidates(
  db: DbOrTx,
  input: { first: string; last: string; after: { termEnd: string; id: string } | null; limit: number },
) {
  return listSubscriptionContexts(db, {
    firstTermEnd: input.first,
    lastTermEnd: input.last,
    isAutoRenewing: false,
    hearsReminders: true,
    after: input.after,
    limit: input.limit,
  });
}

/** Renewals queued for planning (after a payment changed the term), oldest first. */
export async function listQueuedForPlanning(db: Own, limit: number) {
  return db
    .selectFrom('auto_renewals')
    .select(['id', 'subscription_id'])
    .where('state', '=', 'planning')
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/**
 * Auto-renew subscriptions without an open renewal of their current term (demo data, older rows). It reads the
 * columns of `subscriptions` this feature owns (`auto_renew_*`) with the term, in one anti-join: the daily run's
 * backfill would otherwise page through every auto-renewing subscription.
 */
export async function listAutoRenewWithoutPlan(
  db: ReadsOf<'subscriptions' | 'auto_renewals'>,
  limit: number,
) {
  return db
    .selectFrom('subscriptions')
    .select(['subscriptions.id', 'subscriptions.term_end', 'subscriptions.auto_renew_term_years'])
    .where('subscriptions.auto_renew_enabled', '=', 1)
    .where('subscriptions.cancelled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('auto_renewals')
            .select('auto_renewals.id')
            .whereRef('auto_renewals.subscription_id', '=', 'subscriptions.id')
            .whereRef('auto_renewals.term_end', '=', 'subscriptions.term_end'),
        ),
      ),
    )
    .limit(limit)
    .execute();
}

// ---- renewals ----

export async function findRenewal(db: Own, id: string) {
  return db.selectFrom('auto_renewals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRenewalOfTerm(db: Own, subscriptionId: string, termEnd: string) {
  return db
    .selectFrom('auto_renewals')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('term_end', '=', termEnd)
    .executeTakeFirst();
}

/** Open renewals of the subscription (normally at most one: the running term's). */
export async function listOpenRenewals(db: Own, subscriptionId: string) {
  return db
    .selectFrom('auto_renewals')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('state', 'in', OPEN_RENEWAL_STATES)
    .execute();
}

export async function insertRenewal(db: Own, row: Insertable<AutoRenewalTable>) {
  await db.insertInto('auto_renewals').values(row).execute();
}

export async function updateRenewal(db: Own, id: string, values: Updateable<AutoRenewalTable>) {
  await db.updateTable('auto_renewals').set(values).where('id', '=', id).execute();
}

/**
 * Moves a renewal from one of `fromStates` to the new values; false when it was in none of them (another
 * runner or a request changed it first): the compare-and-set that keeps two actors from both acting.
 */
export async function transitionRenewal(
  db: Own,
  id: string,
  fromStates: readonly string[],
  values: Updateable<AutoRenewalTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('auto_renewals')
    .set(values)
    .where('id', '=', id)
    .where('state', 'in', fromStates)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Renewals the run acts on by `date`, a page at a time (keyset on due date and id). */
export async function listDueRenewals(
  db: Own,
  input: { date: string; after: { dueDate: string; id: string } | null; limit: number },
) {
  let query = db.selectFrom('auto_renewals').selectAll().where('due_date', '<=', input.date);
  const after = input.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('due_date', '>', after.dueDate),
        eb.and([eb('due_date', '=', after.dueDate), eb('id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('due_date').orderBy('id').limit(input.limit).execute();
}

export async function listRenewalsInStates(db: Own, states: readonly string[], limit: number) {
  return db
    .selectFrom('auto_renewals')
    .selectAll()
    .where('state', 'in', states)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

// ---- notices ----

/** Inserts one notice unless its key exists; true when inserted. */
export async function insertNotice(db: Own, row: Insertable<RenewalNoticeTable>): Promise<boolean> {
  const result = await db
    .insertInto('renewal_notices')
    .values(row)
    .onConflict((oc) => oc.column('notice_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listNoticesOfTerm(db: Own, subscriptionId: string, termEnd: string) {
  return db
    .selectFrom('renewal_notices')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('term_end', '=', termEnd)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** Open renewals whose notice obligations the run derives on `date` (keyset on check date and id). */
export async function listRenewalsToCheck(
  db: Own,
  input: { date: string; after: { checkDate: string; id: string } | null; limit: number },
) {
  let query = db
    .selectFrom('auto_renewals')
    .selectAll()
    .where('notice_check_date', '<=', input.date)
    .where('closed_at', 'is', null);
  const after = input.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('notice_check_date', '>', after.checkDate),
        eb.and([eb('notice_check_date', '=', after.checkDate), eb('id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('notice_check_date').orderBy('id').limit(input.limit).execute();
}

export async function updateNotice(db: Own, id: string, values: Updateable<RenewalNoticeTable>) {
  await db.updateTable('renewal_notices').set(values).where('id', '=', id).execute();
}

/** Scheduled notices of a term that had not gone out: cancelled (auto-renew off) or replaced (re-planned). */
export async function setScheduledNoticesStatus(
  db: Own,
  input: { subscriptionId: string; termEnd?: string; status: 'cancelled' },
) {
  let query = db
    .updateTable('renewal_notices')
    .set({ status: input.status })
    .where('subscription_id', '=', input.subscriptionId)
    .where('status', '=', 'scheduled');
  if (input.termEnd) query = query.where('term_end', '=', input.termEnd);
  await query.execute();
}

// ---- consents ----

export async function insertConsent(db: Own, row: Insertable<AutoRenewConsentTable>) {
  await db.insertInto('auto_renew_consents').values(row).execute();
}

export async function listConsents(db: Own, subscriptionId: string, limit: number) {
  return db
    .selectFrom('auto_renew_consents')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The latest decision on record (on, term changed, or off); decisions of the same instant by insertion order. */
export async function findLatestConsent(db: Own, subscriptionId: string) {
  return db
    .selectFrom('auto_renew_consents')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findLatestEnablingConsent(db: Own, subscriptionId: string) {
  return db
    .selectFrom('auto_renew_consents')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('action', 'in', ['enabled', 'term_changed'])
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// ---- cards ----

export async function upsertCard(db: Own, row: Insertable<PaymentMethodCardTable>) {
  await db
    .insertInto('payment_method_cards')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        brand: row.brand,
        last4: row.last4,
        exp_month: row.exp_month,
        exp_year: row.exp_year,
      }),
    )
    .execute();
}

export async function findCard(db: Own, paymentMethodId: string) {
  return db
    .selectFrom('payment_method_cards')
    .selectAll()
    .where('id', '=', paymentMethodId)
    .executeTakeFirst();
}

/** A new card: renewals of the account waiting to retry a failed charge are tried again today. */
export async function bringForwardRenewalsAwaitingCard(
  db: Own,
  accountId: string,
  today: string,
  nowIso: string,
) {
  await db
    .updateTable('auto_renewals')
    .set({ due_date: today, updated_at: nowIso })
    .where('account_id', '=', accountId)
    .where('state', 'in', ['retrying', 'requires_action'])
    .where('due_date', '>', today)
    .execute();
}

/** An account's notices sent, newest first, one keyset page (the ops timeline, decision 021). */
export async function listSentNoticesOfAccount(
  db: Own,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
) {
  return db
    .selectFrom('renewal_notices')
    .select(['id', 'sent_at', 'kind', 'days_before', 'amount_minor', 'currency', 'term_end', 'status'])
    .where('account_id', '=', accountId)
    .where('sent_at', 'is not', null)
    .$if(after !== null, (q) => q.where((eb) => olderThan(eb, 'sent_at', 'id', after as TTimeKey)))
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
