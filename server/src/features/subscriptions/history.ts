// A subscription's history: the one way to append an event to it (used by the service and by the contract
// changes in changes.ts, so that neither imports the other).

import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { toJson } from '../../platform/db/json.ts';
import * as repo from './repo.ts';

/** Appends to a subscription's history inside the caller's transaction. */
export async function recordSubscriptionEvent(
  tx: DbOrTx,
  event: {
    subscriptionId: string;
    type: string;
    at: Date;
    actor: { userId: string | null; label: string } | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await repo.insertEvent(tx, {
    id: newId('sev'),
    subscriptionId: event.subscriptionId,
    type: event.type,
    at: event.at.toISOString(),
    actorUserId: event.actor?.userId ?? null,
    actorLabel: event.actor?.label ?? null,
    data: toJson(event.data ?? {}),
  });
}
