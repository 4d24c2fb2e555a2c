// The saved card as customers and notices name it (brand, last four, expiry). Kept beside the account's default
// payment method id so that a page or a notice needs no Stripe call; a card saved elsewhere (a checkout that
// saved it for later) is read from Stripe once and remembered.

import type { TSavedCard } from '@portal/shared/schemas/auto-renew';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import type { Stripe } from '../../platform/stripe/client.ts';
import * as repo from './repo.ts';

function toCard(row: {
  brand: string;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
}): TSavedCard {
  return { brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year };
}

/** Remembers a payment method's card details (no-op for anything but a card). */
export async function rememberCard(
  db: DbOrTx,
  accountId: string,
  paymentMethod: Stripe.PaymentMethod,
  now: Date,
): Promise<TSavedCard | null> {
  const card = paymentMethod.card;
  if (!card) return null;
  const row = {
    id: paymentMethod.id,
    account_id: accountId,
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month ?? null,
    exp_year: card.exp_year ?? null,
    created_at: now.toISOString(),
  };
  await repo.upsertCard(db, row);
  return toCard(row);
}

/** The card of a payment method id, from what is remembered, or read from Stripe once (null if unreadable). */
export async function savedCard(
  deps: AppDeps,
  account: { id: string; paymentMethodId: string | null },
  options: { mayAskStripe: boolean } = { mayAskStripe: true },
): Promise<TSavedCard | null> {
  if (!account.paymentMethodId) return null;
  const known = await repo.findCard(deps.db, account.paymentMethodId);
  if (known) return toCard(known);
  if (!options.mayAskStripe) return null;
  try {
    const paymentMethod = await deps.stripe.client.paymentMethods.retrieve(account.paymentMethodId);
    return await rememberCard(deps.db, account.id, paymentMethod, deps.clock.now());
  } catch (error) {
    deps.logger.warn({ err: error, accountId: account.id }, 'could not read the saved card from Stripe');
    return null;
  }
}
