import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import {
  CHARGE_SLACK_DAYS,
  deriveObligations,
  type ObligationInput,
  type RenewalCharge,
  type SentNotice,
} from './notice-obligations.ts';
import { DEFAULT_NOTICE_POLICIES, type NoticeKind } from './notice-policy.ts';

const policy = (id: string) => {
  const found = DEFAULT_NOTICE_POLICIES.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

const TERM_END = '2027-03-01';
const charge: RenewalCharge = {
  amountMinor: 120_000,
  currency: 'USD',
  paymentMethodId: 'pm_1',
  termYears: 1,
};

function input(over: Partial<ObligationInput> = {}): ObligationInput {
  return {
    policy: policy('default'),
    termStart: '2026-03-01',
    termEnd: TERM_END,
    graceEnd: addDays(TERM_END, 14),
    charge,
    isPriceIncrease: false,
    consent: { termYears: 1, amountMinor: 120_000, currency: 'USD', forTermEnd: TERM_END },
    sent: [],
    today: TERM_END,
    ...over,
  };
}

function sent(
  kind: NoticeKind | 'consent',
  sentOn: string,
  over: Partial<SentNotice['stated']> = {},
  isDelivered = true,
): SentNotice {
  return { kind, sentOn, isDelivered, stated: { ...charge, chargeDate: TERM_END, ...over } };
}

const onTime = [sent('advance', '2027-01-30'), sent('final', '2027-02-22')];

describe('deriveObligations', () => {
  it('charges on the term end when each notice stated this charge inside its window', () => {
    const result = deriveObligations(input({ sent: onTime }));
    expect(result).toMatchObject({ chargeDate: TERM_END, isMoved: false, hold: null, mayChargeToday: true });
    expect(result.required.map((r) => [r.kind, r.satisfiedBy])).toEqual([
      ['advance', 0],
      ['final', 1],
    ]);
    expect(deriveObligations(input({ sent: onTime, today: '2027-02-28' })).mayChargeToday).toBe(false);
  });

  it('says which notices are due on which days before anything is sent', () => {
    const early = deriveObligations(input({ today: '2027-01-01' }));
    expect(early).toMatchObject({ chargeDate: TERM_END, dueToday: [], nextNoticeDate: '2027-01-30' });
    expect(early.required.map((r) => [r.kind, r.sendOn])).toEqual([
      ['advance', '2027-01-30'],
      ['final', '2027-02-22'],
    ]);
    expect(deriveObligations(input({ today: '2027-01-30' })).dueToday).toEqual(['advance']);
  });

  it('missed runs: a late first notice never shortens its lead time, the charge date moves', () => {
    const ca = policy('us-ca');
    // Nothing was sent; ten days before the end, California's first notice needs 15 days.
    const result = deriveObligations(input({ policy: ca, today: '2027-02-19' }));
    expect(result.chargeDate).toBe('2027-03-06');
    expect(result.isMoved).toBe(true);
    expect(result.dueToday).toEqual(['advance']);
    expect(result.mayChargeToday).toBe(false);
    // The notice went out that day stating the new date; the final one follows, and the charge waits for it.
    const advance = sent('advance', '2027-02-19', { chargeDate: '2027-03-06' });
    const later = deriveObligations(input({ policy: ca, today: '2027-02-27', sent: [advance] }));
    expect(later).toMatchObject({ chargeDate: '2027-03-06', dueToday: ['final'] });
    const final = sent('final', '2027-02-27', { chargeDate: '2027-03-06' });
    expect(
      deriveObligations(input({ policy: ca, today: '2027-03-05', sent: [advance, final] })).mayChargeToday,
    ).toBe(false);
    expect(
      deriveObligations(input({ policy: ca, today: '2027-03-06', sent: [advance, final] })).mayChargeToday,
    ).toBe(true);
  });

  it('a notice sent outside its window does not count, however early the charge would be', () => {
    const late = [sent('advance', '2027-02-10'), sent('final', '2027-02-22')];
    const result = deriveObligations(input({ sent: late, today: TERM_END }));
    expect(result.mayChargeToday).toBe(false);
    // The default policy asks for exactly 30 days: the charge moves to 30 days after that notice, and the
    // customer, told 1 March, is told the new date at once.
    expect(result).toMatchObject({ chargeDate: '2027-03-12', isMoved: true, mustTellNewDate: true });
    const muchLater = deriveObligations(input({ sent: [sent('advance', '2027-02-25')], today: TERM_END }));
    expect(muchLater).toMatchObject({ chargeDate: null, hold: 'too_late' });
  });

  it('a price change after the notices: they no longer count, new notices with their full lead time', () => {
    const ca = policy('us-ca');
    const caSent = [sent('advance', '2027-01-30'), sent('final', '2027-02-22')];
    const higher = { ...charge, amountMinor: 130_000 };
    const consent = { termYears: 1, amountMinor: 130_000, currency: 'USD', forTermEnd: TERM_END };
    const result = deriveObligations(
      input({
        policy: ca,
        sent: caSent,
        charge: higher,
        consent,
        isPriceIncrease: true,
        today: '2027-02-24',
      }),
    );
    expect(result.mayChargeToday).toBe(false);
    expect(result.chargeDate).toBe('2027-03-11');
    expect(result.dueToday).toEqual(['advance', 'price_change']);
  });

  it('the card, term or currency changing makes the notices stale too', () => {
    for (const changed of [
      { ...charge, paymentMethodId: 'pm_2' },
      { ...charge, currency: 'EUR' },
      { ...charge, termYears: 2 },
    ]) {
      const consent = {
        termYears: changed.termYears,
        amountMinor: null,
        currency: null,
        forTermEnd: TERM_END,
      };
      const result = deriveObligations(input({ sent: onTime, charge: changed, consent }));
      expect(result.mayChargeToday).toBe(false);
    }
  });

  it('a notice contradicted by a later one does not count, even when the facts change back', () => {
    const other = sent('final', '2027-02-23', { amountMinor: 99_000 });
    const result = deriveObligations(input({ sent: [...onTime, other] }));
    expect(result.mayChargeToday).toBe(false);
  });

  it('no consent, or consent for another term length: held, no notice announces a charge', () => {
    const none = deriveObligations(input({ consent: null, today: '2027-01-30' }));
    expect(none).toMatchObject({
      hold: 'no_consent',
      dueToday: [],
      nextNoticeDate: null,
      mayChargeToday: false,
    });
    const twoYears = { termYears: 2, amountMinor: null, currency: null, forTermEnd: TERM_END };
    expect(deriveObligations(input({ consent: twoYears, sent: onTime }))).toMatchObject({
      hold: 'consent_other_term',
      mayChargeToday: false,
    });
  });

  it('no card: held', () => {
    const noCard = { ...charge, paymentMethodId: null };
    expect(deriveObligations(input({ charge: noCard })).hold).toBe('no_card');
  });

  it('the consented amount is honoured for its term; a later term may cost more, with its price-change notice', () => {
    const higher = { ...charge, amountMinor: 130_000 };
    const consent = { termYears: 1, amountMinor: 120_000, currency: 'USD', forTermEnd: TERM_END };
    const same = deriveObligations(input({ charge: higher, consent }));
    expect(same.hold).toBe('above_consented_amount');
    const earlier = { ...consent, forTermEnd: '2026-03-01' };
    const later = deriveObligations(
      input({ charge: higher, consent: earlier, isPriceIncrease: true, today: '2027-01-01' }),
    );
    expect(later.hold).toBeNull();
    expect(later.required.map((r) => r.kind)).toEqual(['advance', 'price_change', 'final']);
  });

  it('a notice not yet delivered is not sent again, but the charge waits for it', () => {
    const pending = [sent('advance', '2027-01-30'), sent('final', '2027-02-22', {}, false)];
    const result = deriveObligations(input({ sent: pending }));
    expect(result.dueToday).toEqual([]);
    expect(result.mayChargeToday).toBe(false);
    expect(result.required[1]).toMatchObject({ isAwaitingDelivery: true, sendOn: null });
  });

  it('the consent acknowledgement counts as a notice inside the window it was sent in', () => {
    const ack = sent('consent', '2027-02-20');
    const result = deriveObligations(
      input({ policy: policy('us-ca'), sent: [sent('advance', '2027-01-30'), ack] }),
    );
    expect(result.mayChargeToday).toBe(true);
  });

  it(`a charge day missed by the run may still be charged up to ${CHARGE_SLACK_DAYS} days after, not later`, () => {
    expect(
      deriveObligations(input({ sent: onTime, today: addDays(TERM_END, CHARGE_SLACK_DAYS) })).mayChargeToday,
    ).toBe(true);
    expect(
      deriveObligations(input({ sent: onTime, today: addDays(TERM_END, CHARGE_SLACK_DAYS + 1) }))
        .mayChargeToday,
    ).toBe(false);
  });

  it('dunning retries keep the announced date until the end of grace', () => {
    const retry = input({ sent: onTime, today: addDays(TERM_END, 7), firstAttemptDate: TERM_END });
    expect(deriveObligations(retry).mayChargeToday).toBe(true);
    expect(deriveObligations({ ...retry, today: addDays(TERM_END, 14) }).mayChargeToday).toBe(false);
  });

  it('a move to Germany counts one calendar month, and notices sent under the old address still count if inside it', () => {
    const de = policy('de');
    // Sent 30 days before 31 March: 1 March, inside "one to two months before" (28 February – 31 January).
    const end = '2027-03-31';
    const notices = [
      { ...sent('advance', '2027-03-01'), stated: { ...charge, chargeDate: end } },
      { ...sent('final', '2027-03-24'), stated: { ...charge, chargeDate: end } },
    ];
    const base = input({ policy: de, termEnd: end, graceEnd: addDays(end, 14), sent: notices, today: end });
    const consent = { termYears: 1, amountMinor: 120_000, currency: 'USD', forTermEnd: end };
    expect(deriveObligations({ ...base, consent }).mayChargeToday).toBe(false);
    const inWindow = [{ ...notices[0], sentOn: '2027-02-28' } as SentNotice, notices[1] as SentNotice];
    expect(deriveObligations({ ...base, consent, sent: inWindow }).mayChargeToday).toBe(true);
  });

  it('France: notices must come one to three months before; two months is preferred', () => {
    const result = deriveObligations(input({ policy: policy('fr'), today: '2026-12-01' }));
    expect(result.required.map((r) => [r.kind, r.from, r.to, r.sendOn])).toEqual([
      ['advance', '2026-12-01', '2027-02-01', '2027-01-01'],
      ['final', '2027-02-15', '2027-02-22', '2027-02-22'],
    ]);
  });
});

describe('deriveObligations in dunning', () => {
  it('a retry may use a new card saved after the decline, but not a new amount', () => {
    const retry = input({ sent: onTime, today: addDays(TERM_END, 3), firstAttemptDate: TERM_END });
    expect(
      deriveObligations({ ...retry, charge: { ...charge, paymentMethodId: 'pm_new' } }).mayChargeToday,
    ).toBe(true);
    const consent = { termYears: 1, amountMinor: null, currency: null, forTermEnd: TERM_END };
    expect(
      deriveObligations({ ...retry, consent, charge: { ...charge, amountMinor: 99_000 } }).mayChargeToday,
    ).toBe(false);
  });
});

describe('deriveObligations when only the date moves', () => {
  it('a missed final notice moves the charge; the earlier notice still counts inside its window, the final states the new date', () => {
    const ca = policy('us-ca');
    const advance = sent('advance', '2027-01-30');
    const result = deriveObligations(input({ policy: ca, sent: [advance], today: TERM_END }));
    expect(result).toMatchObject({ chargeDate: '2027-03-08', isMoved: true, dueToday: ['final'] });
    const final = sent('final', TERM_END, { chargeDate: '2027-03-08' });
    const onDay = deriveObligations(input({ policy: ca, sent: [advance, final], today: '2027-03-08' }));
    expect(onDay).toMatchObject({ chargeDate: '2027-03-08', mayChargeToday: true });
  });

  it('the date never moves earlier than the customer was last told', () => {
    const ca = policy('us-ca');
    const told = [
      sent('advance', '2027-01-30', { chargeDate: '2027-03-05' }),
      sent('final', '2027-02-22', { chargeDate: '2027-03-05' }),
    ];
    expect(deriveObligations(input({ policy: ca, sent: told, today: TERM_END })).mayChargeToday).toBe(false);
  });
});
