// The demo's usage tells one story whatever the date it is seeded on: Alpenrose's support load is high, no
// other subscription's is. The pipeline, its Playwright spec and the demo walk rely on it; with random ticket
// counts a 12-seat team crossed the threshold on some days (the pipeline spec failed on 2026-12-03).

import { addDays } from '@portal/shared/dates';
import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS } from '../features/value-reports/health.ts';
import { DEMO_SUBSCRIPTIONS } from './subscriptions.ts';
import { demoUsageRows } from './usage.ts';

/** Tickets opened and resolved in the health check's window: the 30 days before `today`. */
function recentTickets(subscriptionId: string, today: string) {
  const from = addDays(today, -30);
  const rows = demoUsageRows(subscriptionId, today);
  const sum = (metric: string) =>
    rows
      .filter((r) => r.metric === metric && r.date >= from && r.date < today)
      .reduce((total, r) => total + r.value, 0);
  return { opened: sum('tickets_opened'), resolved: sum('tickets_resolved') };
}

function supportRisk(seats: number, tickets: { opened: number; resolved: number }) {
  const t = HEALTH_THRESHOLDS;
  return {
    high: (tickets.opened / seats) * 100 >= t.highTicketsPer100Seats,
    backlog:
      tickets.opened >= t.backlogMinTickets && tickets.resolved < tickets.opened * t.backlogResolvedShare,
  };
}

describe('demo usage', () => {
  const days = Array.from({ length: 400 }, (_, i) => addDays('2026-06-01', i * 3));

  it.each(DEMO_SUBSCRIPTIONS.filter((s) => s.id !== 'sub_ar_main').map((s) => [s.id, s.seats] as const))(
    '%s never shows a high support load or a backlog, on any seeding date',
    (id, seats) => {
      const risky = days.filter((today) => {
        const risk = supportRisk(seats, recentTickets(id, today));
        return risk.high || risk.backlog;
      });
      expect(risky).toEqual([]);
    },
  );

  it("Alpenrose's support load is high and piling up on every seeding date", () => {
    const seats = DEMO_SUBSCRIPTIONS.find((s) => s.id === 'sub_ar_main')?.seats ?? 0;
    for (const today of days) {
      expect(supportRisk(seats, recentTickets('sub_ar_main', today)), today).toEqual({
        high: true,
        backlog: true,
      });
    }
  });
});
