// A subscription made in the portal gets the vendor's own id, so ops can edit it as a vendor record from then
// on (decision 026): once, never an id another subscription holds, audited with the reason ops typed. Also the
// account's subscriptions as vendor records, for the ops forms.

import type { TFieldError, TVendorSubscription } from '@portal/shared/schemas/vendor-api';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { toVendorSubscription } from './vendor-records.ts';
import * as repo from './vendor-repo.ts';

export async function listVendorSubscriptionsOfAccount(
  deps: AppDeps,
  account: { id: string; externalId: string | null },
): Promise<TVendorSubscription[]> {
  const rows = await repo.listOfAccount(deps.db, account.id);
  return rows.map((row) => toVendorSubscription(row, account.externalId));
}

/** Null when done (or already that id); else the field error to show. */
export async function assignSubscriptionExternalId(
  deps: AppDeps,
  actor: AuditActor,
  input: { subscriptionId: string; externalId: string; reason: string },
): Promise<TFieldError | null> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await repo.findById(tx, input.subscriptionId);
    if (!row) throw notFound('Subscription not found');
    if (row.external_id === input.externalId) return null;
    if (row.external_id !== null) {
      return {
        field: 'externalId',
        message: `This subscription's external id is ${row.external_id}; it cannot change.`,
      };
    }
    if (await repo.findByExternalId(tx, input.externalId)) {
      return { field: 'externalId', message: 'Another subscription has this external id.' };
    }
    const now = deps.clock.now();
    await repo.update(tx, row.id, { external_id: input.externalId, updated_at: now.toISOString() });
    await recordAudit(tx, {
      actor,
      accountId: row.account_id,
      entityType: 'subscription',
      entityId: row.id,
      action: 'subscription.external_id_assigned',
      before: { externalId: null },
      after: { externalId: input.externalId },
      reason: input.reason,
      at: now,
    });
    return null;
  });
}
