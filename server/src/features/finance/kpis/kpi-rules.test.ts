import { describe, expect, it } from 'vitest';
import {
  buildDueItems,
  type Contract,
  type ContractEvent,
  type CurrentTerm,
  computeKpis,
  type FulfilmentFact,
} from './kpi-rules.ts';

const FROM = '2026-01-01';
const TO = '2026-06-30';
const TODAY = '2026-11-23';

const contract = (overrides: Partial<Contract>): Contract => ({
  planId: 'plan_pro',
  seats: 10,
  unitPriceMinor: 10_000,
  termStart: '2025-03-01',
  termEnd: '2026-03-01',
  ...overrides,
});

function event(
  subscriptionId: string,
  type: ContractEvent['type'],
  at: string,
  data: Record<string, unknown>,
): ContractEvent {
  return { subscriptionId, type, at, currency: 'USD', data, current: { seats: 10, unitPriceMinor: 10_000 } };
}

function fixture() {
  const fulfilments = new Map<string, FulfilmentFact>([
    // On time, 3 years, seats 10 → 12 at the same price: expansion 20,000.
    [
      'pay_a',
      {
        paymentId: 'pay_a',
        before: contract({}),
        after: contract({ seats: 12, termStart: '2026-03-01', termEnd: '2029-03-01' }),
        source: 'checkout',
        termYears: 3,
        paidOn: '2026-02-10',
      },
    ],
    // Late (paid after term end), by auto-renew, fewer seats: contraction 50,000.
    [
      'pay_b',
      {
        paymentId: 'pay_b',
        before: contract({ termEnd: '2026-04-01', termStart: '2025-04-01' }),
        after: contract({ seats: 5, termStart: '2026-04-05', termEnd: '2027-04-05' }),
        source: 'auto_renew',
        termYears: 1,
        paidOn: '2026-04-05',
      },
    ],
    // An upgrade to a dearer plan mid-term: expansion.
    [
      'pay_c',
      {
        paymentId: 'pay_c',
        before: contract({ termEnd: '2026-05-01', termStart: '2025-05-01' }),
        after: contract({
          planId: 'plan_ent',
          unitPriceMinor: 15_000,
          termStart: '2026-01-10',
          termEnd: '2027-01-10',
        }),
        source: 'checkout',
        termYears: 1,
        paidOn: '2026-01-10',
      },
    ],
    // Due after the period: not counted.
    [
      'pay_d',
      {
        paymentId: 'pay_d',
        before: contract({ termEnd: '2026-09-01' }),
        after: contract({}),
        source: 'checkout',
        termYears: 1,
        paidOn: '2026-08-01',
      },
    ],
  ]);
  const events: ContractEvent[] = [
    event('sub_a', 'seats_added', '2025-06-01T10:00:00.000Z', { from: 8, to: 10 }),
    event('sub_a', 'renewed', '2026-02-10T10:00:00.000Z', { paymentId: 'pay_a', termYears: 3 }),
    event('sub_b', 'renewed', '2026-04-05T10:00:00.000Z', { paymentId: 'pay_b' }),
    event('sub_c', 'upgraded', '2026-01-10T10:00:00.000Z', { paymentId: 'pay_c' }),
    event('sub_d', 'renewed', '2026-08-01T10:00:00.000Z', { paymentId: 'pay_d' }),
    // History from before online payment: renewed without a gap on 2026-06-01, 20 days early.
    event('sub_e', 'renewed', '2026-05-12T15:30:00.000Z', {
      termStart: '2026-06-01',
      termEnd: '2027-06-01',
      termYears: 1,
    }),
  ];
  const currentTerms: CurrentTerm[] = [
    // Cancelled: churned. Expired past grace: churned. Ended 10 days ago: still in grace, open.
    {
      subscriptionId: 'sub_f',
      currency: 'USD',
      seats: 4,
      unitPriceMinor: 10_000,
      termStart: '2025-02-01',
      termEnd: '2026-02-01',
      isCancelled: true,
    },
    {
      subscriptionId: 'sub_g',
      currency: 'EUR',
      seats: 2,
      unitPriceMinor: 9_000,
      termStart: '2025-03-15',
      termEnd: '2026-03-15',
      isCancelled: false,
    },
  ];
  return { fulfilments, events, currentTerms };
}

describe('renewal KPIs', () => {
  it('classifies what was due in the period', () => {
    const { fulfilments, events, currentTerms } = fixture();
    const items = buildDueItems({
      from: FROM,
      to: TO,
      today: TODAY,
      graceDays: 14,
      timeZoneDate: (iso) => iso.slice(0, 10),
      events,
      fulfilments,
      currentTerms,
    });
    expect(items.map((i) => [i.subscriptionId, i.due, i.outcome])).toEqual([
      ['sub_f', '2026-02-01', 'churned'],
      ['sub_a', '2026-03-01', 'renewed'],
      ['sub_g', '2026-03-15', 'churned'],
      ['sub_b', '2026-04-01', 'renewed'],
      ['sub_c', '2026-05-01', 'renewed'],
      ['sub_e', '2026-06-01', 'renewed'],
    ]);
    // The seats added during sub_a's term count as growth: it started the term at 8.
    expect(items.find((i) => i.subscriptionId === 'sub_a')).toMatchObject({
      startArrMinor: 80_000,
      endArrMinor: 120_000,
    });

    const kpis = computeKpis({ from: FROM, to: TO, today: TODAY, items, autoRenew: { live: 8, enabled: 3 } });
    expect(kpis).toMatchObject({
      due: 6,
      renewedOnTime: 3,
      renewedLate: 1,
      churned: 2,
      open: 0,
      logoRenewalRateBp: 6_667,
      autoRenew: { adoptionBp: 3_750, enabled: 3, live: 8, renewalsByAutoRenew: 1 },
      multiYear: { uptakeBp: 2_500, renewals: 4, multiYearRenewals: 1 },
    });
    // Days before expiry: 19 (sub_a), −4 (sub_b), 111 (sub_c), 20 (sub_e) → 36.5.
    expect(kpis.averageDaysBeforeExpiry).toBe(36.5);
    const usd = kpis.retention.find((r) => r.currency === 'USD');
    // start: f 40,000 + a 80,000 + b 100,000 + c 100,000 + e 100,000 = 420,000
    // expansion: a 40,000 + c 50,000; contraction: b 50,000; churn: f 40,000
    expect(usd).toEqual({
      currency: 'USD',
      startingMinor: 420_000,
      expansionMinor: 90_000,
      contractionMinor: 50_000,
      churnedMinor: 40_000,
      grossRetentionBp: 7_857,
      netRetentionBp: 10_000,
    });
    expect(kpis.retention.find((r) => r.currency === 'EUR')).toMatchObject({
      grossRetentionBp: 0,
      netRetentionBp: 0,
    });
    expect(kpis.months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(kpis.months[2]).toMatchObject({ due: 2, renewedOnTime: 1, churned: 1 });
  });

  it('keeps a term that ended within grace open, and rates null when nothing was decided', () => {
    const items = buildDueItems({
      from: '2026-11-01',
      to: '2026-11-30',
      today: TODAY,
      graceDays: 14,
      timeZoneDate: (iso) => iso.slice(0, 10),
      events: [],
      fulfilments: new Map(),
      currentTerms: [
        {
          subscriptionId: 'sub_h',
          currency: 'USD',
          seats: 1,
          unitPriceMinor: 1,
          termStart: '2025-11-13',
          termEnd: '2026-11-13',
          isCancelled: false,
        },
      ],
    });
    expect(items.map((i) => i.outcome)).toEqual(['open']);
    const kpis = computeKpis({
      from: '2026-11-01',
      to: '2026-11-30',
      today: TODAY,
      items,
      autoRenew: { live: 0, enabled: 0 },
    });
    expect(kpis).toMatchObject({
      due: 1,
      open: 1,
      logoRenewalRateBp: null,
      retention: [],
      averageDaysBeforeExpiry: null,
    });
    expect(kpis.autoRenew.adoptionBp).toBeNull();
  });
});
