import type { TCancellationOffer } from '@portal/shared/schemas/cancellation';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelContractPanel } from '@/features/auto-renew/components/cancel-contract-panel';
import { i18next } from '@/lib/i18n';
import { renderWithApp } from '@/test/render';

const offer = (refundMinor: number): TCancellationOffer => ({
  right: 'de_one_month_notice',
  reason: null,
  lastDay: '2027-04-29',
  refund: { amountMinor: refundMinor, currency: 'EUR' },
  canCancel: true,
  cancelled: null,
});

/** Answers GETs with the offers in turn (the last one repeats) and POSTs with the given replies. */
function stubApi(gets: TCancellationOffer[], posts: { status: number; body: unknown }[]) {
  const calls: { method: string; body: string | null }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const body = init?.body ? String(init.body) : null;
    calls.push({ method, body });
    if (!String(input instanceof Request ? input.url : input).endsWith('/cancellation')) {
      return new Response('{}', { status: 200 });
    }
    if (method === 'POST') {
      const reply = posts.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }
    const next = gets.length > 1 ? gets.shift() : gets[0];
    return new Response(JSON.stringify({ cancellation: next }), { status: 200 });
  });
  return calls;
}

describe('CancelContractPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows nothing where the law gives no right', async () => {
    const calls = stubApi(
      [{ ...offer(0), right: null, reason: 'business', lastDay: null, refund: null, canCancel: false }],
      [],
    );
    renderWithApp(<CancelContractPanel subscriptionId="sub_1" />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.queryByRole('button', { name: 'Cancel contract' })).toBeNull();
  });

  it('asks the server for the figures, shows them, and confirms exactly those; a change is shown again', async () => {
    const cancelled: TCancellationOffer = {
      ...offer(27_100),
      right: null,
      reason: 'cancelled',
      canCancel: false,
      cancelled: {
        lastDay: '2027-04-29',
        refund: { amountMinor: 27_100, currency: 'EUR' },
        refundState: 'refunded',
        at: '2027-03-31T10:00:00.000Z',
      },
    };
    const calls = stubApi(
      [offer(27_000), offer(27_000), offer(27_100), cancelled],
      [
        { status: 409, body: { error: { code: 'conflict', message: 'changed' } } },
        { status: 200, body: { cancellation: cancelled } },
      ],
    );
    renderWithApp(<CancelContractPanel subscriptionId="sub_1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel contract' }));
    // Step one: the server's figures, in a dialog.
    expect(await screen.findByText('€270.00')).toBeTruthy();
    expect(screen.getByText('Apr 29, 2027')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation', hidden: true }));
    // They changed meanwhile: the new ones are shown, to confirm again.
    expect(await screen.findByText('€271.00')).toBeTruthy();
    expect(screen.getByText(/The end date or the refund changed/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation', hidden: true }));
    await waitFor(() =>
      expect(screen.getByText('The contract is cancelled. We sent a confirmation by e-mail.')).toBeTruthy(),
    );
    const posts = calls.filter((c) => c.method === 'POST').map((c) => JSON.parse(c.body ?? '{}'));
    expect(posts).toEqual([
      { lastDay: '2027-04-29', refundMinor: 27_000, confirm: true },
      { lastDay: '2027-04-29', refundMinor: 27_100, confirm: true },
    ]);
  });

  it('speaks Chinese', async () => {
    await i18next.changeLanguage('zh-CN');
    stubApi([{ ...offer(27_000), canCancel: false }], []);
    renderWithApp(<CancelContractPanel subscriptionId="sub_1" />);
    expect(await screen.findByText('只有您账户的管理员可以取消合同。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '取消合同' })).toBeTruthy();
  });
});
