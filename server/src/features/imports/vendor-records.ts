// TEMPORARY stand-in for vendor-api's `applyRecords` (features/vendor-api/service.ts, branch issue-vendor-api),
// with its signature from the briefing, until that branch is merged: then this file re-exports the real one.
// In memory only: it says what a record would do, and remembers applied records by kind and key.

import type {
  TAccountRecord,
  TContactRecord,
  TRecordResult,
  TSubscriptionRecord,
} from '@portal/shared/schemas/vendor-api';
import type { AuditActor } from '../../platform/audit/service.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';

export type VendorRecords = {
  accounts?: TAccountRecord[];
  contacts?: TContactRecord[];
  subscriptions?: TSubscriptionRecord[];
};

const store = new Map<string, { id: string; json: string }>();

export async function applyRecords(
  _deps: AppDeps,
  _actor: AuditActor,
  records: VendorRecords,
  options: { dryRun: boolean },
): Promise<TRecordResult[]> {
  const results: TRecordResult[] = [];
  const one = (kind: TRecordResult['kind'], key: string, record: object, accountKey?: string) => {
    if (accountKey !== undefined && !store.has(`account:${accountKey}`)) {
      results.push({
        kind,
        key,
        outcome: 'refused',
        id: null,
        errors: [{ field: 'accountExternalId', message: 'No account with this external id' }],
      });
      return;
    }
    const json = JSON.stringify(record);
    const existing = store.get(`${kind}:${key}`);
    const outcome = !existing ? 'created' : existing.json === json ? 'unchanged' : 'updated';
    const id = existing?.id ?? newId(kind.slice(0, 3));
    if (!options.dryRun) store.set(`${kind}:${key}`, { id, json });
    results.push({ kind, key, outcome, id: options.dryRun && !existing ? null : id, errors: [] });
  };
  for (const a of records.accounts ?? []) one('account', a.externalId, a);
  for (const c of records.contacts ?? [])
    one('contact', `${c.accountExternalId}/${c.email}`, c, c.accountExternalId);
  for (const s of records.subscriptions ?? []) one('subscription', s.externalId, s, s.accountExternalId);
  return results;
}
