// SQL of reconciliation exceptions: the list finance works through (with account names and invoice numbers),
// one exception, and its resolution.

import type { DbOf, ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<'accounts' | 'finance_exceptions' | 'invoices'>;
/** Finance's own tables, the only ones written here. */
type Writes = DbOf<'finance_exceptions'>;

const EXCEPTIONS_LISTED = 500;

function withNames(db: Reads) {
  return db
    .selectFrom('finance_exceptions as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'e.payment_id')
    .selectAll('e')
    .select(['a.name as account_name', 'i.id as invoice_id', 'i.number as invoice_number']);
}

export type ExceptionRow = NonNullable<Awaited<ReturnType<typeof findException>>>;

export async function listExceptions(
  db: Reads,
  filter: { status: 'open' | 'resolved' | 'all'; class?: string | undefined; includeCleared: boolean },
) {
  let query = withNames(db).orderBy('e.occurred_at', 'desc').orderBy('e.id', 'desc').limit(EXCEPTIONS_LISTED);
  if (filter.status !== 'all') query = query.where('e.status', '=', filter.status);
  if (filter.class) query = query.where('e.class', '=', filter.class);
  if (!filter.includeCleared) query = query.where('e.is_current', '=', 1);
  return query.execute();
}

export async function countExceptions(db: Reads, includeCleared: boolean) {
  let query = db
    .selectFrom('finance_exceptions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status');
  if (!includeCleared) query = query.where('is_current', '=', 1);
  return query.execute();
}

export async function findException(db: Reads, id: string) {
  return withNames(db).where('e.id', '=', id).executeTakeFirst();
}

export async function listExceptionsOfPayment(db: Reads, paymentId: string) {
  return db
    .selectFrom('finance_exceptions')
    .select(['id', 'class', 'detail', 'subject_type', 'subject_id', 'status', 'is_current'])
    .where((eb) => eb.or([eb('payment_id', '=', paymentId), eb('related_payment_id', '=', paymentId)]))
    .orderBy('occurred_at')
    .execute();
}

/** The current exceptions of some payments, refunds and disputes (the ledger's column). */
export async function listCurrentExceptionsOf(
  db: Reads,
  ids: { payments: readonly string[]; refunds: readonly string[]; disputes: readonly string[] },
) {
  if (ids.payments.length + ids.refunds.length + ids.disputes.length === 0) return [];
  return db
    .selectFrom('finance_exceptions')
    .select(['class', 'payment_id', 'refund_id', 'dispute_id', 'subject_type'])
    .where('is_current', '=', 1)
    .where((eb) =>
      eb.or([
        ...(ids.payments.length ? [eb('payment_id', 'in', ids.payments)] : []),
        ...(ids.refunds.length ? [eb('refund_id', 'in', ids.refunds)] : []),
        ...(ids.disputes.length ? [eb('dispute_id', 'in', ids.disputes)] : []),
      ]),
    )
    .execute();
}

export async function setResolution(
  db: Writes,
  id: string,
  resolution: {
    status: 'open' | 'resolved';
    resolvedAt: string | null;
    resolvedByUserId: string | null;
    resolvedByLabel: string | null;
    note: string | null;
    updatedAt: string;
  },
): Promise<void> {
  await db
    .updateTable('finance_exceptions')
    .set({
      status: resolution.status,
      resolved_at: resolution.resolvedAt,
      resolved_by_user_id: resolution.resolvedByUserId,
      resolved_by_label: resolution.resolvedByLabel,
      resolution_note: resolution.note,
      updated_at: resolution.updatedAt,
    })
    .where('id', '=', id)
    .execute();
}
