// When a customer must be told before an automatic renewal charge, by jurisdiction. Policies are data (ops can
// edit them; the defaults below follow DESIGN.md §4), and one pure function turns a policy and a renewal into
// dated notices. Every notice records the policy that produced it.

import { addDays, addYears, type CalendarDate, compareDates, daysBetween } from './dates.ts';
import type { NoticeKind, NoticePolicy } from './notice-kinds.ts';
import { noticeWindow, requiredKinds } from './notice-obligations.ts';

export { NOTICE_KINDS, type NoticeKind, type NoticePolicy } from './notice-kinds.ts';

export const DEFAULT_NOTICE_POLICIES: NoticePolicy[] = [
  {
    id: 'us-ca',
    label: 'California (Automatic Renewal Law)',
    match: { country: 'US', region: 'CA' },
    advance: { daysBefore: 30, window: [15, 45] },
    advanceMinTermYears: 1,
    finalDaysBefore: 7,
    annualReminder: true,
    priceChange: { daysBefore: 21, window: [7, 30] },
    source:
      'Cal. Bus. & Prof. Code §17600 ff.: first notice 15–45 days before renewing a term of a year or more, annual reminder, 7–30 days before a price change',
  },
  {
    id: 'fr',
    label: 'France (Code de la consommation L215-1)',
    match: { country: 'FR' },
    advance: { daysBefore: 2, window: [1, 3], unit: 'months' },
    finalDaysBefore: 7,
    annualReminder: false,
    priceChange: { daysBefore: 2, window: [1, 3], unit: 'months' },
    source:
      'L215-1: inform the consumer one to three months before the end of the period to refuse tacit renewal',
  },
  {
    id: 'de',
    label: 'Germany (BGB §309 Nr. 9)',
    match: { country: 'DE' },
    advance: { daysBefore: 1, window: [1, 2], unit: 'months' },
    finalDaysBefore: 7,
    annualReminder: false,
    priceChange: { daysBefore: 1, window: [1, 2], unit: 'months' },
    source: 'A tacitly extended contract can be ended with one month’s notice; notify at least a month ahead',
  },
  {
    id: 'default',
    label: 'Default',
    match: 'default',
    advance: { daysBefore: 30, window: [30, 30] },
    finalDaysBefore: 7,
    annualReminder: false,
    priceChange: { daysBefore: 30, window: [7, 45] },
    source: 'Portal default: 30 and 7 days before the charge',
  },
];

export type Jurisdiction = { country: string; region: string | null };

/** The most specific policy for a billing address: country and region, then country, then the default. */
export function policyFor(
  jurisdiction: Jurisdiction,
  policies: readonly NoticePolicy[] = DEFAULT_NOTICE_POLICIES,
): NoticePolicy {
  const country = jurisdiction.country.toUpperCase();
  const region = jurisdiction.region?.toUpperCase() ?? null;
  const exact = policies.find(
    (p) =>
      p.match !== 'default' && p.match.country === country && p.match.region && p.match.region === region,
  );
  const byCountry = policies.find(
    (p) => p.match !== 'default' && p.match.country === country && !p.match.region,
  );
  const fallback = policies.find((p) => p.match === 'default');
  const policy = exact ?? byCountry ?? fallback;
  if (!policy) throw new Error('No default notice policy configured');
  return policy;
}

export type ScheduledNotice = {
  kind: NoticeKind;
  date: CalendarDate;
  daysBefore: number;
  policyId: string;
  /** Required by law or by our promise: it cannot be muted, and no charge happens until it has been sent. */
  isRequired: true;
  /** Days that must pass between sending it and the charge: a late notice moves the charge (see `chargeReadiness`). */
  leadDays: number;
};

export type RenewalForNotices = {
  /** The day the renewal charge happens: the current term's end (exclusive end = first day of the new term). */
  chargeDate: CalendarDate;
  termStart: CalendarDate;
  /** Length of the term being renewed, in years. */
  termYears: number;
  isPriceIncrease: boolean;
};

/**
 * The dated notices a policy asks for before an auto-renewal charge on `chargeDate`, earliest first, each on its
 * preferred day (months counted as calendar months where the policy says months). A preview for pages and the
 * consent's terms: the run derives what is due from the facts each time (`deriveObligations`).
 */
export function noticeSchedule(renewal: RenewalForNotices, policy: NoticePolicy): ScheduledNotice[] {
  const notices: ScheduledNotice[] = [];
  const kinds = requiredKinds({
    policy,
    termYears: renewal.termYears,
    isPriceIncrease: renewal.isPriceIncrease,
  });
  for (const kind of kinds) {
    const window = noticeWindow(kind, policy, renewal.chargeDate);
    if (!window) continue;
    notices.push({
      kind,
      date: window.preferred,
      daysBefore: daysBetween(window.preferred, renewal.chargeDate),
      policyId: policy.id,
      isRequired: true,
      leadDays: daysBetween(window.to, renewal.chargeDate),
    });
  }
  if (policy.annualReminder && renewal.termYears > 1) {
    for (let year = 1; year < renewal.termYears; year++) {
      const anniversary = addYears(renewal.termStart, year);
      notices.push({
        kind: 'annual_reminder',
        date: anniversary,
        daysBefore: daysBetween(anniversary, renewal.chargeDate),
        policyId: policy.id,
        isRequired: true,
        leadDays: 0,
      });
    }
  }
  const priority: Record<NoticeKind, number> = { advance: 0, price_change: 1, final: 2, annual_reminder: 3 };
  const byDate = new Map<CalendarDate, ScheduledNotice>();
  for (const notice of notices) {
    if (notice.daysBefore <= 0) continue;
    const existing = byDate.get(notice.date);
    if (!existing || priority[notice.kind] < priority[existing.kind]) byDate.set(notice.date, notice);
  }
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}

/** Days after the first charge attempt on which a declined automatic charge is tried again (the first is 0). */
export const DEFAULT_DUNNING_DAYS = [0, 3, 7] as const;

/**
 * The date of attempt `attempt` (1-based) of a charge first tried on `firstAttempt`, or null when the schedule
 * has no such attempt or it would fall on or after `lastServiceDayExclusive` (the end of grace: no point in
 * renewing what has expired).
 */
export function dunningAttemptDate(
  firstAttempt: CalendarDate,
  attempt: number,
  dunningDays: readonly number[],
  lastServiceDayExclusive: CalendarDate,
): CalendarDate | null {
  const offset = dunningDays[attempt - 1];
  if (offset === undefined) return null;
  const date = addDays(firstAttempt, offset);
  return compareDates(date, lastServiceDayExclusive) < 0 ? date : null;
}

/** Renewal reminders for subscriptions that renew by hand: 90, 60 and 30 days before term_end (mutable). */
export const REMINDER_DAYS_BEFORE = [90, 60, 30] as const;

export function reminderSchedule(termEnd: CalendarDate): { daysBefore: number; date: CalendarDate }[] {
  return REMINDER_DAYS_BEFORE.map((daysBefore) => ({ daysBefore, date: addDays(termEnd, -daysBefore) }));
}

/**
 * The `term_end` dates (inclusive range) whose `daysBefore` reminder falls due in a run for `today`, given the
 * day the previous run covered (null on the first run: today only). Days missed since then are caught up,
 * but never past the next, later reminder: a subscription 45 days from its end gets the 60-day reminder only
 * if the 30-day one is not due yet. Null when nothing can be due.
 */
export function reminderTermEndRange(
  daysBefore: number,
  today: CalendarDate,
  previousRunDate: CalendarDate | null,
): { first: CalendarDate; last: CalendarDate } | null {
  const index = (REMINDER_DAYS_BEFORE as readonly number[]).indexOf(daysBefore);
  if (index < 0) throw new Error(`no reminder ${daysBefore} days before`);
  const next = REMINDER_DAYS_BEFORE[index + 1] ?? 0;
  const last = addDays(today, daysBefore);
  const afterPrevious =
    previousRunDate && compareDates(previousRunDate, today) < 0
      ? addDays(previousRunDate, daysBefore + 1)
      : last;
  const afterNext = addDays(today, next + 1);
  const first = compareDates(afterPrevious, afterNext) > 0 ? afterPrevious : afterNext;
  return compareDates(first, last) <= 0 ? { first, last } : null;
}
