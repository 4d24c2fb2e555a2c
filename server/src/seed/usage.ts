// Demo usage: daily values for every demo subscription from its first term's start to today (or to the end
// of service), deterministic (a seeded generator), with weekday rhythm and noise. Northwind's operations
// platform grows; Alpenrose's production planning falls over the last three months, with support tickets
// piling up, so that the pipeline shows it at risk. Inserted as multi-row statements in the seed's
// transaction (~50,000 rows, well under a second).

import { addDays, addYears, daysBetween } from '@portal/shared/dates';
import { DEFAULT_GRACE_DAYS } from '@portal/shared/status';
import { refreshMonthlyUsage } from '../features/value-reports/repo.ts';
import type { DbOrTx } from '../platform/db/connection.ts';
import type { UsageDailyTable } from '../platform/db/schema.ts';
import { DEMO_PLANS } from './catalog.ts';
import { DEMO_SUBSCRIPTIONS } from './subscriptions.ts';

const INSERT_CHUNK = 500;

/** Share of active users who use each module on a given day. */
const MODULE_SHARE: Record<string, number> = {
  workflows: 0.82,
  reports: 0.58,
  automations: 0.42,
  integrations: 0.27,
  audit: 0.14,
  sso: 0.95,
};

type Profile = {
  /** Share of seats in use on a weekday, by days before today and the share of history elapsed. */
  utilisation(daysAgo: number, progress: number): number;
  automationsPerUser(progress: number): number;
  ticketsPerSeatPerDay(daysAgo: number): number;
  resolvedShare(daysAgo: number): number;
  resolutionHours(daysAgo: number): number;
  recordsGrowthPerDay: number;
};

const steady = (level: number): Profile => ({
  utilisation: (daysAgo) => level + 0.03 * Math.sin(daysAgo / 120),
  automationsPerUser: () => 1.4,
  ticketsPerSeatPerDay: () => 0.003,
  resolvedShare: () => 1,
  resolutionHours: () => 6,
  recordsGrowthPerDay: 0.0006,
});

const PROFILES: Record<string, Profile> = {
  // Growing: from half the seats to nearly all, automations adopted more and more.
  sub_nw_platform: {
    utilisation: (_daysAgo, progress) => 0.5 + 0.42 * progress,
    automationsPerUser: (progress) => 0.6 + 1.1 * progress,
    ticketsPerSeatPerDay: () => 0.0025,
    resolvedShare: () => 1,
    resolutionHours: () => 5,
    recordsGrowthPerDay: 0.0011,
  },
  // Falling: steady until three months ago, then sliding to about a quarter of the seats.
  sub_ar_main: {
    utilisation: (daysAgo) => (daysAgo > 90 ? 0.78 : 0.24 + 0.54 * (daysAgo / 90) ** 1.5),
    automationsPerUser: () => 1.2,
    ticketsPerSeatPerDay: (daysAgo) => (daysAgo > 60 ? 0.003 : 0.017),
    resolvedShare: (daysAgo) => (daysAgo > 60 ? 1 : 0.45),
    resolutionHours: (daysAgo) => (daysAgo > 60 ? 7 : 22),
    recordsGrowthPerDay: 0.0002,
  },
  sub_nw_sales: steady(0.74),
  sub_nw_support: steady(0.82),
  sub_nw_warehouse: steady(0.7),
  sub_nw_legacy: steady(0.55),
  sub_nw_pilot: steady(0.6),
  sub_hb_fleet: steady(0.8),
  sub_hb_port: steady(0.72),
  sub_km_main: steady(0.77),
};

/** mulberry32: a small deterministic generator, seeded from the subscription id. */
function randomFor(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Whole tickets from a running expectation: one each time the running total passes a whole number. Random
 * (Poisson) draws gave a 12-seat team three tickets in some 30-day windows and not others, so whether the
 * pipeline showed it "at risk" depended on the calendar date; a profile's rate is what its data now says.
 */
function ticketCounter(): (expected: number) => number {
  let total = 0;
  return (expected) => {
    const before = Math.floor(total);
    total += expected;
    return Math.floor(total) - before;
  };
}

/** The rows for one subscription; exported for tests. */
export function demoUsageRows(subscriptionId: string, today: string): UsageDailyTable[] {
  const sub = DEMO_SUBSCRIPTIONS.find((s) => s.id === subscriptionId);
  if (!sub) throw new Error(`unknown demo subscription ${subscriptionId}`);
  const plan = DEMO_PLANS.find((p) => p.id === sub.planId);
  if (!plan) throw new Error(`unknown plan ${sub.planId}`);
  const profile = PROFILES[sub.id] ?? steady(0.7);
  const random = randomFor(sub.id);
  const termEnd = addDays(today, sub.daysLeft);
  const firstStart = addYears(addYears(termEnd, -sub.termYears), -sub.earlierTerms);
  const serviceEnd = sub.cancelledDaysAgo
    ? addDays(today, -sub.cancelledDaysAgo)
    : addDays(termEnd, DEFAULT_GRACE_DAYS);
  const end = serviceEnd < today ? serviceEnd : today; // exclusive: data up to yesterday
  const totalDays = Math.max(1, daysBetween(firstStart, end));
  const modules: readonly string[] = plan.coreModules;
  const hasAutomations = modules.includes('automations');
  let records = sub.seats * 140;
  const rows: UsageDailyTable[] = [];
  const openTickets = ticketCounter();
  const resolveTickets = ticketCounter();
  const push = (metric: string, date: string, value: number) =>
    rows.push({ subscription_id: sub.id, metric, date, value });

  for (let date = firstStart, day = 0; date < end; date = addDays(date, 1), day++) {
    const daysAgo = daysBetween(date, today);
    const progress = day / totalDays;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.32 : 1;
    const noise = 0.93 + random() * 0.14;
    const active = Math.min(
      sub.seats,
      Math.round(sub.seats * profile.utilisation(daysAgo, progress) * rhythm * noise),
    );
    push('active_users', date, active);
    for (const module of modules) {
      const share = (MODULE_SHARE[module] ?? 0.3) * (0.9 + random() * 0.2);
      push(`module_${module}`, date, Math.min(active, Math.round(active * share)));
    }
    records = Math.round(records * (1 + profile.recordsGrowthPerDay * (0.5 + random())));
    push('records_managed', date, records);
    if (hasAutomations) {
      push(
        'automations_run',
        date,
        Math.round(active * profile.automationsPerUser(progress) * (0.85 + random() * 0.3)),
      );
    }
    const ticketsExpected = sub.seats * profile.ticketsPerSeatPerDay(daysAgo) * rhythm;
    const opened = openTickets(ticketsExpected);
    const resolved = resolveTickets(ticketsExpected * profile.resolvedShare(daysAgo));
    push('tickets_opened', date, opened);
    push('tickets_resolved', date, resolved);
    if (resolved > 0) {
      const hours = profile.resolutionHours(daysAgo) * (0.7 + random() * 0.6);
      push('median_resolution_hours', date, Math.round(hours * 10) / 10);
    }
  }
  return rows;
}

export async function seedUsage(db: DbOrTx, today: string): Promise<number> {
  let count = 0;
  for (const sub of DEMO_SUBSCRIPTIONS) {
    const rows = demoUsageRows(sub.id, today);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await db
        .insertInto('usage_daily')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    await refreshMonthlyUsage(db, rows);
    count += rows.length;
  }
  return count;
}
