// When a customer must be told before an automatic renewal charge, by jurisdiction. Policies are data (ops can
// edit them; the defaults below follow DESIGN.md §4), and one pure function turns a policy and a renewal into
// dated notices. Every notice records the policy that produced it.

import { addDays, addYears, type CalendarDate, compareDates, daysBetween } from './dates.ts';

export const NOTICE_KINDS = ['advance', 'final', 'annual_reminder', 'price_change'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticePolicy = {
  id: string;
  label: string;
  /** ISO 3166-1 country, and optionally the ISO 3166-2 subdivision code without the country prefix. */
  match: { country: string; region?: string } | 'default';
  /** The first notice before the charge: the preferred day, and the legal window it must fall in. */
  advance: { daysBefore: number; window: [min: number, max: number] };
  /** A last notice shortly before the charge (null: none). */
  finalDaysBefore: number | null;
  /** Only for terms of at least this many years does the first notice apply (California: a year or more). */
  advanceMinTermYears?: number;
  /** Remind once a year during terms longer than a year (California). */
  annualReminder: boolean;
  /** Notice of a price change, preferred day and window, when the renewal costs more than the current term. */
  priceChange: { daysBefore: number; window: [min: number, max: number] } | null;
  /** Free text shown to ops: where the rule comes from. */
  source: string;
};

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
    advance: { daysBefore: 60, window: [30, 90] },
    finalDaysBefore: 7,
    annualReminder: false,
    priceChange: { daysBefore: 30, window: [30, 90] },
    source:
      'L215-1: inform the consumer one to three months before the end of the period to refuse tacit renewal',
  },
  {
    id: 'de',
    label: 'Germany (BGB §309 Nr. 9)',
    match: { country: 'DE' },
    advance: { daysBefore: 30, window: [30, 45] },
    finalDaysBefore: 7,
    annualReminder: false,
    priceChange: { daysBefore: 30, window: [30, 60] },
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
 * The dated notices a policy asks for before an auto-renewal charge, earliest first. Notices that would fall on
 * the same day are merged (the most important kind wins), and none falls on or after the charge date.
 */
export function noticeSchedule(renewal: RenewalForNotices, policy: NoticePolicy): ScheduledNotice[] {
  const notices: ScheduledNotice[] = [];
  const add = (kind: NoticeKind, daysBefore: number) =>
    notices.push({
      kind,
      daysBefore,
      date: addDays(renewal.chargeDate, -daysBefore),
      policyId: policy.id,
      isRequired: true,
      leadDays: noticeLeadDays(kind, policy),
    });

  if (renewal.termYears >= (policy.advanceMinTermYears ?? 0))
    add('advance', clampToWindow(policy.advance.daysBefore, policy.advance.window));
  if (policy.finalDaysBefore !== null) add('final', policy.finalDaysBefore);
  if (renewal.isPriceIncrease && policy.priceChange) {
    add('price_change', clampToWindow(policy.priceChange.daysBefore, policy.priceChange.window));
  }
  if (policy.annualReminder && renewal.termYears > 1) {
    for (let year = 1; year < renewal.termYears; year++) {
      const anniversary = addYears(renewal.termStart, year);
      add('annual_reminder', daysBetween(anniversary, renewal.chargeDate));
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

function clampToWindow(days: number, [min, max]: [number, number]): number {
  return Math.min(max, Math.max(min, days));
}

/**
 * The least time a notice of this kind must precede the charge: the legal minimum of its window (a first
 * notice in California 15 days, by default 30), the final notice's own days, none for the annual reminder.
 */
export function noticeLeadDays(kind: NoticeKind, policy: NoticePolicy): number {
  switch (kind) {
    case 'advance':
      return policy.advance.window[0];
    case 'final':
      return policy.finalDaysBefore ?? 0;
    case 'price_change':
      return policy.priceChange?.window[0] ?? 0;
    case 'annual_reminder':
      return 0;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** A notice of one renewal as it stands: scheduled, sent (on `sentOn`, delivered or not), or set aside. */
export type NoticeState = {
  dueDate: CalendarDate;
  /** 'skipped': a later notice of the same renewal went out instead; 'cancelled': the renewal is off. */
  status: 'scheduled' | 'sent' | 'skipped' | 'cancelled';
  sentOn: CalendarDate | null;
  leadDays: number;
  /** The e-mail reached the outbox's end: sent by SMTP, or captured for the mailbox when there is none. */
  isDelivered: boolean;
  /** The admin's own consent (with its confirmation e-mail) told them everything: it needs no lead time. */
  isConsent?: boolean;
};

export type ChargeReadiness =
  | { isReady: true }
  | {
      isReady: false;
      reason: 'no_notice' | 'notice_not_sent' | 'notice_not_delivered' | 'notice_too_recent';
      /** The first day the charge may happen once the notices stand as they are (null: not until one is sent). */
      notBefore: CalendarDate | null;
    };

/**
 * Whether an automatic charge may happen on `today` (DESIGN.md §4: the customer is told before any charge).
 * Every required notice due by today must have been sent and delivered, there must be at least one, and each
 * sent notice must precede the charge by its lead time, so a notice that went out late moves the charge
 * later instead of being a formality on the day of the charge.
 */
export function chargeReadiness(notices: readonly NoticeState[], today: CalendarDate): ChargeReadiness {
  const live = notices.filter((n) => n.status !== 'cancelled' && n.status !== 'skipped');
  if (live.length === 0) return { isReady: false, reason: 'no_notice', notBefore: null };
  const due = live.filter((n) => compareDates(n.dueDate, today) <= 0);
  if (due.some((n) => n.status !== 'sent' || !n.sentOn)) {
    return { isReady: false, reason: 'notice_not_sent', notBefore: null };
  }
  if (due.some((n) => !n.isDelivered))
    return { isReady: false, reason: 'notice_not_delivered', notBefore: null };
  const sent = live.filter((n) => n.status === 'sent' && n.sentOn);
  if (sent.length === 0) return { isReady: false, reason: 'notice_not_sent', notBefore: null };
  let notBefore = today;
  for (const notice of sent) {
    if (!notice.sentOn) continue;
    const earliest = addDays(notice.sentOn, notice.isConsent ? 0 : notice.leadDays);
    if (compareDates(earliest, notBefore) > 0) notBefore = earliest;
  }
  if (compareDates(notBefore, today) > 0) return { isReady: false, reason: 'notice_too_recent', notBefore };
  return { isReady: true };
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
