// The vendor's records applied to the portal (issue 13 item 2): accounts, contacts and subscriptions keyed by
// the vendor's external ids, from `/api/v1`, the CSV import and the ops workspace. One batch is one
// transaction; each record is checked on its own (field-level errors) and a refused record does not stop the
// others. The owning features write their tables (accounts, subscriptions), audit and announce each change in
// this transaction. The same record twice is 'unchanged'. A dry run does everything, reports, and rolls back.

import {
  MAX_BATCH_RECORDS,
  type TContactRecord,
  type TFieldError,
  type TRecordKind,
  type TRecordResult,
  type TSubscriptionRecord,
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
  findAccountsByExternalId,
  findVendorAccountsById,
  listVendorAccounts,
  listVendorContacts,
  type UpsertOutcome,
  upsertAccountRecords,
  upsertContactRecords,
} from '../accounts/service.ts';
import { loadCatalog, type PricedPlan } from '../offers/service.ts';
import {
  findVendorSubscription,
  listVendorSubscriptions,
  type ResolvedSubscriptionRecord,
  toVendorSubscription,
  upsertSubscriptionRecords,
} from '../subscriptions/service.ts';

export { MAX_BATCH_RECORDS };

/** Who applies the records, as audited: an API key (`api-key:<prefix>`), an ops user, an import. */
export type VendorActor = AuditActor;

export type RecordBatch = {
  accounts?: readonly unknown[];
  contacts?: readonly unknown[];
  subscriptions?: readonly unknown[];
};

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

/** Called with the batch's results inside its transaction, before the commit (see `applyRecords`). */
export type InBatchTransaction = (tx: DbOrTx, results: readonly TRecordResult[]) => Promise<void>;

/**
 * Applies a batch (accounts, then contacts, then subscriptions) in one transaction and returns one result per
 * record, in that order. Set-based (decision 025): one read per kind, outcomes worked out in memory in record
 * order, multi-row writes — the same outcomes, rows, audit rows and events as one record at a time.
 * `dryRun`: the same reads and outcomes, nothing written (records it would create report no id).
 * `inTransaction`: the caller's own writes about this batch (an import's progress), committed with it.
 * More than MAX_BATCH_RECORDS records: a 413 before anything is read.
 */
export async function applyRecords(
  deps: AppDeps,
  actor: VendorActor,
  batch: RecordBatch,
  options: { dryRun: boolean; inTransaction?: InBatchTransaction },
): Promise<TRecordResult[]> {
  const total = countRecords(batch);
  if (total > MAX_BATCH_RECORDS) {
    throw new AppError(
      'payload_too_large',
      `A batch holds at most ${MAX_BATCH_RECORDS} records; this one has ${total}. Split it.`,
    );
  }
  const now = deps.clock.now();
  const write = !options.dryRun;
  const results = await deps.db.transaction().execute(async (tx) => {
    const results = await applyInTransaction(tx, deps, now, actor, batch, write);
    const reported = write ? results : withoutCreatedIds(results);
    await options.inTransaction?.(tx, reported);
    return reported;
  });
  return results;
}

/** A dry run's results: no id for a record it would create (also where a later record of the batch names it). */
function withoutCreatedIds(results: TRecordResult[]): TRecordResult[] {
  const created = new Set(results.filter((r) => r.outcome === 'created').map((r) => r.id));
  return results.map((r) => (r.id !== null && created.has(r.id) ? { ...r, id: null } : r));
}

const unknownAccount = (externalId: string): TFieldError[] => [
  { field: 'accountExternalId', message: `No account has the external id "${externalId}".` },
];

/** The records of one kind parsed: a refusal per record the schema refuses, the valid ones by position. */
function parseAll<T>(
  kind: TRecordKind,
  raws: readonly unknown[] | undefined,
  schema: z.ZodType<T>,
): { results: (TRecordResult | undefined)[]; valid: { index: number; record: T }[] } {
  const results: (TRecordResult | undefined)[] = [];
  const valid: { index: number; record: T }[] = [];
  for (const [index, raw] of (raws ?? []).entries()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      results.push(undefined);
      valid.push({ index, record: parsed.data });
    } else {
      results.push(refused(kind, keyOf(kind, raw, index), fieldErrorsOf(parsed.error)));
    }
  }
  return { results, valid };
}

/** The results of one kind in record order: parse refusals where they were, the others' outcomes between. */
function resultsOf(
  kind: TRecordKind,
  parsed: (TRecordResult | undefined)[],
  decided: Map<number, TRecordResult>,
): TRecordResult[] {
  return parsed.map((result, index) => {
    const found = result ?? decided.get(index);
    if (!found) throw new Error(`no result for ${kind} #${index + 1}`);
    return found;
  });
}

function resultOf(kind: TRecordKind, key: string, outcome: UpsertOutcome): TRecordResult {
  return outcome.outcome === 'refused'
    ? refused(kind, key, outcome.errors)
    : { kind, key, outcome: outcome.outcome, id: outcome.id, errors: [] };
}

async function applyInTransaction(
  tx: DbOrTx,
  deps: AppDeps,
  now: Date,
  actor: VendorActor,
  batch: RecordBatch,
  write: boolean,
): Promise<TRecordResult[]> {
  const accountsIn = parseAll('account', batch.accounts, ZAccountRecord);
  const applied = await upsertAccountRecords(
    tx,
    now,
    actor,
    accountsIn.valid.map((v) => v.record),
    { write },
  );
  const accountResults = new Map(
    accountsIn.valid.map(({ index }, i) => [
      index,
      resultOf('account', keyOf('account', batch.accounts?.[index], index), applied.outcomes[i] ?? missing()),
    ]),
  );

  const contactsIn = parseAll('contact', batch.contacts, ZContactRecord);
  const subscriptionsIn = parseAll('subscription', batch.subscriptions, ZSubscriptionRecord);
  // Accounts named by contacts and contracts: as the batch left them, else as stored.
  const accounts = applied.accounts;
  const named = [
    ...contactsIn.valid.map((v) => v.record.accountExternalId),
    ...subscriptionsIn.valid.map((v) => v.record.accountExternalId),
  ].filter((externalId) => !accounts.has(externalId));
  for (const [externalId, account] of await findAccountsByExternalId(tx, [...new Set(named)])) {
    accounts.set(externalId, account);
  }

  const contactResults = new Map<number, TRecordResult>();
  const contacts: { index: number; account: TVendorAccount; record: TContactRecord }[] = [];
  for (const { index, record } of contactsIn.valid) {
    const account = accounts.get(record.accountExternalId);
    const key = keyOf('contact', batch.contacts?.[index], index);
    if (account) contacts.push({ index, account, record });
    else contactResults.set(index, refused('contact', key, unknownAccount(record.accountExternalId)));
  }
  const contactOutcomes = await upsertContactRecords(tx, deps, now, actor, contacts, { write });
  contacts.forEach(({ index }, i) => {
    const key = keyOf('contact', batch.contacts?.[index], index);
    contactResults.set(index, resultOf('contact', key, contactOutcomes[i] ?? missing()));
  });

  const subscriptionResults = new Map<number, TRecordResult>();
  const subscriptions: { index: number; input: ResolvedSubscriptionRecord }[] = [];
  const catalog: PricedPlan[] = subscriptionsIn.valid.length ? await loadCatalog(tx) : [];
  for (const { index, record } of subscriptionsIn.valid) {
    const key = keyOf('subscription', batch.subscriptions?.[index], index);
    const resolved = resolveSubscription(record, accounts.get(record.accountExternalId), catalog);
    if ('errors' in resolved) subscriptionResults.set(index, refused('subscription', key, resolved.errors));
    else subscriptions.push({ index, input: resolved });
  }
  const subscriptionOutcomes = await upsertSubscriptionRecords(
    tx,
    now,
    actor,
    subscriptions.map((s) => s.input),
    { write },
  );
  subscriptions.forEach(({ index }, i) => {
    const key = keyOf('subscription', batch.subscriptions?.[index], index);
    subscriptionResults.set(index, resultOf('subscription', key, subscriptionOutcomes[i] ?? missing()));
  });

  return [
    ...resultsOf('account', accountsIn.results, accountResults),
    ...resultsOf('contact', contactsIn.results, contactResults),
    ...resultsOf('subscription', subscriptionsIn.results, subscriptionResults),
  ];
}

function missing(): never {
  throw new Error('an upsert answered fewer outcomes than records');
}

/** The account, the plan and the price a subscription record names, or why it is refused. */
function resolveSubscription(
  record: TSubscriptionRecord,
  account: TVendorAccount | undefined,
  catalog: PricedPlan[],
): ResolvedSubscriptionRecord | { errors: TFieldError[] } {
  if (!account) return { errors: unknownAccount(record.accountExternalId) };
  const plan = catalog.find((p) => p.code === record.planCode);
  if (!plan) {
    return {
      errors: [
        {
          field: 'planCode',
          message: `No plan has the code "${record.planCode}" (plans: ${catalog.map((p) => p.code).join(', ')}).`,
        },
      ],
    };
  }
  const unitPriceMinor = record.unitPriceMinor ?? plan.prices[account.currency];
  if (unitPriceMinor === undefined) {
    return {
      errors: [
        {
          field: 'unitPriceMinor',
          message: `The plan "${plan.code}" has no list price in ${account.currency}; send unitPriceMinor.`,
        },
      ],
    };
  }
  return {
    record,
    account: { id: account.id, externalId: account.externalId, currency: account.currency },
    plan: { id: plan.id, code: plan.code, name: plan.name },
    unitPriceMinor,
  };
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
