// SQL for the delivery worker: claim due e-mails with a lease, then record the outcome.

import type { DbOrTx } from '../db/connection.ts';

/** Due: pending and its next attempt has come, or a claim whose lease ran out (the worker died mid-send). */
export async function listDueEmailIds(db: DbOrTx, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes one e-mail for this worker until `leaseUntilIso`; false when another worker took it first. */
export async function claimEmail(
  db: DbOrTx,
  id: string,
  nowIso: string,
  leaseUntilIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'sending', next_attempt_at: leaseUntilIso })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findEmailForDelivery(db: DbOrTx, id: string) {
  return db
    .selectFrom('email_outbox')
    .select([
      'id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'private_text_body',
      'private_html_body',
      'attempts',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function markSent(db: DbOrTx, id: string, nowIso: string): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: nowIso,
      next_attempt_at: null,
      private_text_body: null,
      private_html_body: null,
      last_error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(
  db: DbOrTx,
  id: string,
  outcome: { error: string; retryAtIso: string | null },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: outcome.retryAtIso ? 'pending' : 'failed',
      // Given up: the link-bearing copy has no further use and is not kept.
      ...(outcome.retryAtIso ? {} : { private_text_body: null, private_html_body: null }),
      next_attempt_at: outcome.retryAtIso,
      last_error: outcome.error.slice(0, 1000),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}
