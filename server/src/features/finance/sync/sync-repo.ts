// SQL of the Stripe sync: balance transactions and payouts (idempotent upserts), the per-stream cursors, the
// run log and the lease that keeps one sync at a time. Portable (Kysely's builder; ON CONFLICT works on SQLite
// and PostgreSQL).

import type { Insertable, Selectable } from 'kysely';
import type {
  FinanceSyncStreamTable,
  StripeBalanceTransactionTable,
  StripePayoutTable,
} from '../../../platform/db/schema.ts';
import type { DbOf } from '../../../platform/db/slice.ts';

type Db = DbOf<'finance_sync_streams' | 'stripe_balance_transactions' | 'stripe_payouts'>;

export type TransactionRow = Insertable<StripeBalanceTransactionTable>;
export type PayoutRow = Insertable<StripePayoutTable>;
export type StreamRow = Selectable<FinanceSyncStreamTable>;

/** 500 rows × 22 columns stays well under SQLite's 32,766 bound parameters. */
const UPSERT_CHUNK = 500;

/** Inserts or refreshes balance transactions; a known payout link is never erased by a row without one. */
export async function upsertTransactions(db: Db, rows: readonly TransactionRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
    await db
      .insertInto('stripe_balance_transactions')
      .values(rows.slice(start, start + UPSERT_CHUNK))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          reporting_category: eb.ref('excluded.reporting_category'),
          amount_minor: eb.ref('excluded.amount_minor'),
          fee_minor: eb.ref('excluded.fee_minor'),
          net_minor: eb.ref('excluded.net_minor'),
          currency: eb.ref('excluded.currency'),
          status: eb.ref('excluded.status'),
          description: eb.ref('excluded.description'),
          source_id: eb.ref('excluded.source_id'),
          source_type: eb.ref('excluded.source_type'),
          charge_id: eb.fn.coalesce('excluded.charge_id', 'stripe_balance_transactions.charge_id'),
          payment_intent_id: eb.fn.coalesce(
            'excluded.payment_intent_id',
            'stripe_balance_transactions.payment_intent_id',
          ),
          customer_id: eb.fn.coalesce('excluded.customer_id', 'stripe_balance_transactions.customer_id'),
          exchange_rate: eb.ref('excluded.exchange_rate'),
          source_amount_minor: eb.fn.coalesce(
            'excluded.source_amount_minor',
            'stripe_balance_transactions.source_amount_minor',
          ),
          source_currency: eb.fn.coalesce(
            'excluded.source_currency',
            'stripe_balance_transactions.source_currency',
          ),
          quote_id: eb.fn.coalesce('excluded.quote_id', 'stripe_balance_transactions.quote_id'),
          payout_id: eb.fn.coalesce('excluded.payout_id', 'stripe_balance_transactions.payout_id'),
          available_on: eb.ref('excluded.available_on'),
          synced_at: eb.ref('excluded.synced_at'),
        })),
      )
      .execute();
  }
}

/** Inserts or refreshes payouts; linking progress is the sync's own and is kept. */
export async function upsertPayouts(db: Db, rows: readonly PayoutRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('stripe_payouts')
    .values(rows.map((row) => ({ ...row, transactions_linked_at: null, link_resume_after: null })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        amount_minor: eb.ref('excluded.amount_minor'),
        currency: eb.ref('excluded.currency'),
        status: eb.ref('excluded.status'),
        is_automatic: eb.ref('excluded.is_automatic'),
        method: eb.ref('excluded.method'),
        balance_transaction_id: eb.ref('excluded.balance_transaction_id'),
        failure_balance_transaction_id: eb.ref('excluded.failure_balance_transaction_id'),
        failure_code: eb.ref('excluded.failure_code'),
        failure_message: eb.ref('excluded.failure_message'),
        arrival_at: eb.ref('excluded.arrival_at'),
        synced_at: eb.ref('excluded.synced_at'),
      })),
    )
    .execute();
}

export async function findPayout(db: Db, id: string) {
  return db.selectFrom('stripe_payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Payouts that are not final yet (Stripe moves them on after they were listed). */
export async function listOpenPayoutIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('stripe_payouts')
    .select('id')
    .where('status', 'in', ['pending', 'in_transit'])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Automatic payouts whose balance transactions have not all been linked yet. */
export async function listPayoutsToLink(db: Db) {
  return db
    .selectFrom('stripe_payouts')
    .select(['id', 'link_resume_after'])
    .where('is_automatic', '=', 1)
    .where('transactions_linked_at', 'is', null)
    .where('status', '!=', 'canceled')
    .orderBy('stripe_created_at')
    .orderBy('id')
    .execute();
}

export async function setPayoutLinkProgress(
  db: Db,
  id: string,
  progress: { resumeAfter: string | null; linkedAt: string | null },
): Promise<void> {
  await db
    .updateTable('stripe_payouts')
    .set({ link_resume_after: progress.resumeAfter, transactions_linked_at: progress.linkedAt })
    .where('id', '=', id)
    .execute();
}

// ---- streams ----

export async function findStream(db: Db, stream: string): Promise<StreamRow | undefined> {
  return db.selectFrom('finance_sync_streams').selectAll().where('stream', '=', stream).executeTakeFirst();
}

export async function listStreams(db: Db): Promise<StreamRow[]> {
  return db.selectFrom('finance_sync_streams').selectAll().orderBy('stream').execute();
}

export async function saveStream(db: Db, row: StreamRow): Promise<void> {
  const { stream, ...rest } = row;
  await db
    .insertInto('finance_sync_streams')
    .values(row)
    .onConflict((oc) => oc.column('stream').doUpdateSet(rest))
    .execute();
}
