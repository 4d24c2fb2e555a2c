// Health of many subscriptions at once (the ops pipeline): a handful of grouped SQL aggregates over the last
// 60 days of usage, fed to the pure `scoreHealth`. The cost grows with the subscriptions asked about, not
// with the history kept.

import { addDays, type CalendarDate, calendarDateIn, daysBetween } from '@portal/shared/dates';
import type { THealth } from '@portal/shared/schemas/value-reports';
import type { AppDeps } from '../../platform/http/context.ts';
import { type HealthInput, scoreHealth } from './health.ts';
import * as repo from './repo.ts';

const HEALTH_METRICS = ['active_users', 'tickets_opened', 'tickets_resolved'] as const;

export type HealthSubject = { id: string; accountId: string; seats: number };

/** The aggregates `scoreHealth` needs, per subscription, as of `today` (data before today counts). */
export async function loadHealthInputs(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  subjects: readonly HealthSubject[],
  today: CalendarDate = deps.clock.today(),
): Promise<Map<string, HealthInput>> {
  const ids = subjects.map((s) => s.id);
  const window = { earlierFrom: addDays(today, -60), recentFrom: addDays(today, -30), until: today };
  const aggregates = await repo.healthAggregates(deps.db, ids, HEALTH_METRICS, window);
  const bySubscription = new Map<string, Map<string, repo.HealthAggregate>>();
  for (const a of aggregates) {
    const metrics = bySubscription.get(a.subscription_id) ?? new Map<string, repo.HealthAggregate>();
    bySubscription.set(a.subscription_id, metrics);
    metrics.set(a.metric, a);
  }
  const quietIds = ids.filter((id) => !bySubscription.get(id)?.get('active_users')?.last_active);
  const olderActivity = await repo.lastActiveDays(deps.db, quietIds, 'active_users', window.earlierFrom);
  const signIns = await repo.lastPortalSignIns(deps.db, [...new Set(subjects.map((s) => s.accountId))]);

  const inputs = new Map<string, HealthInput>();
  for (const subject of subjects) {
    const metrics = bySubscription.get(subject.id);
    const active = metrics?.get('active_users');
    const lastActive = active?.last_active ?? olderActivity.get(subject.id) ?? null;
    const signIn = signIns.get(subject.accountId);
    inputs.set(subject.id, {
      seats: subject.seats,
      activeUsersRecent: active?.recent_days ? active.recent_sum / active.recent_days : null,
      activeUsersEarlier: active?.earlier_days ? active.earlier_sum / active.earlier_days : null,
      daysSinceProductUse: lastActive ? daysBetween(lastActive, today) : null,
      daysSincePortalSignIn: signIn
        ? daysBetween(calendarDateIn(new Date(signIn), deps.clock.timeZone), today)
        : null,
      ticketsOpenedRecent: metrics?.get('tickets_opened')?.recent_sum ?? 0,
      ticketsResolvedRecent: metrics?.get('tickets_resolved')?.recent_sum ?? 0,
    });
  }
  return inputs;
}

/** Health score, factors and risk reasons per subscription id. */
export async function getHealthOf(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  subjects: readonly HealthSubject[],
): Promise<Map<string, THealth>> {
  const inputs = await loadHealthInputs(deps, subjects);
  return new Map([...inputs].map(([id, input]) => [id, scoreHealth(input)]));
}
