// The vendor's records applied to the portal (issue 13 item 2): accounts, contacts and subscriptions keyed by
// the vendor's external ids, from `/api/v1`, the CSV import and the ops workspace. One batch is one
// transaction; each record is checked on its own (field-level errors) and a refused record does not stop the
// others. The owning features write their tables (accounts, subscriptions), audit and announce each change in
// this transaction. The same record twice is 'unchanged'. A dry run does everything, reports, and rolls back.

import {
  MAX_BATCH_RECORDS,
  type TFieldError,
  type TRecordKind,
  type TRecordResult,
  type TVendorAccount,
  type TVendorContact,
  type TVendorSubscription,
  ZAccountRecord,
  ZContactRecord,
  ZSubscriptionRecord,
} from '@portal/shared/schemas/vendor-api';
import type { z } from 'zod';
import type { AuditActor } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  findAccountByExternalId,
  findVendorAccountsById,
  listVendorAccounts,
  listVendorContacts,
  upsertAccountRecord,
  upsertContactRecord,
} from '../accounts/service.ts';
import { loadCatalog, type PricedPlan } from '../offers/service.ts';
import {
  findVendorSubscription,
  listVendorSubscriptions,
  toVendorSubscription,
  upsertSubscriptionRecord,
} from '../subscriptions/service.ts';

export { MAX_BATCH_RECORDS };

/** Who applies the records, as audited: an API key (`api-key:<prefix>`), an ops user, an import. */
export type VendorActor = AuditActor;

export type RecordBatch = {
  accounts?: readonly unknown[];
  contacts?: readonly unknown[];
  subscriptions?: readonly unknown[];
};

class DryRunRollback extends Error {
  constructor(readonly results: TRecordResult[]) {
    super('dry run');
  }
}

function fieldErrorsOf(error: z.ZodError): TFieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '_',
    message: issue.message,
  }));
}

function rawText(raw: unknown, field: string): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' ? value.trim() : undefined;
}

function keyOf(kind: TRecordKind, raw: unknown, index: number): string {
  const key =
    kind === 'contact'
      ? rawText(raw, 'accountExternalId') !== undefined && rawText(raw, 'email') !== undefined
        ? `${rawText(raw, 'accountExternalId')}/${rawText(raw, 'email')?.toLowerCase()}`
        : undefined
      : rawText(raw, 'externalId');
  return key || `#${index + 1}`;
}

const refused = (kind: TRecordKind, key: string, errors: TFieldError[]): TRecordResult => ({
  kind,
  key,
  outcome: 'refused',
  id: null,
  errors,
});

export function countRecords(batch: RecordBatch): number {
  return (batch.accounts?.length ?? 0) + (batch.contacts?.length ?? 0) + (batch.subscriptions?.length ?? 0);
}

/**
 * Applies a batch (accounts, then contacts, then subscriptions) in one transaction and returns one result per
 * record, in that order. `dryRun`: the same checks and outcomes, then everything is rolled back (created
 * records report no id). More than MAX_BATCH_RECORDS records: a 413 before anything is read.
 */
export async function applyRecords(
  deps: AppDeps,
  actor: VendorActor,
  batch: RecordBatch,
  options: { dryRun: boolean },
): Promise<TRecordResult[]> {
  const total = countRecords(batch);
  if (total > MAX_BATCH_RECORDS) {
    throw new AppError(
      'payload_too_large',
      `A batch holds at most ${MAX_BATCH_RECORDS} records; this one has ${total}. Split it.`,
    );
  }
  const now = deps.clock.now();
  try {
    const results = await deps.db.transaction().execute(async (tx) => {
      const results = await applyInTransaction(tx, deps, now, actor, batch);
      if (options.dryRun) throw new DryRunRollback(results);
      return results;
    });
    return results;
  } catch (error) {
    if (error instanceof DryRunRollback) {
      return error.results.map((r) => (r.outcome === 'created' ? { ...r, id: null } : r));
    }
    throw error;
  }
}

async function applyInTransaction(
  tx: DbOrTx,
  deps: AppDeps,
  now: Date,
  actor: VendorActor,
  batch: RecordBatch,
): Promise<TRecordResult[]> {
  const results: TRecordResult[] = [];
  const accounts = new Map<string, TVendorAccount | null>();
  const accountOf = async (externalId: string) => {
    if (!accounts.has(externalId)) {
      accounts.set(externalId, (await findAccountByExternalId(tx, externalId)) ?? null);
    }
    return accounts.get(externalId) ?? null;
  };
  const unknownAccount = (externalId: string): TFieldError[] => [
    { field: 'accountExternalId', message: `No account has the external id "${externalId}".` },
  ];

  for (const [index, raw] of (batch.accounts ?? []).entries()) {
    const key = keyOf('account', raw, index);
    const parsed = ZAccountRecord.safeParse(raw);
    if (!parsed.success) {
      results.push(refused('account', key, fieldErrorsOf(parsed.error)));
      continue;
    }
    const outcome = await upsertAccountRecord(tx, now, actor, parsed.data);
    accounts.delete(parsed.data.externalId);
    results.push(
      outcome.outcome === 'refused'
        ? refused('account', key, outcome.errors)
        : { kind: 'account', key, outcome: outcome.outcome, id: outcome.id, errors: [] },
    );
  }

  for (const [index, raw] of (batch.contacts ?? []).entries()) {
    const key = keyOf('contact', raw, index);
    const parsed = ZContactRecord.safeParse(raw);
    if (!parsed.success) {
      results.push(refused('contact', key, fieldErrorsOf(parsed.error)));
      continue;
    }
    const account = await accountOf(parsed.data.accountExternalId);
    if (!account) {
      results.push(refused('contact', key, unknownAccount(parsed.data.accountExternalId)));
      continue;
    }
    const outcome = await upsertContactRecord(tx, deps, now, actor, account, parsed.data);
    results.push(
      outcome.outcome === 'refused'
        ? refused('contact', key, outcome.errors)
        : { kind: 'contact', key, outcome: outcome.outcome, id: outcome.id, errors: [] },
    );
  }

  let catalog: PricedPlan[] | undefined;
  for (const [index, raw] of (batch.subscriptions ?? []).entries()) {
    const key = keyOf('subscription', raw, index);
    const parsed = ZSubscriptionRecord.safeParse(raw);
    if (!parsed.success) {
      results.push(refused('subscription', key, fieldErrorsOf(parsed.error)));
      continue;
    }
    const record = parsed.data;
    const account = await accountOf(record.accountExternalId);
    if (!account) {
      results.push(refused('subscription', key, unknownAccount(record.accountExternalId)));
      continue;
    }
    catalog ??= await loadCatalog(tx);
    const plan = catalog.find((p) => p.code === record.planCode);
    if (!plan) {
      results.push(
        refused('subscription', key, [
          {
            field: 'planCode',
            message: `No plan has the code "${record.planCode}" (plans: ${catalog.map((p) => p.code).join(', ')}).`,
          },
        ]),
      );
      continue;
    }
    const unitPriceMinor = record.unitPriceMinor ?? plan.prices[account.currency];
    if (unitPriceMinor === undefined) {
      results.push(
        refused('subscription', key, [
          {
            field: 'unitPriceMinor',
            message: `The plan "${plan.code}" has no list price in ${account.currency}; send unitPriceMinor.`,
          },
        ]),
      );
      continue;
    }
    const outcome = await upsertSubscriptionRecord(tx, now, actor, {
      record,
      account: { id: account.id, externalId: account.externalId, currency: account.currency },
      plan: { id: plan.id, code: plan.code, name: plan.name },
      unitPriceMinor,
    });
    results.push(
      outcome.outcome === 'refused'
        ? refused('subscription', key, outcome.errors)
        : { kind: 'subscription', key, outcome: outcome.outcome, id: outcome.id, errors: [] },
    );
  }
  return results;
}

// ---- reads ----

/** Cursors are the last external id of the page, base64url-encoded (opaque to callers). */
export const encodeCursor = (externalId: string) => Buffer.from(externalId, 'utf8').toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded || encodeCursor(decoded) !== cursor) {
    throw new AppError('validation_failed', 'This cursor is not valid.', {
      fields: { cursor: 'Use the nextCursor of the previous page' },
    });
  }
  return decoded;
}

type Page<T> = { data: T[]; nextCursor: string | null };

function pageOf<T extends { externalId: string | null }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1)?.externalId;
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export async function getVendorAccount(deps: AppDeps, externalId: string): Promise<TVendorAccount> {
  const account = await findAccountByExternalId(deps.db, externalId);
  if (!account) throw notFound(`No account has the external id "${externalId}".`);
  return account;
}

export async function listAccounts(
  deps: AppDeps,
  query: { cursor?: string; limit: number },
): Promise<Page<TVendorAccount>> {
  const rows = await listVendorAccounts(deps.db, {
    ...optional('after', decodeCursor(query.cursor)),
    limit: query.limit + 1,
  });
  return pageOf(rows, query.limit);
}

export async function listContactsOf(deps: AppDeps, accountExternalId: string): Promise<TVendorContact[]> {
  const account = await getVendorAccount(deps, accountExternalId);
  return listVendorContacts(deps.db, account.id);
}

export async function getVendorSubscription(deps: AppDeps, externalId: string): Promise<TVendorSubscription> {
  const row = await findVendorSubscription(deps.db, externalId);
  if (!row) throw notFound(`No subscription has the external id "${externalId}".`);
  const [account] = await findVendorAccountsById(deps.db, [row.account_id]);
  return toVendorSubscription(row, account?.externalId ?? null);
}

export async function listSubscriptions(
  deps: AppDeps,
  query: { cursor?: string; limit: number; accountExternalId?: string },
): Promise<Page<TVendorSubscription>> {
  const account =
    query.accountExternalId === undefined ? undefined : await getVendorAccount(deps, query.accountExternalId);
  const rows = await listVendorSubscriptions(deps.db, {
    ...optional('after', decodeCursor(query.cursor)),
    ...optional('accountId', account?.id),
    limit: query.limit + 1,
  });
  const accounts = new Map(
    (await findVendorAccountsById(deps.db, [...new Set(rows.map((r) => r.account_id))])).map((a) => [
      a.id,
      a.externalId,
    ]),
  );
  return pageOf(
    rows.map((r) => toVendorSubscription(r, accounts.get(r.account_id) ?? null)),
    query.limit,
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
