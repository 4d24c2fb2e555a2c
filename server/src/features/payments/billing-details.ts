// The account's billing details (the buyer on invoices): members read them, admins change them. A change is
// written to the Stripe customer first (so a Stripe outage changes nothing), then stored and audited. The
// account is a business or a consumer (decision 009: consumer rights); changing it re-derives auto-renew notices.

import type { TBillingDetails, TUpdateBillingDetailsParsed } from '@portal/shared/schemas/payments';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { type AccountBillingRow, findAccountBilling, updateAccountBilling } from '../accounts/service.ts';
import { customerDetails } from './customers.ts';
import { providerError } from './stripe-requests.ts';

function toBillingDetails(row: AccountBillingRow): TBillingDetails {
  return {
    accountName: row.name,
    legalName: row.legal_name,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    postalCode: row.postal_code,
    region: row.region,
    country: row.country,
    taxId: row.tax_id,
    billingEmail: row.billing_email,
    currency: row.currency,
    customerType: row.customer_type === 'consumer' ? 'consumer' : 'business',
  };
}

export async function getBillingDetails(deps: AppDeps, accountId: string): Promise<TBillingDetails> {
  const row = await findAccountBilling(deps.db, accountId);
  if (!row) throw notFound('Account not found');
  return toBillingDetails(row);
}

/** Admins only (the route checks). Synced to the Stripe customer when the account has one; audited. */
export async function updateBillingDetails(
  deps: AppDeps,
  actor: CustomerUser,
  input: TUpdateBillingDetailsParsed,
): Promise<TBillingDetails> {
  const before = await findAccountBilling(deps.db, actor.accountId);
  if (!before) throw notFound('Account not found');
  const after: AccountBillingRow = {
    ...before,
    legal_name: input.legalName,
    address_line1: input.addressLine1,
    address_line2: input.addressLine2,
    city: input.city,
    postal_code: input.postalCode,
    region: input.region,
    country: input.country,
    tax_id: input.taxId,
    billing_email: input.billingEmail,
    customer_type: input.customerType ?? before.customer_type,
  };
  if (before.stripe_customer_id) {
    try {
      await deps.stripe.client.customers.update(before.stripe_customer_id, customerDetails(after, 'update'));
    } catch (error) {
      throw providerError(error);
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await updateAccountBilling(tx, actor.accountId, {
      legal_name: input.legalName,
      address_line1: input.addressLine1,
      address_line2: input.addressLine2,
      city: input.city,
      postal_code: input.postalCode,
      region: input.region,
      country: input.country,
      tax_id: input.taxId,
      billing_email: input.billingEmail,
      customer_type: after.customer_type,
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'account',
      entityId: actor.accountId,
      action: 'account.billing_details_updated',
      before: toBillingDetails(before),
      after: toBillingDetails(after),
      at: now,
    });
  });
  return toBillingDetails(after);
}
