// Consumer rights to end a contract renewed automatically (issue 10 item 8, decision 017): who may end it
// online, from when, on which day it ends, and the prorated refund of the time paid for and not used. Pure:
// the server decides with it, the page shows what it decided.
//
// | country | who       | when                                                        | ends                      |
// |---------|-----------|-------------------------------------------------------------|---------------------------|
// | DE      | consumers | the running term began by an automatic renewal (not the     | one calendar month after  |
// |         |           | first term): BGB §309 Nr. 9                                 | the request               |
// | FR      | consumers | the running term began by an automatic renewal whose notice | the day after the request |
// |         |           | was not sent inside its window: Code de la consommation     | (at any time)             |
// |         |           | L215-1                                                      |                           |
// Never later than the running term's end. Businesses, other countries: no such right (auto-renew can still be
// turned off in one click, which ends the contract at the term's end).

import { addDays, addMonths, type CalendarDate, compareDates, daysBetween } from './dates.ts';

export const CANCELLATION_RIGHTS = ['de_one_month_notice', 'fr_notice_not_sent'] as const;
export type CancellationRight = (typeof CANCELLATION_RIGHTS)[number];

export const NO_CANCELLATION_REASONS = [
  'business',
  'country',
  'first_term',
  'not_renewed_automatically',
  'notice_sent_in_time',
  'cancelled',
  'ended',
] as const;
export type NoCancellationReason = (typeof NO_CANCELLATION_REASONS)[number];

export type CancellationFacts = {
  customerType: 'business' | 'consumer';
  /** ISO 3166-1 of the billing address. */
  country: string;
  today: CalendarDate;
  /** The running term; `termEnd` is exclusive. */
  termStart: CalendarDate;
  termEnd: CalendarDate;
  /** The running term began by an automatic renewal (it is not the first term). */
  isRenewedAutomatically: boolean;
  /** For that renewal: a notice was sent inside the policy's first-notice window before it. */
  wasNoticeSentInWindow: boolean;
  isCancelled: boolean;
};

export type CancellationDecision =
  | {
      right: CancellationRight;
      /** The first day without service (exclusive end of the contract). */
      endsOn: CalendarDate;
    }
  | { right: null; reason: NoCancellationReason };

export function cancellationRight(facts: CancellationFacts): CancellationDecision {
  if (facts.isCancelled) return { right: null, reason: 'cancelled' };
  if (compareDates(facts.today, facts.termEnd) >= 0) return { right: null, reason: 'ended' };
  if (facts.customerType !== 'consumer') return { right: null, reason: 'business' };
  const country = facts.country.toUpperCase();
  if (country !== 'DE' && country !== 'FR') return { right: null, reason: 'country' };
  if (!facts.isRenewedAutomatically) return { right: null, reason: 'first_term' };
  const earliest = (date: CalendarDate) => (compareDates(date, facts.termEnd) < 0 ? date : facts.termEnd);
  if (country === 'DE') {
    return { right: 'de_one_month_notice', endsOn: earliest(addMonths(facts.today, 1)) };
  }
  if (facts.wasNoticeSentInWindow) return { right: null, reason: 'notice_sent_in_time' };
  return { right: 'fr_notice_not_sent', endsOn: earliest(addDays(facts.today, 1)) };
}

export type PaidSpan = {
  /** What was paid for the span and not refunded yet, in minor units. */
  paidMinor: number;
  refundedMinor: number;
  /** The service the payment bought; `end` exclusive. */
  start: CalendarDate;
  end: CalendarDate;
};

/**
 * The part of a payment for time after `endsOn`, by days, rounded to the nearest minor unit (half up), never
 * more than what is left of the payment. A span that starts after `endsOn` (a next term paid ahead) is
 * refunded whole; one that ends by `endsOn` not at all.
 */
export function unusedRefund(span: PaidSpan, endsOn: CalendarDate): number {
  const days = daysBetween(span.start, span.end);
  if (days <= 0 || compareDates(span.end, endsOn) <= 0) return 0;
  const unusedFrom = compareDates(endsOn, span.start) > 0 ? endsOn : span.start;
  const unusedDays = daysBetween(unusedFrom, span.end);
  const share = Math.floor((span.paidMinor * unusedDays * 2 + days) / (2 * days));
  return Math.max(0, Math.min(share, span.paidMinor - span.refundedMinor));
}
