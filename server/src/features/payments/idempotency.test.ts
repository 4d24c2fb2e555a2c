// Idempotency keys name exactly one request (issue 10 item 7): Stripe (and the emulator, as Stripe does)
// answers `idempotency_error` to a key reused with other parameters, for 24 hours; the portal's keys carry a
// digest of their parameters, so an automatic charge resumed with another card, or a customer made again with
// other billing details, travels under a new key.

import { describe, expect, it } from 'vitest';
import { StripeErrors } from '../../platform/stripe/client.ts';
import { createTestContext } from '../../testing/harness.ts';
import { type ChargeRequest, offSessionParams, stripeCharge } from '../auto-renew/charge.ts';
import { requestHash } from './stripe-requests.ts';

describe('idempotency keys', () => {
  it('the emulator answers idempotency_error to a key reused with other parameters, as Stripe does', async () => {
    const ctx = await createTestContext();
    try {
      const stripe = ctx.stripe.client;
      await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same-key' });
      const error = await stripe.customers
        .create({ email: 'b@example.com' }, { idempotencyKey: 'same-key' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StripeErrors.StripeIdempotencyError);
    } finally {
      await ctx.dispose();
    }
  });

  it('an automatic charge retried under the same ledger key with another card gets a new key, not an error', async () => {
    const ctx = await createTestContext();
    try {
      const stripe = ctx.stripe.client;
      const customer = await stripe.customers.create({ email: 'ap@example.com' });
      const attach = async (pm: string) =>
        (await stripe.paymentMethods.attach(pm, { customer: customer.id })).id;
      const request = (paymentMethodId: string): ChargeRequest => ({
        customerId: customer.id,
        paymentMethodId,
        amountMinor: 12_000,
        currency: 'USD',
        idempotencyKey: 'charge:sub_x:2027-01-26',
        metadata: {
          quote_id: 'quo_x',
          subscription_id: 'sub_x',
          renewal_id: 'arn_x',
          charge_key: 'charge:sub_x:2027-01-26',
        },
        isResumed: false,
        claimedAt: ctx.clock.now(),
      });
      const charge = stripeCharge(stripe);
      const declined = await charge(request(await attach('pm_card_chargeCustomerFail')));
      expect(declined.kind).toBe('declined');
      // The same attempt resumed after the customer saved another card: other parameters, so another key.
      const visa = await attach('pm_card_visa');
      const paid = await charge(request(visa));
      expect(paid.kind).toBe('succeeded');
      // The same request again is Stripe's stored answer, not a second charge.
      const again = await charge(request(visa));
      expect(again.kind === 'succeeded' && paid.kind === 'succeeded' && again.paymentIntent.id).toBe(
        paid.kind === 'succeeded' ? paid.paymentIntent.id : null,
      );
      expect(requestHash(offSessionParams(request(visa)))).not.toBe(
        requestHash(offSessionParams(request('pm_other'))),
      );
    } finally {
      await ctx.dispose();
    }
  });

  it('creates off-session intents as Stripe documents them; redirects allowed without a return_url are refused', async () => {
    const ctx = await createTestContext();
    try {
      const stripe = ctx.stripe.client;
      const customer = await stripe.customers.create({ email: 'ap@example.com' });
      const pm = (await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })).id;
      const params = offSessionParams({
        customerId: customer.id,
        paymentMethodId: pm,
        amountMinor: 5_000,
        currency: 'USD',
        idempotencyKey: 'k',
        metadata: { quote_id: 'q', subscription_id: 's', renewal_id: 'r', charge_key: 'k' },
        isResumed: false,
        claimedAt: ctx.clock.now(),
      });
      expect(params).toMatchObject({
        customer: customer.id,
        payment_method: pm,
        off_session: true,
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      });
      const refused = await stripe.paymentIntents
        .create({ ...params, automatic_payment_methods: { enabled: true } })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StripeErrors.StripeInvalidRequestError);
      expect((refused as Error).message).toMatch(/return_url/);
      expect((await stripe.paymentIntents.create(params)).status).toBe('succeeded');
    } finally {
      await ctx.dispose();
    }
  });
});
