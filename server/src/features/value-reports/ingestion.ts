// Usage ingestion: a batch of daily values is checked as a whole and then written in one transaction, or not
// at all. Each (subscription, metric, date) is upserted, so sending the same batch again changes nothing.

import { addDays } from '@portal/shared/dates';
import {
  type TUsageIngestResult,
  type TUsageRecord,
  ZUsageBatchEnvelope,
  ZUsageRecord,
} from '@portal/shared/schemas/value-reports';
import type { UsageDailyTable } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { fieldErrors } from '../../platform/http/validate.ts';
import * as repo from './repo.ts';

/** Most row errors listed in one reply; the message still gives the full count. */
const MAX_LISTED_ERRORS = 1_000;

/**
 * Validates and upserts a batch. Rejected as a whole (400 `validation_failed`, one `fields` entry per bad
 * field, keyed `records.<index>.<field>`) when any record has: a missing or mistyped field, a date that is not
 * a calendar date or lies after tomorrow (tomorrow is allowed for senders ahead of the vendor's time zone), a
 * negative or non-finite value, an unknown subscription or metric, or the same (subscription, metric, date)
 * as an earlier record of the batch with a different value. An exact repeat within a batch is accepted once.
 * Idempotent: the same batch twice leaves the same rows.
 */
export async function ingestUsage(deps: AppDeps, body: unknown): Promise<TUsageIngestResult> {
  const envelope = ZUsageBatchEnvelope.safeParse(body);
  if (!envelope.success) {
    throw new AppError('validation_failed', 'The batch is not valid; nothing was written.', {
      fields: fieldErrors(envelope.error.issues),
    });
  }
  const records = envelope.data.records;
  const errors = new Map<string, string>();
  const badRows = new Set<number>();
  const fail = (index: number, field: keyof TUsageRecord, message: string) => {
    badRows.add(index);
    const key = `records.${index}.${field}`;
    if (!errors.has(key)) errors.set(key, message);
  };

  const parsed: { index: number; record: TUsageRecord }[] = [];
  for (let index = 0; index < records.length; index++) {
    const result = ZUsageRecord.safeParse(records[index]);
    if (result.success) {
      parsed.push({ index, record: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && ['subscriptionId', 'metric', 'date', 'value'].includes(field)) {
        fail(index, field as keyof TUsageRecord, issue.message);
      } else {
        badRows.add(index);
        errors.set(`records.${index}`, 'Expected an object {subscriptionId, metric, date, value}');
      }
    }
  }

  const latestDate = addDays(deps.clock.today(), 1);
  const metrics = new Set((await repo.listMetrics(deps.db)).map((m) => m.code));
  const subscriptions = await repo.findExistingSubscriptionIds(deps.db, [
    ...new Set(parsed.map((p) => p.record.subscriptionId)),
  ]);
  const seen = new Map<string, { index: number; value: number }>();
  const rows: UsageDailyTable[] = [];
  for (const { index, record } of parsed) {
    if (!subscriptions.has(record.subscriptionId)) fail(index, 'subscriptionId', 'Unknown subscription');
    if (!metrics.has(record.metric)) fail(index, 'metric', 'Unknown metric');
    if (record.date > latestDate) fail(index, 'date', `Date is in the future (latest allowed ${latestDate})`);
    const key = `${record.subscriptionId}\u0000${record.metric}\u0000${record.date}`;
    const earlier = seen.get(key);
    if (earlier && earlier.value !== record.value) {
      fail(index, 'value', `Conflicts with records.${earlier.index}: same subscription, metric and date`);
    }
    if (badRows.has(index) || earlier) continue;
    seen.set(key, { index, value: record.value });
    rows.push({
      subscription_id: record.subscriptionId,
      metric: record.metric,
      date: record.date,
      value: record.value,
    });
  }

  if (badRows.size > 0) {
    const fields: Record<string, string> = {};
    let listed = 0;
    for (const [key, message] of [...errors].sort((a, b) => rowIndex(a[0]) - rowIndex(b[0]))) {
      if (listed++ >= MAX_LISTED_ERRORS) break;
      fields[key] = message;
    }
    throw new AppError(
      'validation_failed',
      `${badRows.size} of ${records.length} records are not valid; nothing was written.`,
      { fields },
    );
  }

  await deps.db.transaction().execute((tx) => repo.upsertUsage(tx, rows));
  return { received: records.length, upserted: rows.length };
}

function rowIndex(key: string): number {
  return Number(key.split('.')[1]);
}
