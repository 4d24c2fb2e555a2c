// Reconciliation exceptions: what finance works through. Resolving one takes a note and is audited in the
// same transaction; reopening it is audited too. The reconciliation keeps a resolved exception resolved when
// it finds the same problem again, and marks it no longer current when the problem is gone.

import type {
  TException,
  TExceptionClass,
  TExceptionList,
  TReconDetail,
  ZExceptionQuery,
} from '@portal/shared/schemas/finance';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { AppDeps, SessionUser } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import * as repo from './exceptions-repo.ts';

const money = (amountMinor: number | null, currency: string | null) =>
  amountMinor === null || currency === null ? null : { amountMinor, currency };

export function toException(row: repo.ExceptionRow): TException {
  return {
    id: row.id,
    class: row.class as TExceptionClass,
    detail: row.detail as TReconDetail | null,
    status: row.status === 'resolved' ? 'resolved' : 'open',
    isCurrent: row.is_current === 1,
    subjectType: row.subject_type as TException['subjectType'],
    subjectId: row.subject_id,
    occurredAt: row.occurred_at,
    stripe: {
      amount: money(row.stripe_amount_minor, row.stripe_currency),
      fee: money(row.stripe_fee_minor, row.stripe_currency),
      transactionId: row.txn_id,
    },
    portal: {
      amount: money(row.portal_amount_minor, row.portal_currency),
      fee: money(row.portal_fee_minor, row.portal_currency),
    },
    paymentId: row.payment_id,
    relatedPaymentId: row.related_payment_id,
    payoutId: row.payout_id,
    account: row.account_id ? { id: row.account_id, name: row.account_name ?? row.account_id } : null,
    invoice: row.invoice_id && row.invoice_number ? { id: row.invoice_id, number: row.invoice_number } : null,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolution:
      row.status === 'resolved' && row.resolved_at
        ? {
            note: row.resolution_note ?? '',
            resolvedAt: row.resolved_at,
            resolvedBy: row.resolved_by_label ?? '',
          }
        : null,
  };
}

/** The exceptions of the latest reconciliation (or all ever found, `includeCleared`), newest first. */
export async function listExceptions(
  deps: AppDeps,
  query: ReturnType<typeof ZExceptionQuery.parse>,
): Promise<TExceptionList> {
  const rows = await repo.listExceptions(deps.db, {
    status: query.status,
    class: query.class,
    includeCleared: query.includeCleared,
  });
  const counts = { open: 0, resolved: 0 };
  for (const row of await repo.countExceptions(deps.db, query.includeCleared)) {
    if (row.status === 'open' || row.status === 'resolved') counts[row.status] = Number(row.count);
  }
  return { exceptions: rows.map(toException), counts };
}

type Staff = Pick<SessionUser, 'id' | 'email'>;

/** Resolves an open exception with finance's note; audited in the same transaction. 409 when already resolved. */
export async function resolveException(
  deps: AppDeps,
  user: Staff,
  id: string,
  note: string,
): Promise<TException> {
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.findException(tx, id);
    if (!row) throw notFound('No such exception.');
    if (row.status === 'resolved') throw new AppError('conflict', 'This exception is already resolved.');
    await repo.setResolution(tx, id, {
      status: 'resolved',
      resolvedAt: at.toISOString(),
      resolvedByUserId: user.id,
      resolvedByLabel: user.email,
      note,
      updatedAt: at.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.email },
      accountId: row.account_id,
      entityType: 'finance_exception',
      entityId: id,
      action: 'finance.exception.resolved',
      before: { status: row.status, class: row.class, subject: row.subject_id },
      after: { status: 'resolved', note },
      at,
    });
  });
  return getException(deps, id);
}

/** Opens a resolved exception again (the note was wrong, or the problem is back); audited. */
export async function reopenException(deps: AppDeps, user: Staff, id: string): Promise<TException> {
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.findException(tx, id);
    if (!row) throw notFound('No such exception.');
    if (row.status !== 'resolved') throw new AppError('conflict', 'This exception is open.');
    await repo.setResolution(tx, id, {
      status: 'open',
      resolvedAt: null,
      resolvedByUserId: null,
      resolvedByLabel: null,
      note: null,
      updatedAt: at.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.email },
      accountId: row.account_id,
      entityType: 'finance_exception',
      entityId: id,
      action: 'finance.exception.reopened',
      before: { status: 'resolved', note: row.resolution_note, resolvedBy: row.resolved_by_label },
      after: { status: 'open' },
      at,
    });
  });
  return getException(deps, id);
}

export async function getException(deps: AppDeps, id: string): Promise<TException> {
  const row = await repo.findException(deps.db, id);
  if (!row) throw notFound('No such exception.');
  return toException(row);
}
