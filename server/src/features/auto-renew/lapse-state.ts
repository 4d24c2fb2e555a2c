// The standing "let it lapse" decision (decision 024), read and cleared inside other use cases' transactions:
// a decision stands while it is 'declined' and about the running term; renewing after all (a paid quote,
// auto-renew turned on with a new consent) clears it, audited in the same transaction.

import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx, Tx } from '../../platform/db/connection.ts';
import * as lapses from './lapse-repo.ts';

/** The decision standing for the term ending on `termEnd` (a decision about an earlier term does not stand). */
export async function standingLapse(db: DbOrTx, subscriptionId: string, termEnd: string) {
  const row = await lapses.findDeclined(db, subscriptionId);
  return row && row.term_end === termEnd ? row : undefined;
}

/** Clears the subscription's 'declined' decision, if any (the customer renews after all), audited. */
export async function clearLapseIn(
  tx: Tx,
  input: {
    subscriptionId: string;
    accountId: string;
    actor: { userId: string | null; label: string };
    cause: 'paid' | 'auto_renew_on';
    now: Date;
  },
): Promise<void> {
  const row = await lapses.findDeclined(tx, input.subscriptionId);
  if (!row) return;
  const nowIso = input.now.toISOString();
  if (
    !(await lapses.endDeclined(tx, row.id, {
      state: 'cleared',
      ended_by_label: input.actor.label,
      ended_at: nowIso,
    }))
  ) {
    return;
  }
  await recordAudit(tx, {
    actor: input.actor,
    accountId: input.accountId,
    entityType: 'subscription',
    entityId: input.subscriptionId,
    action: 'subscription.renewal_decline_cleared',
    before: { lapseId: row.id, termEnd: row.term_end },
    after: { cause: input.cause },
    at: input.now,
  });
}
