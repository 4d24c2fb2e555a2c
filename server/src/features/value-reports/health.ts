// The health score: a pure function of a few aggregates, so that the rule is read and tested in one place.
// 100 points in four factors (the seeds' churn signals), each with what it measured and whether it helped:
//   usage trend       25  average active users, last 30 days against the 30 before
//   seat utilisation  30  average active users against seats, last 30 days
//   recency           25  days since anyone used the product or signed in to the portal
//   support load      20  tickets opened in the last 30 days per 100 seats, less 5 for a growing backlog
// "At risk" is any hard signal below, or a score under 50.

import type { THealth, THealthFactor, TRiskReason } from '@portal/shared/schemas/value-reports';

export type HealthInput = {
  seats: number;
  /** Average daily active users over the last 30 days and the 30 before (null: no days reported). */
  activeUsersRecent: number | null;
  activeUsersEarlier: number | null;
  /** Whole days since the last day with active users; null when there is none. */
  daysSinceProductUse: number | null;
  /** Whole days since any user of the account signed in to the portal; null when nobody has. */
  daysSincePortalSignIn: number | null;
  ticketsOpenedRecent: number;
  ticketsResolvedRecent: number;
};

export const HEALTH_THRESHOLDS = {
  fallingRatio: 0.75,
  lowUtilisationPct: 40,
  inactiveDays: 21,
  highTicketsPer100Seats: 25,
  backlogMinTickets: 5,
  backlogResolvedShare: 0.75,
  atRiskScore: 50,
} as const;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** 0 at `zeroAt`, full at `fullAt` (either direction), linear between. */
const scale = (value: number, zeroAt: number, fullAt: number) =>
  clamp01((value - zeroAt) / (fullAt - zeroAt));
const round1 = (x: number) => Math.round(x * 10) / 10;

function factor(
  name: THealthFactor['factor'],
  maxPoints: number,
  share: number,
  value: number | null,
  effect: THealthFactor['effect'],
): THealthFactor {
  return { factor: name, points: round1(maxPoints * share), maxPoints, value, effect };
}

export function scoreHealth(input: HealthInput): THealth {
  const t = HEALTH_THRESHOLDS;
  const reasons: TRiskReason[] = [];
  const factors: THealthFactor[] = [];
  const hasUsage = input.activeUsersRecent !== null || input.activeUsersEarlier !== null;
  if (!hasUsage) reasons.push('no_usage_data');

  // Usage trend: full marks when steady or growing, nothing at a 40 % fall.
  const recent = input.activeUsersRecent ?? 0;
  const earlier = input.activeUsersEarlier;
  if (earlier && earlier > 0) {
    const ratio = recent / earlier;
    const changePct = Math.round((ratio - 1) * 100);
    factors.push(
      factor(
        'usage_trend',
        25,
        scale(ratio, 0.6, 1),
        changePct,
        ratio >= 1.05 ? 'positive' : ratio <= 0.9 ? 'negative' : 'neutral',
      ),
    );
    if (ratio <= t.fallingRatio) reasons.push('usage_falling');
  } else {
    // Nothing to compare with: new usage scores as steady, no usage at all scores nothing.
    factors.push(factor('usage_trend', 25, recent > 0 ? 1 : 0, null, recent > 0 ? 'neutral' : 'negative'));
  }

  // Seat utilisation: nothing at 20 % of seats, full marks from 80 %.
  const utilisationPct =
    input.activeUsersRecent === null || input.seats <= 0
      ? null
      : (input.activeUsersRecent / input.seats) * 100;
  factors.push(
    factor(
      'seat_utilisation',
      30,
      utilisationPct === null ? 0 : scale(utilisationPct, 20, 80),
      utilisationPct === null ? null : round1(utilisationPct),
      utilisationPct === null || utilisationPct < t.lowUtilisationPct
        ? 'negative'
        : utilisationPct >= 70
          ? 'positive'
          : 'neutral',
    ),
  );
  if (utilisationPct !== null && utilisationPct < t.lowUtilisationPct) reasons.push('low_seat_utilisation');

  // Recency: the more recent of product use and portal sign-in; full marks within a week, nothing at 45 days.
  const known = [input.daysSinceProductUse, input.daysSincePortalSignIn].filter(
    (d): d is number => d !== null,
  );
  const days = known.length ? Math.max(0, Math.min(...known)) : null;
  factors.push(
    factor(
      'recency',
      25,
      days === null ? 0 : scale(days, 45, 7),
      days,
      days === null || days >= t.inactiveDays ? 'negative' : days <= 7 ? 'positive' : 'neutral',
    ),
  );
  if (hasUsage && (days === null || days >= t.inactiveDays)) reasons.push('inactive');

  // Support load: full marks up to 5 tickets a month per 100 seats, nothing from 40.
  const per100 = input.seats > 0 ? (input.ticketsOpenedRecent / input.seats) * 100 : 0;
  const hasBacklog =
    input.ticketsOpenedRecent >= t.backlogMinTickets &&
    input.ticketsResolvedRecent < input.ticketsOpenedRecent * t.backlogResolvedShare;
  const supportShare = Math.max(0, scale(per100, 40, 5) - (hasBacklog ? 0.25 : 0));
  factors.push(
    factor(
      'support_load',
      20,
      supportShare,
      round1(per100),
      per100 >= t.highTicketsPer100Seats || hasBacklog ? 'negative' : per100 <= 10 ? 'positive' : 'neutral',
    ),
  );
  if (per100 >= t.highTicketsPer100Seats) reasons.push('high_support_load');
  if (hasBacklog) reasons.push('support_backlog');

  const score = Math.round(factors.reduce((sum, f) => sum + f.points, 0));
  if (score < t.atRiskScore) reasons.push('low_health');
  return { score, isAtRisk: reasons.length > 0, riskReasons: reasons, factors };
}
