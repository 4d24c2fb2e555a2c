// The ops workspace (issue 13 item 6, decision 021): read models for the landing page, the account search and
// the account page with its merged timeline, and the actions ops take on a customer's behalf, each audited
// with the reason ops typed. Every other feature's data comes through its service (or a provider hook).

import { CSV_BOM, toCsv } from '@portal/shared/csv';
import { addDays } from '@portal/shared/dates';
import {
  type TAccountSearchPage,
  type TAccountSearchRow,
  type TAuditLogPage,
  type TAuditLogRow,
  type TInviteContact,
  type TOpsAccount,
  type TOpsSummary,
  type TTimelineItem,
  type TTimelinePage,
  ZAccountSearchQuery,
  ZAuditLogQuery,
  ZTimeKey,
  ZTimelineQuery,
} from '@portal/shared/schemas/ops-workspace';
import type { TFieldError, TRecordResult } from '@portal/shared/schemas/vendor-api';
import { z } from 'zod';
import { type AuditLogFilter, listAuditLog, recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { listRuns } from '../../platform/jobs/runs.ts';
import { listEmailsOfAccount } from '../../platform/notifications/service.ts';
import {
  assignAccountExternalId,
  contactAccountIdQueries,
  findVendorAccountsById,
  getAccountProfile,
  inviteUser,
  listUsers,
} from '../accounts/service.ts';
import {
  cancelContractByOps,
  noticeTimeline,
  RENEWALS_JOB,
  type RequestMeta,
} from '../auto-renew/service.ts';
import { countOpenExceptions } from '../finance/service.ts';
import { invoiceTimeline } from '../invoices/service.ts';
import { quoteTimeline } from '../offers/service.ts';
import { paymentTimeline } from '../payments/service.ts';
import { listPipeline } from '../pipeline/service.ts';
import {
  assignSubscriptionExternalId,
  findVendorSubscription,
  listSubscriptions,
  listVendorSubscriptionsOfAccount,
} from '../subscriptions/service.ts';
import { getHealthOf } from '../value-reports/service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applyVendorRecords, countFailedWebhookDeliveries, type VendorRecords } from './hooks.ts';
import * as repo from './repo.ts';

type Staff = Pick<SessionUser, 'id' | 'email' | 'name'>;
const actorOf = (staff: Staff) => ({ userId: staff.id, label: staff.email });

// ---- the landing page ----

const AT_RISK_SHOWN = 5;

export async function getOpsSummary(deps: AppDeps): Promise<TOpsSummary> {
  const today = deps.clock.today();
  const [runs, pipeline, openFinanceExceptions, failed] = await Promise.all([
    listRuns(deps.db, { job: RENEWALS_JOB, limit: 1, now: deps.clock.now() }),
    listPipeline(deps, { window: 'all', risk: 'all', sort: 'health', q: '' }),
    countOpenExceptions(deps),
    deps.hooks.isHandled(countFailedWebhookDeliveries)
      ? deps.hooks.ask(countFailedWebhookDeliveries, deps)
      : Promise.resolve(null),
  ]);
  const latest = runs[0] ?? null;
  const dueWithin = (days: number) =>
    pipeline.rows.filter((r) => r.daysLeft > 0 && r.daysLeft <= days && r.status !== 'cancelled').length;
  const atRisk = pipeline.rows.filter((r) => r.health.isAtRisk);
  return {
    today,
    run: latest
      ? {
          id: latest.id,
          forDate: latest.forDate,
          status: latest.status,
          startedAt: latest.startedAt,
          finishedAt: latest.finishedAt,
          stats: latest.stats,
        }
      : null,
    runIsToday: latest?.forDate === today,
    isRunning: latest?.status === 'running',
    due: { in30: dueWithin(30), in60: dueWithin(60), in90: dueWithin(90) },
    atRisk: {
      count: new Set(atRisk.map((r) => r.accountId)).size,
      top: atRisk.slice(0, AT_RISK_SHOWN).map((r) => ({
        accountId: r.accountId,
        accountName: r.accountName,
        subscriptionId: r.subscriptionId,
        score: r.health.score,
        reasons: r.health.riskReasons,
        termEnd: r.termEnd,
      })),
    },
    openFinanceExceptions,
    failedWebhookDeliveries: failed,
  };
}

// ---- the account search ----

const ZAccountKey = z.object({ name: z.string(), id: z.string() });
/** With a health filter, pages are filled from batches of this many accounts, at most MAX_BATCHES of them. */
const HEALTH_BATCH = 100;
const MAX_BATCHES = 10;

type SubscriptionOfAccount = Awaited<ReturnType<typeof repo.subscriptionsOfAccounts>>[number];

function accountStatus(subs: SubscriptionOfAccount[], today: string, graceFrom: string) {
  if (subs.some((s) => s.term_end > today)) return 'active' as const;
  if (subs.some((s) => !s.cancelled_at && s.term_end >= graceFrom && s.term_end <= today))
    return 'grace' as const;
  return 'inactive' as const;
}

/** Rows for a batch of accounts: status, next term end and the worst health of its running subscriptions. */
async function describeAccounts(
  deps: AppDeps,
  accounts: Awaited<ReturnType<typeof repo.searchAccounts>>,
  today: string,
  graceFrom: string,
): Promise<TAccountSearchRow[]> {
  const subs = await repo.subscriptionsOfAccounts(
    deps.db,
    accounts.map((a) => a.id),
  );
  const running = subs.filter((s) => s.term_end > today);
  const health = await getHealthOf(
    deps,
    running.map((s) => ({ id: s.id, accountId: s.account_id, seats: s.seats })),
  );
  return accounts.map((a) => {
    const own = subs.filter((s) => s.account_id === a.id);
    const healths = own.flatMap((s) => health.get(s.id) ?? []);
    const worst = healths.sort((x, y) => x.score - y.score)[0];
    const nextTermEnd =
      own
        .filter((s) => s.term_end > today && !s.cancelled_at)
        .map((s) => s.term_end)
        .sort()[0] ?? null;
    return {
      id: a.id,
      name: a.name,
      currency: a.currency,
      country: a.country,
      externalId: a.external_id,
      status: accountStatus(own, today, graceFrom),
      nextTermEnd,
      health: worst
        ? {
            score: worst.score,
            isAtRisk: healths.some((h) => h.isAtRisk),
            reasons: [...new Set(healths.flatMap((h) => h.riskReasons))],
          }
        : null,
    };
  });
}

export async function searchAccounts(deps: AppDeps, input: unknown): Promise<TAccountSearchPage> {
  const query = ZAccountSearchQuery.parse(input);
  const today = deps.clock.today();
  const graceFrom = addDays(today, 1 - deps.config.graceDays);
  const filter: repo.AccountFilter = {
    q: query.q || undefined,
    contactMatches: query.q ? contactAccountIdQueries(deps, query.q) : undefined,
    currency: query.currency,
    status: query.status,
    termEndRange: query.window
      ? { first: addDays(today, 1), last: addDays(today, Number(query.window)) }
      : undefined,
    today,
    graceFrom,
  };
  let after = decodeCursor(ZAccountKey, query.cursor);
  if (!query.health) {
    const batch = await repo.searchAccounts(deps.db, filter, after, query.limit + 1);
    const page = batch.slice(0, query.limit);
    const last = page.at(-1);
    return {
      rows: await describeAccounts(deps, page, today, graceFrom),
      nextCursor: batch.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
    };
  }
  // Health is computed, not stored: fill the page from batches in order, and stop after a bounded scan (the
  // cursor then points past the last account looked at, so "more" continues exactly there).
  const wantAtRisk = query.health === 'at_risk';
  const rows: TAccountSearchRow[] = [];
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await repo.searchAccounts(deps.db, filter, after, HEALTH_BATCH);
    const described = await describeAccounts(deps, batch, today, graceFrom);
    for (const [index, row] of described.entries()) {
      if (Boolean(row.health?.isAtRisk) !== wantAtRisk || row.health === null) continue;
      rows.push(row);
      if (rows.length === query.limit) {
        const account = batch[index];
        const isLast = index === batch.length - 1 && batch.length < HEALTH_BATCH;
        return {
          rows,
          nextCursor: account && !isLast ? encodeCursor({ name: account.name, id: account.id }) : null,
        };
      }
    }
    const last = batch.at(-1);
    if (batch.length < HEALTH_BATCH || !last) return { rows, nextCursor: null };
    after = { name: last.name, id: last.id };
  }
  return { rows, nextCursor: after ? encodeCursor(after) : null };
}

// ---- the account page ----

export async function getOpsAccount(deps: AppDeps, accountId: string): Promise<TOpsAccount> {
  const account = await getAccountProfile(deps, accountId);
  const [contacts, subscriptions, [vendorAccount], records] = await Promise.all([
    listUsers(deps, accountId),
    listSubscriptions(deps, accountId),
    findVendorAccountsById(deps.db, [accountId]),
    listVendorSubscriptionsOfAccount(deps, account),
  ]);
  const recordOf = new Map(records.map((r) => [r.id, r]));
  const health = await getHealthOf(
    deps,
    subscriptions.map((s) => ({ id: s.id, accountId, seats: s.seats })),
  );
  return {
    account: {
      ...account,
      region: vendorAccount?.region ?? null,
      addressLine1: vendorAccount?.addressLine1 ?? null,
      addressLine2: vendorAccount?.addressLine2 ?? null,
      city: vendorAccount?.city ?? null,
      postalCode: vendorAccount?.postalCode ?? null,
      taxId: vendorAccount?.taxId ?? null,
    },
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      role: c.role,
      status: c.status,
      lastSignInAt: c.lastSignInAt,
    })),
    subscriptions: subscriptions.map((s) => {
      const h = health.get(s.id);
      const record = recordOf.get(s.id);
      return {
        id: s.id,
        label: s.label,
        planName: s.plan.name,
        seats: s.seats,
        termStart: s.termStart,
        termEnd: s.termEnd,
        status: s.status,
        cancelled: s.cancelledAt !== null,
        autoRenew: s.autoRenew.enabled,
        annualValue: s.annualValue,
        health: {
          score: h?.score ?? 0,
          isAtRisk: h?.isAtRisk ?? false,
          reasons: h?.riskReasons ?? [],
        },
        record: {
          externalId: record?.externalId ?? null,
          planCode: record?.planCode ?? s.plan.code,
          unitPriceMinor: record?.unitPriceMinor ?? 0,
          currency: record?.currency ?? s.currency,
          autoRenewElsewhere: record?.autoRenewElsewhere ?? false,
        },
      };
    }),
  };
}

type TimelineSource = (
  deps: AppDeps,
  accountId: string,
  after: z.infer<typeof ZTimeKey> | null,
  limit: number,
) => Promise<TTimelineItem[]>;

async function auditTimeline(
  deps: AppDeps,
  accountId: string,
  after: z.infer<typeof ZTimeKey> | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await listAuditLog(deps.db, { accountId }, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: 'audit' as const,
    label: r.action,
    ref: `${r.entity_type} ${r.entity_id}`,
    status: null,
    amount: null,
    actor: r.actor_label,
    reason: r.reason,
  }));
}

async function emailTimeline(
  deps: AppDeps,
  accountId: string,
  after: z.infer<typeof ZTimeKey> | null,
  limit: number,
): Promise<TTimelineItem[]> {
  const rows = await listEmailsOfAccount(deps.db, accountId, after, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at,
    kind: 'email' as const,
    label: r.template,
    ref: r.subject,
    status: r.status,
    amount: null,
    actor: r.to_address,
    reason: null,
  }));
}

/** Each owner's newest-first page of an account's history. */
const TIMELINE_SOURCES: readonly TimelineSource[] = [
  noticeTimeline,
  emailTimeline,
  quoteTimeline,
  paymentTimeline,
  invoiceTimeline,
  auditTimeline,
];

/** Newest first, then by id (every source's ids carry their own prefix, so no two items tie). */
export function compareTimeline(a: TTimelineItem, b: TTimelineItem): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * One page of the account's timeline: each source gives its newest `limit` items older than the cursor, the
 * lists are merged, and the first `limit` kept. Every source orders by the same (at, id) key, so the page is
 * exactly what one merged, sorted list would show there.
 */
export async function getAccountTimeline(
  deps: AppDeps,
  accountId: string,
  input: unknown,
): Promise<TTimelinePage> {
  const query = ZTimelineQuery.parse(input);
  await getAccountProfile(deps, accountId);
  const after = decodeCursor(ZTimeKey, query.cursor);
  const lists = await Promise.all(
    TIMELINE_SOURCES.map((source) => source(deps, accountId, after, query.limit + 1)),
  );
  const merged = lists.flat().sort(compareTimeline);
  const items = merged.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: merged.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

// ---- actions ----

export async function inviteContact(deps: AppDeps, staff: Staff, accountId: string, input: TInviteContact) {
  await getAccountProfile(deps, accountId);
  return inviteUser(
    deps,
    { id: staff.id, accountId, email: staff.email, name: staff.name },
    { email: input.email, name: input.name, role: input.role },
    { reason: input.reason },
  );
}

export async function cancelContract(
  deps: AppDeps,
  staff: Staff,
  accountId: string,
  subscriptionId: string,
  input: { reason: string; meta: RequestMeta },
): Promise<void> {
  const subscriptions = await listSubscriptions(deps, accountId);
  if (!subscriptions.some((s) => s.id === subscriptionId)) throw notFound('Subscription not found');
  await cancelContractByOps(deps, staff, subscriptionId, input);
}

/**
 * Creates or edits accounts and contracts as vendor records (vendor-api's `applyRecords`, one transaction),
 * then records who did it and why. 422 while no vendor-api is installed.
 */
export async function applyRecords(
  deps: AppDeps,
  staff: Staff,
  records: VendorRecords,
  reason: string,
  target?: { accountId: string } | { subscriptionId: string },
): Promise<TRecordResult[]> {
  if (!deps.hooks.isHandled(applyVendorRecords)) {
    throw new AppError(
      'rule_violated',
      'Creating and editing records needs the vendor API, not installed here.',
    );
  }
  const refusal = target ? await assignExternalId(deps, staff, records, reason, target) : null;
  if (refusal) return [refusal];
  const results = await deps.hooks.ask(applyVendorRecords, deps, actorOf(staff), records, { dryRun: false });
  const changed = results.filter((r) => r.outcome === 'created' || r.outcome === 'updated');
  if (changed.length > 0) {
    // A contract's row names its account, so the reason shows on the account's timeline too.
    const accountOf = async (result: TRecordResult) => {
      if (result.kind === 'account') return result.id;
      if (result.kind !== 'subscription') return null;
      return (await findVendorSubscription(deps.db, result.key))?.account_id ?? null;
    };
    const accountIds = await Promise.all(changed.map(accountOf));
    await deps.db.transaction().execute(async (tx) => {
      for (const [index, result] of changed.entries()) {
        await recordAudit(tx, {
          actor: actorOf(staff),
          accountId: accountIds[index] ?? null,
          entityType: result.kind,
          entityId: result.id ?? result.key,
          action: `ops.${result.kind}_${result.outcome}`,
          after: { key: result.key },
          reason,
          at: deps.clock.now(),
        });
      }
    });
  }
  return results;
}

function refusedRecord(kind: TRecordResult['kind'], key: string, error: TFieldError): TRecordResult {
  return { kind, key, outcome: 'refused', id: null, errors: [error] };
}

/**
 * Editing an account or contract made in the portal: it takes the record's external id first (once, audited),
 * so the upsert by external id finds it instead of creating another. A refusal is the record's result.
 */
async function assignExternalId(
  deps: AppDeps,
  staff: Staff,
  records: VendorRecords,
  reason: string,
  target: { accountId: string } | { subscriptionId: string },
): Promise<TRecordResult | null> {
  const subscription = records.subscriptions?.[0];
  const account = records.accounts?.[0];
  if ('subscriptionId' in target && subscription) {
    const error = await assignSubscriptionExternalId(deps, actorOf(staff), {
      subscriptionId: target.subscriptionId,
      externalId: subscription.externalId,
      reason,
    });
    return error && refusedRecord('subscription', subscription.externalId, error);
  }
  if ('accountId' in target && account) {
    const error = await assignAccountExternalId(deps, actorOf(staff), {
      accountId: target.accountId,
      externalId: account.externalId,
      reason,
    });
    return error && refusedRecord('account', account.externalId, error);
  }
  return null;
}

// ---- the audit log ----

const ZAuditKey = ZTimeKey;

function auditFilter(query: z.infer<typeof ZAuditLogQuery>, timeZoneStart: (day: string) => string) {
  const filter: AuditLogFilter = {
    accountId: query.accountId || undefined,
    entityType: query.entityType || undefined,
    action: query.action || undefined,
  };
  if (query.actor) filter.actorLabel = query.actor.toLowerCase();
  if (query.from) filter.from = timeZoneStart(query.from);
  if (query.to) filter.to = new Date(Date.parse(timeZoneStart(addDays(query.to, 1))) - 1).toISOString();
  return filter;
}

function toAuditRow(r: Awaited<ReturnType<typeof listAuditLog>>[number]): TAuditLogRow {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor_label,
    accountId: r.account_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    reason: r.reason,
    before: r.before_json,
    after: r.after_json,
  };
}

/** Day boundaries in UTC (the audit log shows instants in UTC). */
const utcDayStart = (day: string) => `${day}T00:00:00.000Z`;

export async function getAuditLog(deps: AppDeps, input: unknown): Promise<TAuditLogPage> {
  const query = ZAuditLogQuery.parse(input);
  const after = decodeCursor(ZAuditKey, query.cursor);
  const rows = await listAuditLog(deps.db, auditFilter(query, utcDayStart), after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toAuditRow),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

export const AUDIT_CSV_HEADER = [
  'At (UTC)',
  'Actor',
  'Account',
  'Entity type',
  'Entity',
  'Action',
  'Reason',
  'Before',
  'After',
] as const;
/** Rows per database page while exporting; an export stops at AUDIT_CSV_MAX_ROWS (narrow the filters). */
const AUDIT_CSV_PAGE = 1000;
export const AUDIT_CSV_MAX_ROWS = 50_000;

/** The filtered audit log as CSV (RFC 4180, UTF-8 with BOM; cells a spreadsheet would run are defused). */
export async function exportAuditLogCsv(
  deps: AppDeps,
  input: unknown,
): Promise<{ filename: string; csv: string }> {
  const query = ZAuditLogQuery.parse({ ...(input as object), cursor: undefined });
  const filter = auditFilter(query, utcDayStart);
  const rows: TAuditLogRow[] = [];
  let after: z.infer<typeof ZAuditKey> | null = null;
  while (rows.length < AUDIT_CSV_MAX_ROWS) {
    const page = await listAuditLog(deps.db, filter, after, AUDIT_CSV_PAGE);
    rows.push(...page.map(toAuditRow));
    const last = page.at(-1);
    if (page.length < AUDIT_CSV_PAGE || !last) break;
    after = { at: last.at, id: last.id };
  }
  const csv = toCsv(
    AUDIT_CSV_HEADER,
    rows
      .slice(0, AUDIT_CSV_MAX_ROWS)
      .map((r) => [
        r.at,
        r.actor,
        r.accountId,
        r.entityType,
        r.entityId,
        r.action,
        r.reason,
        r.before,
        r.after,
      ]),
  );
  return { filename: `audit-log-${deps.clock.today()}.csv`, csv: CSV_BOM + csv };
}
