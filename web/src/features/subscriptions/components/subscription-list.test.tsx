import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubscriptionList } from '@/features/subscriptions/components/subscription-list';
import { fetchReplies, renderWithApp } from '@/test/render';

function subscription(overrides: Partial<TSubscriptionSummary>): TSubscriptionSummary {
  return {
    id: 'sub_1',
    label: 'Operations platform',
    plan: { id: 'plan_pro', code: 'pro', name: 'Professional', tierRank: 2 },
    seats: 120,
    currency: 'USD',
    termStart: '2026-06-11',
    termEnd: '2027-06-11',
    lastDay: '2027-06-10',
    status: 'active',
    cancelledAt: null,
    daysLeft: 200,
    graceDaysLeft: null,
    autoRenew: { enabled: true, termYears: 1 },
    annualValue: { amountMinor: 5_760_000, currency: 'USD' },
    hasPendingPayment: false,
    nextAction: 'review_offers',
    ...overrides,
  };
}

describe('SubscriptionList', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every subscription, most urgent first, with its status, money and next action', async () => {
    const subscriptions = [
      subscription({}),
      subscription({
        id: 'sub_2',
        label: 'Warehouse team',
        status: 'grace',
        daysLeft: -6,
        graceDaysLeft: 8,
        autoRenew: { enabled: false, termYears: null },
        nextAction: 'renew',
      }),
    ];
    vi.stubGlobal('fetch', fetchReplies({ status: 200, body: { subscriptions } }));
    renderWithApp(<SubscriptionList />);
    const items = await screen.findAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Warehouse team',
      'Operations platform',
    ]);
    const [urgent, calm] = items as [HTMLElement, HTMLElement];
    expect(within(urgent).getByText('In grace period')).toBeTruthy();
    expect(within(urgent).getByText('8 grace days left')).toBeTruthy();
    expect(within(urgent).getByRole('link', { name: 'Renew' }).getAttribute('href')).toBe(
      '/subscriptions/sub_2/offers',
    );
    expect(within(calm).getByText('$57,600.00')).toBeTruthy();
    expect(within(calm).getByText('On, renews for 1 year')).toBeTruthy();
    expect(screen.getByText('1 subscription needs attention')).toBeTruthy();
  });

  it('says so when there is nothing yet', async () => {
    vi.stubGlobal('fetch', fetchReplies({ status: 200, body: { subscriptions: [] } }));
    renderWithApp(<SubscriptionList />);
    expect(await screen.findByRole('heading', { name: 'No subscriptions yet' })).toBeTruthy();
  });

  it('offers to try again after a failure', async () => {
    vi.stubGlobal(
      'fetch',
      fetchReplies(
        { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } },
        { status: 200, body: { subscriptions: [subscription({})] } },
      ),
    );
    renderWithApp(<SubscriptionList />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The subscriptions could not be loaded.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Operations platform' })).toBeTruthy();
  });
});
