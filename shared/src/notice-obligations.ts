// What the customer must be told before an automatic renewal charge, and whether the charge may happen today,
// derived from current facts each time (decision 009): the charge that would be made now (amount, currency,
// card, term), the jurisdiction's policy for today's billing address, the consent on record, and the notices
// actually sent with what each one stated. Nothing planned earlier is trusted: a sent notice counts only if it
// stated exactly this charge (amount, currency, card, term and charge date), was sent inside the policy's
// window for that date, was delivered, and was not contradicted by a later notice. When the facts change after
// a notice went out, the earliest lawful charge date moves later by the full lead time of a new notice; when
// that date falls past the end of grace, the renewal is held. Pure: no clock, no database.

import { addDays, addMonths, type CalendarDate, compareDates, daysBetween } from './dates.ts';
import type { NoticeKind, NoticePolicy } from './notice-kinds.ts';

/** What would be charged: the figures every notice must state. */
export type RenewalCharge = {
  amountMinor: number;
  currency: string;
  /** The saved card's Stripe PaymentMethod id (null: none saved). */
  paymentMethodId: string | null;
  termYears: number;
};

export type StatedCharge = RenewalCharge & { chargeDate: CalendarDate };

/** A notice that went out, as a fact: when, whether it reached the outbox's end, and what it said. */
export type SentNotice = {
  /**
   * 'consent': the acknowledgement of the admin's consent, which states everything a notice does; 'change': the
   * customer told that the charge date moved (it counts for no window, but is what they were last told).
   */
  kind: NoticeKind | 'consent' | 'change';
  sentOn: CalendarDate;
  isDelivered: boolean;
  stated: StatedCharge;
};

/** The consent on record for this subscription (the latest enabling one; null when off or never given). */
export type ConsentFact = {
  termYears: number;
  /** The amount agreed to (null for an old checkout consent that had none). */
  amountMinor: number | null;
  currency: string | null;
  /** The end of the term the consent was given in: its amount is honoured for that renewal only. */
  forTermEnd: CalendarDate | null;
};

export type ObligationInput = {
  policy: NoticePolicy;
  termStart: CalendarDate;
  /** The end (exclusive) of the running term: the charge date unless a notice obligation moves it. */
  termEnd: CalendarDate;
  /** The first day after grace: no automatic charge on or after it. */
  graceEnd: CalendarDate;
  /** What would be charged now; null when the renewal cannot be priced (not renewable). */
  charge: RenewalCharge | null;
  /** The renewal costs more per year than the running term: the policy's price-change notice applies. */
  isPriceIncrease: boolean;
  consent: ConsentFact | null;
  sent: readonly SentNotice[];
  today: CalendarDate;
  /** Set once a first attempt was made (dunning): retries keep the date that attempt was announced for. */
  firstAttemptDate?: CalendarDate | null;
};

export type HoldReason =
  | 'no_consent'
  | 'consent_other_term'
  | 'above_consented_amount'
  | 'no_card'
  | 'not_priced'
  | 'too_late';

export type RequiredNotice = {
  kind: NoticeKind;
  /** Sent on a day from `from` to `to` (inclusive), the notice counts for the charge date. */
  from: CalendarDate;
  to: CalendarDate;
  /** The sent notice that counts for it (index into `sent`), if any. */
  satisfiedBy: number | null;
  /** Sent and stating this charge, but not delivered yet: not sent again, but the charge waits. */
  isAwaitingDelivery: boolean;
  /** When it is to be sent (null when it counts already). */
  sendOn: CalendarDate | null;
};

export type Obligations = {
  /** The earliest lawful charge date for these facts (null: held). */
  chargeDate: CalendarDate | null;
  /** The charge date moved past the end of the term because of a missing or outdated notice. */
  isMoved: boolean;
  required: RequiredNotice[];
  /** Notices to send today, each stating `chargeDate`. */
  dueToday: NoticeKind[];
  /** The next day a notice is to be sent (today included), or null. */
  nextNoticeDate: CalendarDate | null;
  hold: HoldReason | null;
  mayChargeToday: boolean;
  /** California's yearly reminders during a term of more than a year not sent yet (the one due first). */
  annualReminderOn: CalendarDate | null;
  /** The customer was last told another date (or another charge) and no notice due today tells them: tell them. */
  mustTellNewDate: boolean;
};

/** A charge announced for a day may still be made this many days after it when the run missed that day. */
export const CHARGE_SLACK_DAYS = 3;

/** How far the search for a lawful charge date looks (beyond it the renewal is held anyway). */
const SEARCH_DAYS = 200;

function back(date: CalendarDate, amount: number, unit: 'days' | 'months'): CalendarDate {
  return unit === 'months' ? addMonths(date, -amount) : addDays(date, -amount);
}

/** The days on which a notice of `kind` must be sent to count for a charge on `chargeDate`. */
export function noticeWindow(
  kind: NoticeKind,
  policy: NoticePolicy,
  chargeDate: CalendarDate,
): { from: CalendarDate; to: CalendarDate; preferred: CalendarDate } | null {
  switch (kind) {
    case 'advance': {
      const unit = policy.advance.unit ?? 'days';
      const [min, max] = policy.advance.window;
      const preferred = Math.min(max, Math.max(min, policy.advance.daysBefore));
      return {
        from: back(chargeDate, max, unit),
        to: back(chargeDate, min, unit),
        preferred: back(chargeDate, preferred, unit),
      };
    }
    case 'price_change': {
      if (!policy.priceChange) return null;
      const unit = policy.priceChange.unit ?? 'days';
      const [min, max] = policy.priceChange.window;
      const preferred = Math.min(max, Math.max(min, policy.priceChange.daysBefore));
      return {
        from: back(chargeDate, max, unit),
        to: back(chargeDate, min, unit),
        preferred: back(chargeDate, preferred, unit),
      };
    }
    case 'final': {
      if (policy.finalDaysBefore === null) return null;
      const days = policy.finalDaysBefore;
      return {
        from: addDays(chargeDate, -2 * days),
        to: addDays(chargeDate, -days),
        preferred: addDays(chargeDate, -days),
      };
    }
    case 'annual_reminder':
      return null;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The kinds of notice the policy requires before a charge of this term. */
export function requiredKinds(input: {
  policy: NoticePolicy;
  termYears: number;
  isPriceIncrease: boolean;
}): NoticeKind[] {
  const { policy } = input;
  const kinds: NoticeKind[] = [];
  if (input.termYears >= (policy.advanceMinTermYears ?? 0)) kinds.push('advance');
  if (input.isPriceIncrease && policy.priceChange) kinds.push('price_change');
  if (policy.finalDaysBefore !== null) kinds.push('final');
  return kinds;
}

/** The same money, card and term (the date is compared apart: it may only have moved later). */
function sameCharge(a: RenewalCharge, b: RenewalCharge): boolean {
  return (
    a.amountMinor === b.amountMinor &&
    a.currency.toUpperCase() === b.currency.toUpperCase() &&
    a.paymentMethodId === b.paymentMethodId &&
    a.termYears === b.termYears
  );
}

/**
 * Whether a notice counts for this charge on `chargeDate`: it stated the same amount, currency, card and term,
 * and either this date or (`allowEarlierDate`) an earlier one the charge has since moved from.
 */
export function statesCharge(
  notice: SentNotice,
  charge: RenewalCharge,
  chargeDate: CalendarDate,
  allowEarlierDate = false,
): boolean {
  if (!sameCharge(notice.stated, charge)) return false;
  const order = compareDates(notice.stated.chargeDate, chargeDate);
  return order === 0 || (allowEarlierDate && order < 0);
}

/**
 * Indexes of sent notices that no later notice contradicted: what the customer was last told stands, with the
 * earlier notices of the same charge that only gave an earlier date (the date may move later, never earlier).
 */
function standingNotices(sent: readonly SentNotice[]): Set<number> {
  const order = sent
    .map((n, i) => ({ n, i }))
    .sort((a, b) => compareDates(a.n.sentOn, b.n.sentOn) || a.i - b.i);
  const last = order[order.length - 1];
  const standing = new Set<number>();
  if (!last) return standing;
  for (const { n, i } of order) {
    if (
      sameCharge(n.stated, last.n.stated) &&
      compareDates(n.stated.chargeDate, last.n.stated.chargeDate) <= 0
    )
      standing.add(i);
  }
  return standing;
}

function within(date: CalendarDate, from: CalendarDate, to: CalendarDate): boolean {
  return compareDates(date, from) >= 0 && compareDates(date, to) <= 0;
}

/** The notices required for a charge on `chargeDate`, each matched against what was sent. */
function requiredFor(
  input: ObligationInput,
  charge: RenewalCharge,
  chargeDate: CalendarDate,
  standing: Set<number>,
): RequiredNotice[] | null {
  const kinds = requiredKinds({
    policy: input.policy,
    termYears: charge.termYears,
    isPriceIncrease: input.isPriceIncrease,
  });
  const out: RequiredNotice[] = [];
  // The last notice before the charge must state its exact date; earlier ones may have given an earlier date.
  const exactKind = kinds[kinds.length - 1];
  for (const kind of kinds) {
    const window = noticeWindow(kind, input.policy, chargeDate);
    if (!window) continue;
    let satisfiedBy: number | null = null;
    let isAwaitingDelivery = false;
    input.sent.forEach((notice, index) => {
      if (satisfiedBy !== null) return;
      if (notice.kind !== kind && notice.kind !== 'consent') return;
      if (!standing.has(index) || !statesCharge(notice, charge, chargeDate, kind !== exactKind)) return;
      if (!within(notice.sentOn, window.from, window.to)) return;
      if (notice.isDelivered) satisfiedBy = index;
      else isAwaitingDelivery = true;
    });
    let sendOn: CalendarDate | null = null;
    if (satisfiedBy === null && !isAwaitingDelivery) {
      const earliest = compareDates(window.preferred, input.today) > 0 ? window.preferred : input.today;
      const start = compareDates(earliest, window.from) > 0 ? earliest : window.from;
      if (compareDates(start, window.to) > 0) return null; // cannot be sent in its window any more
      sendOn = start;
    }
    out.push({ kind, from: window.from, to: window.to, satisfiedBy, isAwaitingDelivery, sendOn });
  }
  return out;
}

/** The first anniversary of the term (before its end) whose yearly reminder has not gone out, if the policy asks. */
function annualReminderOn(input: ObligationInput): CalendarDate | null {
  if (!input.policy.annualReminder) return null;
  for (let year = 1; ; year++) {
    const anniversary = addMonths(input.termStart, 12 * year);
    if (compareDates(anniversary, addDays(input.termEnd, -31)) >= 0) return null;
    const isSent = input.sent.some(
      (n) => n.kind === 'annual_reminder' && compareDates(n.sentOn, anniversary) >= 0,
    );
    if (!isSent) return compareDates(anniversary, input.today) < 0 ? input.today : anniversary;
  }
}

function holdOf(input: ObligationInput): HoldReason | null {
  const { charge, consent } = input;
  if (!charge) return 'not_priced';
  if (!consent) return 'no_consent';
  if (consent.termYears !== charge.termYears) return 'consent_other_term';
  if (!charge.paymentMethodId) return 'no_card';
  const isConsentTerm = consent.forTermEnd === null || consent.forTermEnd === input.termEnd;
  if (
    isConsentTerm &&
    consent.amountMinor !== null &&
    (consent.currency ?? '').toUpperCase() === charge.currency.toUpperCase() &&
    charge.amountMinor > consent.amountMinor
  ) {
    return 'above_consented_amount';
  }
  return null;
}

function summarise(
  input: ObligationInput,
  chargeDate: CalendarDate | null,
  required: RequiredNotice[],
  hold: HoldReason | null,
): Obligations {
  // A held renewal announces no charge: the customer is told it is held instead.
  const pending = hold === null ? required.filter((r) => r.sendOn !== null) : [];
  const dueToday = pending.filter((r) => r.sendOn === input.today).map((r) => r.kind);
  const reminder = hold === null ? annualReminderOn(input) : null;
  if (reminder && compareDates(reminder, input.today) <= 0) dueToday.push('annual_reminder');
  const next =
    [...pending.map((r) => r.sendOn as CalendarDate), ...(reminder ? [reminder] : [])].sort(
      compareDates,
    )[0] ?? null;
  const isAllSatisfied = required.every((r) => r.satisfiedBy !== null);
  const mayChargeToday =
    hold === null &&
    chargeDate !== null &&
    isAllSatisfied &&
    compareDates(input.today, chargeDate) >= 0 &&
    (input.firstAttemptDate
      ? compareDates(input.today, input.graceEnd) < 0
      : daysBetween(chargeDate, input.today) <= CHARGE_SLACK_DAYS);
  const lastTold = [...input.sent].sort((a, b) => compareDates(a.sentOn, b.sentOn)).at(-1)?.stated;
  const isToldOtherwise =
    lastTold !== undefined &&
    input.charge !== null &&
    chargeDate !== null &&
    (lastTold.chargeDate !== chargeDate || !sameCharge(lastTold, input.charge));
  return {
    chargeDate,
    annualReminderOn: reminder,
    mustTellNewDate: hold === null && isToldOtherwise && dueToday.length === 0,
    isMoved: chargeDate !== null && compareDates(chargeDate, input.termEnd) > 0,
    required,
    dueToday,
    nextNoticeDate: next,
    hold,
    mayChargeToday,
  };
}

/**
 * The obligations for the running term's automatic renewal as the facts stand today. See the module comment;
 * the invariants are listed in docs/decisions/009-notice-obligations-derived.md.
 */
export function deriveObligations(input: ObligationInput): Obligations {
  const baseHold = holdOf(input);
  const charge = input.charge;
  if (!charge) return summarise(input, null, [], baseHold);
  const standing = standingNotices(input.sent);

  // A dunning retry keeps the date its first attempt was announced for, while the facts stay the same; the
  // card may change (the decline e-mail asks for a new one).
  if (input.firstAttemptDate) {
    const firstAttempt = input.firstAttemptDate;
    const announced = input.sent.find(
      (n, i) => standing.has(i) && compareDates(n.stated.chargeDate, firstAttempt) <= 0,
    )?.stated;
    if (announced) {
      const retried = { ...charge, paymentMethodId: announced.paymentMethodId };
      const required = requiredFor(input, retried, announced.chargeDate, standing);
      if (required?.every((r) => r.satisfiedBy !== null)) {
        return summarise(input, announced.chargeDate, required, baseHold);
      }
    }
  }

  // A charge announced for a day the run missed may still be made a few days after it.
  for (let late = CHARGE_SLACK_DAYS; late >= 0; late--) {
    const date = addDays(input.today, -late);
    if (compareDates(date, input.termEnd) < 0) continue;
    const required = requiredFor(input, charge, date, standing);
    if (required?.every((r) => r.satisfiedBy !== null)) {
      return summarise({ ...input, firstAttemptDate: null }, date, required, baseHold);
    }
  }

  // Otherwise the earliest day on or after the term's end whose notices can all still be given in time.
  const start = compareDates(input.termEnd, input.today) >= 0 ? input.termEnd : input.today;
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = addDays(start, offset);
    if (compareDates(date, input.graceEnd) >= 0) break;
    const required = requiredFor(input, charge, date, standing);
    if (required) return summarise({ ...input, firstAttemptDate: null }, date, required, baseHold);
  }
  return summarise(input, null, [], baseHold ?? 'too_late');
}
