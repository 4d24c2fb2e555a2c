// The account's billing details as a buyer: the party printed on invoices and quotes, in the document's
// language and the country's address order. The accounts table is this feature's; others read it through here.

import type { TParty } from '@portal/shared/schemas/invoices';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { type AccountBillingRow, findAccountBilling } from './repo.ts';

export { type AccountBillingRow, findAccountBilling };

/** Country names for addresses, in the document's language. */
function countryName(country: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** The city line in the country's usual order: "San Francisco, CA 94105", "80802 München", "上海 200120". */
function cityLineOf(account: AccountBillingRow): string {
  const join = (parts: (string | null)[], separator = ' ') => parts.filter(Boolean).join(separator);
  switch (account.country) {
    case 'US':
    case 'CA':
    case 'AU':
      return join([join([account.city, account.region], ', '), account.postal_code]);
    case 'CN':
      return join([account.city, account.postal_code]);
    default:
      return join([account.postal_code, account.city]);
  }
}

/** The buyer as printed on an invoice, from the billing details of the day it is issued. */
export function buyerParty(account: AccountBillingRow, locale: string): TParty {
  const cityLine = cityLineOf(account);
  const lines = [
    account.address_line1,
    account.address_line2,
    cityLine,
    countryName(account.country, locale),
  ];
  return {
    legalName: account.legal_name ?? account.name,
    addressLines: lines.filter((line): line is string => Boolean(line)),
    country: account.country,
    taxId: account.tax_id,
    email: account.billing_email,
  };
}

/** The account's buyer block as it reads today, in the account's language (a quote prints it before payment). */
export async function currentBuyer(
  db: DbOrTx,
  accountId: string,
): Promise<{ party: TParty; locale: string } | null> {
  const account = await findAccountBilling(db, accountId);
  return account ? { party: buyerParty(account, account.locale), locale: account.locale } : null;
}
