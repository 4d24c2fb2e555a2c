// The account's payment profile (accounts own these columns, decision 015/023): billing details, the Stripe
// customer, the saved card, and whether renewal reminders are muted. Payments and auto-renew change them only
// through accounts' service, which re-exports these by name. Typed against `accounts` alone.

import type { DbOf } from '../../platform/db/slice.ts';

type Db = DbOf<'accounts'>;

export async function findAccountByStripeCustomer(db: Db, customerId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'default_payment_method_id'])
    .where('stripe_customer_id', '=', customerId)
    .executeTakeFirst();
}

export async function updateAccountBilling(
  db: Db,
  accountId: string,
  values: {
    legal_name: string;
    address_line1: string;
    address_line2: string | null;
    city: string;
    postal_code: string | null;
    region: string | null;
    country: string;
    tax_id: string | null;
    billing_email: string;
    customer_type?: string;
    updated_at: string;
  },
) {
  await db.updateTable('accounts').set(values).where('id', '=', accountId).execute();
}

/** Stores the account's Stripe customer once; returns the one stored (another request may have won). */
export async function setStripeCustomerId(
  db: Db,
  accountId: string,
  customerId: string,
  nowIso: string,
): Promise<string | null> {
  await db
    .updateTable('accounts')
    .set({ stripe_customer_id: customerId, updated_at: nowIso })
    .where('id', '=', accountId)
    .where('stripe_customer_id', 'is', null)
    .execute();
  const row = await db
    .selectFrom('accounts')
    .select('stripe_customer_id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.stripe_customer_id ?? null;
}

/** Forgets the account's Stripe customer (and its card), only if it is still the one given. */
export async function clearStripeCustomerId(db: Db, accountId: string, customerId: string, nowIso: string) {
  await db
    .updateTable('accounts')
    .set({ stripe_customer_id: null, default_payment_method_id: null, updated_at: nowIso })
    .where('id', '=', accountId)
    .where('stripe_customer_id', '=', customerId)
    .execute();
}

/** The card automatic charges use from now on. */
export async function setDefaultPaymentMethod(
  db: Db,
  accountId: string,
  paymentMethodId: string,
  nowIso: string,
) {
  await db
    .updateTable('accounts')
    .set({ default_payment_method_id: paymentMethodId, updated_at: nowIso })
    .where('id', '=', accountId)
    .execute();
}

export async function findDefaultPaymentMethodId(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('default_payment_method_id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.default_payment_method_id ?? null;
}

export async function setRemindersMuted(db: Db, accountId: string, muted: boolean, nowIso: string) {
  await db
    .updateTable('accounts')
    .set({ reminders_muted: muted ? 1 : 0, updated_at: nowIso })
    .where('id', '=', accountId)
    .execute();
}

export async function findRemindersMuted(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('reminders_muted')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.reminders_muted === 1;
}
