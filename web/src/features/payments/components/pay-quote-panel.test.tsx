import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayQuotePanel } from '@/features/payments/components/pay-quote-panel';
import { fetchReplies, renderWithApp } from '@/test/render';

const total = { amountMinor: 1_530_000, currency: 'USD' };
const terms = {
  text: 'I agree that Support renews automatically for 3 years … with the one-click link in every notice.',
  hash: 'h1',
  termYears: 3,
  amount: total,
};

describe('PayQuotePanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the auto-renew terms, sends the option with the terms shown, then leaves for the payment page', async () => {
    const calls: { url: string; body: string }[] = [];
    const replies = fetchReplies(
      { status: 200, body: { terms } },
      {
        status: 201,
        body: { checkout: { url: 'https://pay.example/cs_1', sessionId: 'cs_1', isReused: false } },
      },
    );
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), body: String(init?.body) });
      return replies();
    });
    const navigate = vi.fn();
    renderWithApp(<PayQuotePanel quoteId="quo_1" total={total} canPay navigate={navigate} />);
    fireEvent.click(await screen.findByLabelText('Renew automatically next time'));
    expect(screen.getByText(terms.text)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pay $15,300.00' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://pay.example/cs_1'));
    expect(calls.at(-1)).toEqual({
      url: '/api/quotes/quo_1/checkout',
      body: '{"renewAutomatically":true,"consentTermsHash":"h1"}',
    });
    expect(screen.getByText('Taking you to the secure payment page…')).toBeTruthy();
  });

  it('says why a checkout could not start', async () => {
    vi.stubGlobal(
      'fetch',
      fetchReplies(
        { status: 200, body: { terms } },
        {
          status: 409,
          body: { error: { code: 'conflict', message: 'This quote has already been paid.' } },
        },
      ),
    );
    renderWithApp(<PayQuotePanel quoteId="quo_1" total={total} canPay navigate={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pay $15,300.00' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This quote has already been paid.');
  });

  it('is disabled, with the reason, for a member', () => {
    renderWithApp(<PayQuotePanel quoteId="quo_1" total={total} canPay={false} />);
    const button = screen.getByRole('button', { name: 'Pay $15,300.00' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Only an admin of your account can pay this quote.')).toBeTruthy();
  });
});
