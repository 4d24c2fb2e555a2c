// The metric catalog (built-in metrics come with the migration; ops add their own) and the ROI assumption
// (hourly cost of a customer's staff time per currency), which ops may change.

import type {
  TCreateMetricRequest,
  TMetric,
  TMetricAggregation,
  TMetricUnit,
  TValueSettings,
} from '@portal/shared/schemas/value-reports';
import { ZCreateMetricRequest } from '@portal/shared/schemas/value-reports';
import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as settings from '../../platform/settings/settings.ts';
import * as repo from './repo.ts';

type MetricRow = Awaited<ReturnType<typeof repo.listMetrics>>[number];

export function toMetric(row: MetricRow): TMetric {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    unit: row.unit as TMetricUnit,
    aggregation: row.aggregation as TMetricAggregation,
    valuePerUnitMinutes: row.value_per_unit_minutes,
    module: row.module,
    isBuiltIn: row.is_builtin === 1,
    createdAt: row.created_at,
  };
}

export async function listMetrics(deps: Pick<AppDeps, 'db'>): Promise<TMetric[]> {
  return (await repo.listMetrics(deps.db)).map(toMetric);
}

/** Adds a metric to the catalog; a code already in use is a 409. Audited. */
export async function createMetric(
  deps: AppDeps,
  actor: SessionUser,
  input: TCreateMetricRequest,
): Promise<TMetric> {
  const parsed = ZCreateMetricRequest.parse(input);
  const now = deps.clock.now();
  if (await repo.findMetric(deps.db, parsed.code)) {
    throw new AppError('conflict', 'A metric with this code already exists.', {
      fields: { code: 'Already in use' },
    });
  }
  const row = {
    code: parsed.code,
    name: parsed.name,
    description: parsed.description,
    unit: parsed.unit,
    aggregation: parsed.aggregation,
    value_per_unit_minutes: parsed.valuePerUnitMinutes,
    module: parsed.module,
    created_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertMetric(tx, row);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'metric',
      entityId: parsed.code,
      action: 'metric.created',
      after: parsed,
      at: now,
    });
  });
  return toMetric({ ...row, is_builtin: 0 });
}

const SETTINGS_KEY = 'value_reports.hourly_cost_minor';

/** What an hour of a customer's staff time is assumed to cost, per currency (minor units). */
export const DEFAULT_HOURLY_COST_MINOR: Record<string, number> = {
  USD: 5_000,
  EUR: 4_500,
  GBP: 4_000,
  CNY: 20_000,
  JPY: 5_000,
};

export async function getValueSettings(
  deps: Pick<AppDeps, 'db'>,
  db: DbOrTx = deps.db,
): Promise<TValueSettings> {
  const row = await settings.findSetting(db, SETTINGS_KEY);
  const stored = fromJson<Record<string, number>>(row?.value_json, {});
  return { hourlyCostMinor: { ...DEFAULT_HOURLY_COST_MINOR, ...stored } };
}

/** Replaces the hourly-cost assumption for the currencies given (others keep theirs). Audited. */
export async function updateValueSettings(
  deps: AppDeps,
  actor: SessionUser,
  input: TValueSettings,
): Promise<TValueSettings> {
  const now = deps.clock.now();
  const before = await getValueSettings(deps);
  const after = { hourlyCostMinor: { ...before.hourlyCostMinor, ...input.hourlyCostMinor } };
  await deps.db.transaction().execute(async (tx) => {
    await settings.writeSetting(tx, SETTINGS_KEY, after.hourlyCostMinor, now);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'setting',
      entityId: SETTINGS_KEY,
      action: 'setting.updated',
      before: before.hourlyCostMinor,
      after: after.hourlyCostMinor,
      at: now,
    });
  });
  return after;
}
