import { describe, expect, it } from 'vitest';
import { type HealthInput, scoreHealth } from './health.ts';

const healthy: HealthInput = {
  seats: 100,
  activeUsersRecent: 85,
  activeUsersEarlier: 80,
  daysSinceProductUse: 1,
  daysSincePortalSignIn: null,
  ticketsOpenedRecent: 4,
  ticketsResolvedRecent: 4,
};

const factor = (input: HealthInput, name: string) =>
  scoreHealth(input).factors.find((f) => f.factor === name);

describe('scoreHealth', () => {
  it('gives a busy, growing, quiet-on-support subscription full marks and no risk', () => {
    const health = scoreHealth(healthy);
    expect(health).toMatchObject({ score: 100, isAtRisk: false, riskReasons: [] });
    expect(health.factors.map((f) => [f.factor, f.points, f.maxPoints, f.effect])).toEqual([
      ['usage_trend', 25, 25, 'positive'],
      ['seat_utilisation', 30, 30, 'positive'],
      ['recency', 25, 25, 'positive'],
      ['support_load', 20, 20, 'positive'],
    ]);
  });

  it('scores the usage trend from the last 30 days against the 30 before', () => {
    expect(factor({ ...healthy, activeUsersRecent: 80 }, 'usage_trend')).toMatchObject({
      points: 25,
      value: 0,
      effect: 'neutral',
    });
    // 64/80 = 0.8: halfway between a 40 % fall (0) and steady (25).
    expect(factor({ ...healthy, activeUsersRecent: 64 }, 'usage_trend')).toMatchObject({
      points: 12.5,
      value: -20,
      effect: 'negative',
    });
    expect(factor({ ...healthy, activeUsersRecent: 40 }, 'usage_trend')?.points).toBe(0);
    const falling = scoreHealth({ ...healthy, activeUsersRecent: 60 });
    expect(falling.riskReasons).toContain('usage_falling');
    expect(scoreHealth({ ...healthy, activeUsersRecent: 61 }).riskReasons).not.toContain('usage_falling');
  });

  it('scores seat utilisation linearly from 20 % to 80 % of seats', () => {
    const at = (recent: number) =>
      factor({ ...healthy, activeUsersRecent: recent, activeUsersEarlier: recent }, 'seat_utilisation');
    expect(at(20)?.points).toBe(0);
    expect(at(50)).toMatchObject({ points: 15, value: 50, effect: 'neutral' });
    expect(at(80)?.points).toBe(30);
    expect(at(39)?.effect).toBe('negative');
    expect(scoreHealth({ ...healthy, activeUsersRecent: 39, activeUsersEarlier: 39 }).riskReasons).toContain(
      'low_seat_utilisation',
    );
  });

  it('takes recency from the later of product use and portal sign-in', () => {
    expect(factor({ ...healthy, daysSinceProductUse: 7 }, 'recency')?.points).toBe(25);
    expect(factor({ ...healthy, daysSinceProductUse: 26 }, 'recency')?.points).toBe(12.5);
    expect(factor({ ...healthy, daysSinceProductUse: 45 }, 'recency')?.points).toBe(0);
    // A portal sign-in 3 days ago counts even when the product has been idle for 40 days.
    expect(
      factor({ ...healthy, daysSinceProductUse: 40, daysSincePortalSignIn: 3 }, 'recency'),
    ).toMatchObject({ points: 25, value: 3 });
    const idle = scoreHealth({ ...healthy, daysSinceProductUse: 21 });
    expect(idle.riskReasons).toEqual(['inactive']);
    expect(scoreHealth({ ...healthy, daysSinceProductUse: 20 }).riskReasons).toEqual([]);
  });

  it('scores support load per 100 seats and marks a growing backlog', () => {
    expect(
      factor({ ...healthy, ticketsOpenedRecent: 5, ticketsResolvedRecent: 5 }, 'support_load')?.points,
    ).toBe(20);
    const busy = scoreHealth({ ...healthy, ticketsOpenedRecent: 30, ticketsResolvedRecent: 30 });
    expect(busy.factors.find((f) => f.factor === 'support_load')).toMatchObject({
      points: 5.7,
      value: 30,
      effect: 'negative',
    });
    expect(busy.riskReasons).toEqual(['high_support_load']);
    const backlog = scoreHealth({ ...healthy, ticketsOpenedRecent: 8, ticketsResolvedRecent: 5 });
    expect(backlog.riskReasons).toEqual(['support_backlog']);
    // 8 per 100 seats: 20 × (40 − 8) / 35 = 18.3, less a quarter of 20 for the backlog.
    expect(backlog.factors.find((f) => f.factor === 'support_load')?.points).toBe(13.3);
  });

  it('flags a low score even without a single hard signal', () => {
    const health = scoreHealth({
      seats: 100,
      activeUsersRecent: 42,
      activeUsersEarlier: 53,
      daysSinceProductUse: 20,
      daysSincePortalSignIn: null,
      ticketsOpenedRecent: 24,
      ticketsResolvedRecent: 24,
    });
    expect(health.score).toBeLessThan(50);
    expect(health.riskReasons).toEqual(['low_health']);
    expect(health.isAtRisk).toBe(true);
  });

  it('treats a subscription without usage data as at risk, and says why', () => {
    const health = scoreHealth({
      ...healthy,
      activeUsersRecent: null,
      activeUsersEarlier: null,
      daysSinceProductUse: null,
      ticketsOpenedRecent: 0,
      ticketsResolvedRecent: 0,
    });
    expect(health.riskReasons).toEqual(['no_usage_data', 'low_health']);
    expect(health.score).toBe(20);
    expect(health.factors.find((f) => f.factor === 'seat_utilisation')?.value).toBeNull();
  });
});
