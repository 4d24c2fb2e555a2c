import type { TSubscriptionEvent } from '@portal/shared/schemas/subscriptions';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SubscriptionHistory } from '@/features/subscriptions/components/subscription-history';
import { renderWithApp } from '@/test/render';

const event = (type: string, data: Record<string, unknown>, at: string): TSubscriptionEvent => ({
  id: `sev_${type}`,
  type,
  at,
  actor: 'li.wei@harbor.example',
  data,
});

describe('SubscriptionHistory', () => {
  it('reads every event the server records as a sentence, never as raw data', async () => {
    renderWithApp(
      <SubscriptionHistory
        events={[
          event(
            'quote.accepted',
            {
              quoteId: 'quo_1',
              number: 'Q-2026-000015',
              documentSha256: '241b907958bccf40105dd6cdbc3ebaf43e7c33a3918e5bc883957dfa2754f4a2',
              purchaseOrder: 'PO-778',
            },
            '2026-12-02T10:00:00.000Z',
          ),
          event('term_started', { seats: 80, termEnd: '2028-02-15' }, '2026-12-02T09:00:00.000Z'),
          event(
            'contract.cancelled',
            { by: 'ops', lastDay: '2027-02-14', reason: 'Customer asked' },
            '2026-12-02T08:00:00.000Z',
          ),
          event('auto_renew.held', { reason: 'price_above_agreed' }, '2026-12-02T07:00:00.000Z'),
        ]}
      />,
    );
    expect(await screen.findByText('Quote Q-2026-000015 accepted')).toBeTruthy();
    expect(screen.getByText('Purchase order PO-778')).toBeTruthy();
    expect(screen.getByText('New term started')).toBeTruthy();
    expect(screen.getByText('80 seats')).toBeTruthy();
    expect(screen.getByText('Contract cancelled: ends on Feb 14, 2027')).toBeTruthy();
    expect(screen.getByText('Reason: Customer asked')).toBeTruthy();
    expect(screen.getByText('Automatic renewal held')).toBeTruthy();
    expect(screen.queryByText(/Event:|documentSha256|quoteId/)).toBeNull();
  });

  it('still shows an event type it does not know, with its data', async () => {
    renderWithApp(
      <SubscriptionHistory events={[event('something.new', { a: 'b' }, '2026-12-02T07:00:00.000Z')]} />,
    );
    expect(await screen.findByText('Event: something.new')).toBeTruthy();
    expect(screen.getByText('a: b')).toBeTruthy();
  });
});
