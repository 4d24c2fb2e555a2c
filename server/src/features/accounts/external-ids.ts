// Giving an account made in the portal (the demo, or before the vendor's systems were connected) the vendor's
// own id, so ops can edit it as a vendor record from then on (decision 026). Only once: an account that has an
// external id keeps it; an id another account holds is refused. Audited with the reason ops typed.

import type { TFieldError } from '@portal/shared/schemas/vendor-api';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as repo from './vendor-repo.ts';

/** Null when done (or already that id); else the field error to show. */
export async function assignAccountExternalId(
  deps: AppDeps,
  actor: AuditActor,
  input: { accountId: string; externalId: string; reason: string },
): Promise<TFieldError | null> {
  return deps.db.transaction().execute(async (tx) => {
    const account = await repo.findAccountById(tx, input.accountId);
    if (!account) throw notFound('Account not found');
    if (account.external_id === input.externalId) return null;
    if (account.external_id !== null) {
      return {
        field: 'externalId',
        message: `This account's external id is ${account.external_id}; it cannot change.`,
      };
    }
    const [holder] = await repo.findAccountsByExternalId(tx, [input.externalId], { lock: false });
    if (holder) return { field: 'externalId', message: 'Another account has this external id.' };
    const now = deps.clock.now();
    await repo.updateAccount(tx, account.id, {
      external_id: input.externalId,
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      action: 'account.external_id_assigned',
      before: { externalId: null },
      after: { externalId: input.externalId },
      reason: input.reason,
      at: now,
    });
    return null;
  });
}
