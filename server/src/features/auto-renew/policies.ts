// The notice policies in force: ops may replace the built-in ones (DESIGN.md §4, shared/src/notice-policy.ts)
// with their own, kept in app_settings. A policy change applies to renewals planned from then on; the notices
// already scheduled keep the policy they were planned under (each notice records its policy).

import {
  DEFAULT_NOTICE_POLICIES,
  type Jurisdiction,
  type NoticePolicy,
  policyFor,
} from '@portal/shared/notice-policy';
import { type TNoticePolicies, ZNoticePolicies } from '@portal/shared/schemas/auto-renew';
import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import * as settings from '../../platform/settings/settings.ts';

const POLICIES_KEY = 'auto_renew.notice_policies';

// Read on every plan and notice, changed rarely: kept per stored text, so a change is seen at once.
const parsedPolicies = new Map<string, NoticePolicy[]>();

export async function loadNoticePolicies(db: DbOrTx): Promise<NoticePolicy[]> {
  const row = await settings.findSetting(db, POLICIES_KEY);
  if (!row) return DEFAULT_NOTICE_POLICIES;
  const cached = parsedPolicies.get(row.value_json);
  if (cached) return cached;
  const parsed = ZNoticePolicies.safeParse(fromJson(row.value_json, null));
  const policies = parsed.success ? (parsed.data as NoticePolicy[]) : DEFAULT_NOTICE_POLICIES;
  parsedPolicies.clear();
  parsedPolicies.set(row.value_json, policies);
  return policies;
}

export async function noticePolicyFor(db: DbOrTx, jurisdiction: Jurisdiction): Promise<NoticePolicy> {
  return policyFor(jurisdiction, await loadNoticePolicies(db));
}

export async function findNoticePolicy(db: DbOrTx, id: string): Promise<NoticePolicy | undefined> {
  return (await loadNoticePolicies(db)).find((p) => p.id === id);
}

/** Replaces the policies (ops); audited. */
export async function saveNoticePolicies(
  deps: AppDeps,
  actor: SessionUser,
  policies: TNoticePolicies,
): Promise<NoticePolicy[]> {
  const now = deps.clock.now();
  const before = await loadNoticePolicies(deps.db);
  await deps.db.transaction().execute(async (tx) => {
    await settings.writeSetting(tx, POLICIES_KEY, policies, now);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'notice_policies',
      entityId: 'auto_renew',
      action: 'notice_policies.updated',
      before,
      after: policies,
      at: now,
    });
  });
  return policies as NoticePolicy[];
}
