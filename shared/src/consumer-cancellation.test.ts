// Consumer cancellation rights and the prorated refund, with amounts worked out by hand.

import { describe, expect, it } from 'vitest';
import { type CancellationFacts, cancellationRight, unusedRefund } from './consumer-cancellation.ts';

const german: CancellationFacts = {
  customerType: 'consumer',
  country: 'DE',
  today: '2027-03-31',
  termStart: '2027-01-26',
  termEnd: '2028-01-26',
  isRenewedAutomatically: true,
  wasNoticeSentInWindow: true,
  isCancelled: false,
};

describe('cancellationRight', () => {
  it('gives a German consumer one calendar month’s notice after an automatic renewal (31 March → 30 April)', () => {
    expect(cancellationRight(german)).toEqual({ right: 'de_one_month_notice', endsOn: '2027-04-30' });
  });

  it('never ends a German contract later than its term', () => {
    expect(cancellationRight({ ...german, today: '2028-01-10' })).toEqual({
      right: 'de_one_month_notice',
      endsOn: '2028-01-26',
    });
  });

  it('gives no right in the first term, to businesses, or elsewhere', () => {
    expect(cancellationRight({ ...german, isRenewedAutomatically: false })).toEqual({
      right: null,
      reason: 'first_term',
    });
    expect(cancellationRight({ ...german, customerType: 'business' })).toEqual({
      right: null,
      reason: 'business',
    });
    expect(cancellationRight({ ...german, country: 'US' })).toEqual({ right: null, reason: 'country' });
    expect(cancellationRight({ ...german, isCancelled: true })).toEqual({ right: null, reason: 'cancelled' });
    expect(cancellationRight({ ...german, today: '2028-01-26' })).toEqual({ right: null, reason: 'ended' });
  });

  it('gives a French consumer the right at any time when the renewal notice was not sent in its window', () => {
    const french = { ...german, country: 'fr', wasNoticeSentInWindow: false };
    expect(cancellationRight(french)).toEqual({ right: 'fr_notice_not_sent', endsOn: '2027-04-01' });
    expect(cancellationRight({ ...french, today: '2027-01-26' })).toEqual({
      right: 'fr_notice_not_sent',
      endsOn: '2027-01-27',
    });
    expect(cancellationRight({ ...french, wasNoticeSentInWindow: true })).toEqual({
      right: null,
      reason: 'notice_sent_in_time',
    });
  });
});

describe('unusedRefund', () => {
  const year = { paidMinor: 365_000, refundedMinor: 0, start: '2027-01-26', end: '2028-01-26' };

  it('refunds the days after the end: 30 April 2027 to 26 January 2028 is 271 of 365 days → 271,000', () => {
    expect(unusedRefund(year, '2027-04-30')).toBe(271_000);
  });

  it('rounds half up to the minor unit: 100 paid over 3 days, 1 day unused → 33; 2 days → 67', () => {
    const span = { paidMinor: 100, refundedMinor: 0, start: '2027-01-01', end: '2027-01-04' };
    expect(unusedRefund(span, '2027-01-03')).toBe(33);
    expect(unusedRefund(span, '2027-01-02')).toBe(67);
  });

  it('refunds a term paid ahead whole, a span already over nothing, and never more than is left', () => {
    expect(unusedRefund({ ...year, start: '2028-01-26', end: '2029-01-26' }, '2027-04-30')).toBe(365_000);
    expect(unusedRefund(year, '2028-01-26')).toBe(0);
    expect(unusedRefund({ ...year, refundedMinor: 300_000 }, '2027-04-30')).toBe(65_000);
  });
});
