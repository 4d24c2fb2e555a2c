// SQL for quotes and their per-year number counter. Customer reads always carry the account id.

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import type { Insertable, Selectable } from 'kysely';
import { olderThan } from '../../platform/db/keyset.ts';
import type { QuoteTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

/** This repo's own tables (its slice of the schema): SQL on any other does not compile (decision 015). */
type DbOrTx = DbOf<'quote_number_counters' | 'quotes'>;

export type QuoteRow = Selectable<QuoteTable>;

/**
 * The next number of a year's quote sequence. Run inside the transaction that inserts the quote, so a quote
 * that rolls back gives its number back: the sequence stays gapless.
 */
export async function nextQuoteNumber(db: DbOrTx, year: number): Promise<number> {
  const row = await db
    .insertInto('quote_number_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet((eb) => ({ last_number: eb('quote_number_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertQuote(db: DbOrTx, row: Insertable<QuoteTable>): Promise<void> {
  await db.insertInto('quotes').values(row).execute();
}

export async function findQuoteOfAccount(db: DbOrTx, accountId: string, quoteId: string) {
  return db
    .selectFrom('quotes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', quoteId)
    .executeTakeFirst();
}

export async function findQuote(db: DbOrTx, quoteId: string) {
  return db.selectFrom('quotes').selectAll().where('id', '=', quoteId).executeTakeFirst();
}

export async function findQuoteNumber(db: DbOrTx, quoteId: string): Promise<string | null> {
  const row = await db.selectFrom('quotes').select('number').where('id', '=', quoteId).executeTakeFirst();
  return row?.number ?? null;
}

export async function listQuotesOfSubscription(
  db: DbOrTx,
  accountId: string,
  subscriptionId: string,
  limit: number,
) {
  return db
    .selectFrom('quotes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
}

/** The newest quote of the subscription that is open and not yet expired at `nowIso`. */
export async function findLatestOpenQuote(db: DbOrTx, subscriptionId: string, nowIso: string) {
  return db
    .selectFrom('quotes')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'open')
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findOpenQuoteForOffer(
  db: DbOrTx,
  subscriptionId: string,
  offerId: string,
  nowIso: string,
) {
  return db
    .selectFrom('quotes')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('offer_id', '=', offerId)
    .where('status', '=', 'open')
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Marks the subscription's open, unexpired quotes superseded by a newer one; returns their numbers. */
export async function supersedeOpenQuotes(
  db: DbOrTx,
  input: { subscriptionId: string; byQuoteId: string; nowIso: string },
): Promise<{ id: string; number: string }[]> {
  return db
    .updateTable('quotes')
    .set({ status: 'superseded', superseded_at: input.nowIso, superseded_by_quote_id: input.byQuoteId })
    .where('subscription_id', '=', input.subscriptionId)
    .where('status', '=', 'open')
    .where('expires_at', '>', input.nowIso)
    .returning(['id', 'number'])
    .execute();
}

/**
 * Open (or superseded: a checkout started before a newer quote was made) → paid, once; returns whether this
 * call did it.
 */
export async function markQuotePaid(db: DbOrTx, quoteId: string, paidAtIso: string): Promise<boolean> {
  const result = await db
    .updateTable('quotes')
    .set({ status: 'paid', paid_at: paidAtIso })
    .where('id', '=', quoteId)
    .where('status', 'in', ['open', 'superseded'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Supersedes every other open quote of the subscription (expired ones too), by the quote just paid. */
export async function supersedeOtherOpenQuotes(
  db: DbOrTx,
  input: { subscriptionId: string; byQuoteId: string; nowIso: string },
): Promise<{ id: string; number: string }[]> {
  return db
    .updateTable('quotes')
    .set({ status: 'superseded', superseded_at: input.nowIso, superseded_by_quote_id: input.byQuoteId })
    .where('subscription_id', '=', input.subscriptionId)
    .where('status', '=', 'open')
    .where('id', '!=', input.byQuoteId)
    .returning(['id', 'number'])
    .execute();
}

/** Ends an open quote now (withdrawn): from this instant it reads as expired. */
export async function expireQuote(db: DbOrTx, quoteId: string, nowIso: string): Promise<void> {
  await db
    .updateTable('quotes')
    .set({ expires_at: nowIso })
    .where('id', '=', quoteId)
    .where('status', '=', 'open')
    .where('expires_at', '>', nowIso)
    .execute();
}

/** An account's quotes, newest first, one keyset page (the ops timeline, decision 021). */
export async function listQuotesOfAccountPage(
  db: DbOrTx,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
) {
  return db
    .selectFrom('quotes')
    .select(['id', 'created_at', 'number', 'kind', 'status', 'total_minor', 'currency', 'created_by_email'])
    .where('account_id', '=', accountId)
    .$if(after !== null, (q) => q.where((eb) => olderThan(eb, 'created_at', 'id', after as TTimeKey)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
