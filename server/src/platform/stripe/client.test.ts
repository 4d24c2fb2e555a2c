import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { STRIPE_API_VERSION, StripeErrors } from './client.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ seed: false });
});
afterEach(async () => {
  await ctx.dispose();
});

it('reaches the emulator through the official SDK, with the pinned API version', async () => {
  const customer = await ctx.stripe.client.customers.create({
    email: 'ap@northwind.example',
    name: 'Northwind Traders',
  });
  expect(customer.id).toMatch(/^cus_/);
  expect((await ctx.stripe.client.customers.retrieve(customer.id)).id).toBe(customer.id);
  expect(ctx.stripe.isEmulated).toBe(true);
  expect(STRIPE_API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\./);
});

it('surfaces Stripe errors as the SDK’s error classes', async () => {
  await expect(ctx.stripe.client.customers.retrieve('cus_missing')).rejects.toBeInstanceOf(
    StripeErrors.StripeInvalidRequestError,
  );
});
