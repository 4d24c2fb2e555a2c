import type { TAutoRenewState } from '@portal/shared/schemas/auto-renew';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentForm } from '@/features/auto-renew/components/consent-form';
import { fetchReplies, renderWithApp } from '@/test/render';

const option = (termYears: 1 | 2 | 3, amountMinor: number) => ({
  termYears,
  amount: { amountMinor, currency: 'USD' },
  chargeDate: '2027-01-26',
  newTermStart: '2027-01-26',
  newTermEnd: `${2027 + termYears}-01-26`,
  notices: [
    {
      kind: 'advance' as const,
      date: '2026-12-27',
      daysBefore: 30,
      status: 'planned' as const,
      sentAt: null,
    },
    { kind: 'final' as const, date: '2027-01-19', daysBefore: 7, status: 'planned' as const, sentAt: null },
  ],
  terms: {
    text: `I agree that Sales workspace renews automatically for ${termYears} years.`,
    hash: `hash-${termYears}`,
  },
});

const state: TAutoRenewState = {
  subscription: {
    id: 'sub_1',
    label: 'Sales workspace',
    planName: 'Professional',
    seats: 45,
    termEnd: '2027-01-26',
    lastDay: '2027-01-25',
    status: 'renewal_open',
  },
  enabled: false,
  termYears: null,
  canTurnOn: true,
  cannotTurnOnReason: null,
  canTurnOff: false,
  card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  policy: { id: 'default', label: 'Default' },
  options: [option(1, 2_052_000), option(2, 3_801_600)],
  renewal: null,
  consents: [],
  remindersMuted: false,
};

describe('ConsentForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns auto-renew on only after the terms shown are agreed to, naming their hash', async () => {
    const calls: { url: string; body: string }[] = [];
    const replies = fetchReplies({
      status: 200,
      body: { subscription: {}, autoRenew: { ...state, enabled: true } },
    });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), body: String(init?.body) });
      return replies();
    });
    const onDone = vi.fn();
    renderWithApp(<ConsentForm state={state} onDone={onDone} />);
    fireEvent.click(screen.getByRole('radio', { name: /2 years: \$38,016\.00/ }));
    expect(screen.getByText('I agree that Sales workspace renews automatically for 2 years.')).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Turn on auto-renew' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByLabelText('I agree to these terms'));
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith('Auto-renew is on. We sent a confirmation by e-mail.'),
    );
    expect(calls).toEqual([
      {
        url: '/api/subscriptions/sub_1/auto-renew',
        body: JSON.stringify({
          enabled: true,
          termYears: 2,
          consent: { termsHash: 'hash-2', accepted: true },
        }),
      },
    ]);
  });

  it('asks for a card before showing terms to agree to', () => {
    renderWithApp(
      <ConsentForm
        state={{ ...state, card: null, options: state.options.map((o) => ({ ...o, terms: null })) }}
        onDone={vi.fn()}
      />,
    );
    expect(screen.getByText('Save a card first: the terms name the card that will be charged.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Turn on auto-renew' }).hasAttribute('disabled')).toBe(true);
  });
});
