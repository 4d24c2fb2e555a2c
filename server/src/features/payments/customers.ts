// The account's Stripe customer: created once (idempotently, so two checkouts at the same moment make one)
// with the account's billing details, and kept in step with them. Also the buyer block of invoices.

import { recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Stripe } from '../../platform/stripe/client.ts';
import {
  type AccountBillingRow,
  clearStripeCustomerId,
  findAccountBilling,
  setStripeCustomerId,
} from '../accounts/service.ts';
import { providerError, requestHash } from './stripe-requests.ts';

/**
 * The customer's address and identity as Stripe keeps them. On update an empty string unsets a field (Stripe's
 * convention); on create, fields without a value are left out.
 */
export function customerDetails(
  account: AccountBillingRow,
  mode: 'create' | 'update',
): Pick<Stripe.CustomerCreateParams, 'name' | 'email' | 'address' | 'metadata' | 'preferred_locales'> {
  const value = (text: string | null) => (text ? text : mode === 'update' ? '' : undefined);
  const defined = <T extends object>(object: T) =>
    Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
  return defined({
    name: account.legal_name ?? account.name,
    email: value(account.billing_email),
    address: defined({
      line1: value(account.address_line1),
      line2: value(account.address_line2),
      city: value(account.city),
      postal_code: value(account.postal_code),
      state: value(account.region),
      country: account.country,
    }),
    metadata: { account_id: account.id, tax_id: account.tax_id ?? '' },
    preferred_locales: [account.locale === 'zh-CN' ? 'zh' : 'en'],
  });
}

/**
 * The account's Stripe customer id, creating the customer on first use. The idempotency key is the account,
 * so concurrent first checkouts create one customer; the id is stored only where none is stored yet.
 * `replacing` forgets a stored customer that Stripe does not know (and makes a new one).
 */
export async function ensureStripeCustomer(
  deps: AppDeps,
  accountId: string,
  options: { replacing?: string } = {},
): Promise<string> {
  const now = deps.clock.now();
  if (options.replacing) {
    await clearStripeCustomerId(deps.db, accountId, options.replacing, now.toISOString());
  }
  const account = await findAccountBilling(deps.db, accountId);
  if (!account) throw notFound('Account not found');
  if (account.stripe_customer_id) return account.stripe_customer_id;
  let customer: Stripe.Customer;
  try {
    // The key names this one request: other billing details (changed after a failed attempt) get another key,
    // never Stripe's idempotency_error; concurrent first checkouts send the same details and share it.
    const params = customerDetails(account, 'create');
    customer = await deps.stripe.client.customers.create(params, {
      idempotencyKey: `customer:${accountId}:${options.replacing ?? 'first'}:${requestHash(params)}`,
    });
  } catch (error) {
    throw providerError(error);
  }
  return deps.db.transaction().execute(async (tx) => {
    const stored = await setStripeCustomerId(tx, accountId, customer.id, now.toISOString());
    if (stored === customer.id) {
      await recordAudit(tx, {
        actor: { userId: null, label: 'system:payments' },
        accountId,
        entityType: 'account',
        entityId: accountId,
        action: 'account.stripe_customer_created',
        before: options.replacing ? { stripeCustomerId: options.replacing } : undefined,
        after: { stripeCustomerId: customer.id },
        at: now,
      });
    }
    return stored ?? customer.id;
  });
}
