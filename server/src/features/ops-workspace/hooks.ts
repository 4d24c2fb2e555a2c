// What the ops workspace asks other features through the composition root (server/src/hooks.ts), so it
// imports none of the slices built beside it (decision 021):
// - `applyVendorRecords`: create or edit accounts and contracts as vendor records (vendor-api's `applyRecords`,
//   decision 018). Until it is registered the create/edit actions answer 503 and the page says so.
// - `countFailedWebhookDeliveries`: the webhooks feature's count of deliveries that failed for good (decision
//   019). Until it is registered the landing page hides that tile.

import type {
  TAccountRecord,
  TContactRecord,
  TRecordResult,
  TSubscriptionRecord,
} from '@portal/shared/schemas/vendor-api';
import type { AuditActor } from '../../platform/audit/service.ts';
import { defineProvider } from '../../platform/hooks.ts';
import type { AppDeps } from '../../platform/http/context.ts';

export type VendorRecords = {
  accounts?: TAccountRecord[];
  contacts?: TContactRecord[];
  subscriptions?: TSubscriptionRecord[];
};

export const applyVendorRecords = defineProvider<
  (
    deps: AppDeps,
    actor: AuditActor,
    records: VendorRecords,
    options: { dryRun: boolean },
  ) => Promise<TRecordResult[]>
>('ops-workspace.apply-vendor-records');

export const countFailedWebhookDeliveries = defineProvider<(deps: AppDeps) => Promise<number>>(
  'ops-workspace.count-failed-webhook-deliveries',
);
