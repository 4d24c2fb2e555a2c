import type { TQuote } from '@portal/shared/schemas/offers';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayQuotePanel } from '@/features/payments/components/pay-quote-panel';
import { renderWithApp } from '@/test/render';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const quote: TQuote = {
  id: 'quo_1',
  number: 'Q-2026-000001',
  status: 'open',
  isPayable: true,
  offerId: 'off_1',
  kind: 'renew',
  subscription: { id: 'sub_1', label: 'Sales workspace' },
  buyer: {
    accountName: 'Northwind Traders',
    requestedBy: 'Alex',
    requestedByEmail: 'alex@northwind.example',
  },
  plan: { code: 'pro', name: 'Professional', tierRank: 2 },
  fromPlan: { code: 'pro', name: 'Professional' },
  seats: 45,
  previousSeats: 45,
  termYears: 1,
  termStart: '2026-12-20',
  termEnd: '2027-12-20',
  currency: 'USD',
  lines: [],
  list: usd(1_500_000),
  savings: usd(0),
  credit: usd(0),
  tax: usd(30_000),
  total: usd(1_530_000),
  pricePerYear: usd(1_530_000),
  contractUnitPrice: usd(34_000),
  rulesVersion: 1,
  createdAt: '2026-11-23T12:00:00Z',
  expiresAt: '2026-12-23T12:00:00Z',
  supersededAt: null,
  supersededByNumber: null,
  paidAt: null,
};
const billing = {
  accountName: 'Northwind Traders',
  legalName: 'Northwind Traders Inc.',
  addressLine1: '1 Harbour Way',
  addressLine2: null,
  city: 'Seattle',
  postalCode: '98101',
  region: 'WA',
  country: 'US',
  taxId: 'US-123',
  billingEmail: 'ap@northwind.example',
  currency: 'USD',
};

const terms = {
  text: 'I agree that Sales workspace renews automatically for 1 year … with the one-click link in every notice.',
  hash: 'h1',
  termYears: 1,
  amount: usd(1_530_000),
};

/** Answers GET billing details, GET checkout terms and POST checkout (with the given reply); records every request. */
function stubApi(checkoutReply: { status: number; body: unknown }) {
  const calls: { url: string; body: string }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, body: String(init?.body) });
    const reply = url.endsWith('/checkout')
      ? checkoutReply
      : url.endsWith('/checkout-terms')
        ? { status: 200, body: { terms } }
        : { status: 200, body: { billing } };
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  });
  return calls;
}

describe('PayQuotePanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the auto-renew terms and the summary first, asks for the terms, then sends the option with the terms shown and leaves', async () => {
    const calls = stubApi({
      status: 201,
      body: { checkout: { url: 'https://pay.example/cs_1', sessionId: 'cs_1', isReused: false } },
    });
    const navigate = vi.fn();
    renderWithApp(<PayQuotePanel quote={quote} canPay navigate={navigate} />);
    fireEvent.click(await screen.findByLabelText('Renew automatically next time'));
    expect(screen.getByText(terms.text)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pay $15,300.00' }));

    const summary = screen.getByRole('region', { name: 'Check before you pay' });
    expect(summary.textContent).toContain('Renewal of Professional');
    expect(summary.textContent).toContain('45 seats');
    expect(summary.textContent).toContain('Tax $300.00');
    expect(summary.textContent).toContain('Total $15,300.00');
    expect(summary.textContent).toContain('Card, entered on the secure payment page');
    expect(await screen.findByText('Northwind Traders Inc.')).toBeTruthy();
    expect(summary.textContent).toContain('Tax ID US-123');

    // Not without the terms: nothing is started.
    fireEvent.click(screen.getByRole('button', { name: 'Continue to payment of $15,300.00' }));
    expect(screen.getByText('Accept the terms to continue')).toBeTruthy();
    expect(calls.filter((call) => call.url.endsWith('/checkout'))).toEqual([]);

    fireEvent.click(screen.getByLabelText(/I accept the quote's terms/));
    fireEvent.click(screen.getByRole('button', { name: 'Continue to payment of $15,300.00' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://pay.example/cs_1'));
    expect(calls.filter((call) => call.url.endsWith('/checkout'))).toEqual([
      { url: '/api/quotes/quo_1/checkout', body: '{"renewAutomatically":true,"consentTermsHash":"h1"}' },
    ]);
    expect(screen.getByText('Taking you to the secure payment page…')).toBeTruthy();
  });

  it('says why a checkout could not start', async () => {
    stubApi({
      status: 409,
      body: { error: { code: 'conflict', message: 'This quote has already been paid.' } },
    });
    renderWithApp(<PayQuotePanel quote={quote} canPay navigate={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pay $15,300.00' }));
    fireEvent.click(screen.getByLabelText(/I accept the quote's terms/));
    fireEvent.click(screen.getByRole('button', { name: 'Continue to payment of $15,300.00' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This quote has already been paid.');
  });

  it('says nothing was charged when the payment page was cancelled', () => {
    stubApi({ status: 500, body: null });
    renderWithApp(<PayQuotePanel quote={quote} canPay navigate={vi.fn()} />, {
      path: '/quotes/quo_1?checkout=cancelled',
    });
    expect(screen.getByText('Payment cancelled')).toBeTruthy();
    expect(screen.getByText(/Nothing was charged/)).toBeTruthy();
  });

  it('is disabled, with the reason, for a member', () => {
    stubApi({ status: 500, body: null });
    renderWithApp(<PayQuotePanel quote={quote} canPay={false} />);
    const button = screen.getByRole('button', { name: 'Pay $15,300.00' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Only an admin of your account can pay this quote.')).toBeTruthy();
  });
});
