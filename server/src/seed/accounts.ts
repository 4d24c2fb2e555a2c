// Demo customers and staff (README lists them). Every demo user's password is `renew-demo`.

import type { DbOrTx } from '../platform/db/connection.ts';

export const DEMO_PASSWORD = 'renew-demo';

export const DEMO_ACCOUNTS = [
  {
    id: 'acct_northwind',
    name: 'Northwind Traders',
    legalName: 'Northwind Traders, Inc.',
    currency: 'USD',
    locale: 'en',
    country: 'US',
    region: 'CA',
    city: 'San Francisco',
    addressLine1: '500 Howard Street',
    postalCode: '94105',
    taxId: null,
    billingEmail: 'ap@northwind.example',
  },
  {
    id: 'acct_harbor',
    name: 'Harbor Logistics',
    legalName: '海港物流有限公司',
    currency: 'CNY',
    locale: 'zh-CN',
    country: 'CN',
    region: 'SH',
    city: '上海',
    addressLine1: '浦东新区世纪大道 100 号',
    postalCode: '200120',
    taxId: '91310115MA1H7XXXXX',
    billingEmail: 'finance@harbor.example',
  },
  {
    id: 'acct_alpenrose',
    name: 'Alpenrose GmbH',
    legalName: 'Alpenrose GmbH',
    currency: 'EUR',
    locale: 'en',
    country: 'DE',
    region: 'BY',
    city: 'München',
    addressLine1: 'Leopoldstraße 42',
    postalCode: '80802',
    taxId: 'DE123456789',
    billingEmail: 'buchhaltung@alpenrose.example',
  },
  {
    id: 'acct_kumo',
    name: 'Kumo Systems KK',
    legalName: 'Kumo Systems Kabushiki Kaisha',
    currency: 'JPY',
    locale: 'en',
    country: 'JP',
    region: '13',
    city: 'Tokyo',
    addressLine1: '1-1 Marunouchi, Chiyoda-ku',
    postalCode: '100-0005',
    taxId: null,
    billingEmail: 'keiri@kumo.example',
  },
] as const;

export type DemoAccountId = (typeof DEMO_ACCOUNTS)[number]['id'];

export const DEMO_USERS = [
  {
    id: 'usr_alex',
    accountId: 'acct_northwind',
    email: 'alex@northwind.example',
    name: 'Alex Rivera',
    role: 'customer_admin',
    locale: 'en',
  },
  {
    id: 'usr_morgan',
    accountId: 'acct_northwind',
    email: 'morgan@northwind.example',
    name: 'Morgan Lee',
    role: 'customer_member',
    locale: 'en',
  },
  {
    id: 'usr_liwei',
    accountId: 'acct_harbor',
    email: 'li.wei@harbor.example',
    name: '李伟',
    role: 'customer_admin',
    locale: 'zh-CN',
  },
  {
    id: 'usr_jonas',
    accountId: 'acct_alpenrose',
    email: 'jonas@alpenrose.example',
    name: 'Jonas Huber',
    role: 'customer_admin',
    locale: 'en',
  },
  {
    id: 'usr_haruka',
    accountId: 'acct_kumo',
    email: 'haruka@kumo.example',
    name: 'Haruka Sato',
    role: 'customer_admin',
    locale: 'en',
  },
  {
    id: 'usr_finance',
    accountId: null,
    email: 'finance@vendor.example',
    name: 'Fatima Noor',
    role: 'finance',
    locale: 'en',
  },
  {
    id: 'usr_ops',
    accountId: null,
    email: 'ops@vendor.example',
    name: 'Owen Park',
    role: 'ops',
    locale: 'en',
  },
] as const;

export async function seedAccounts(db: DbOrTx, nowIso: string, passwordHash: string): Promise<void> {
  await db
    .insertInto('accounts')
    .values(
      DEMO_ACCOUNTS.map((a) => ({
        id: a.id,
        name: a.name,
        currency: a.currency,
        locale: a.locale,
        country: a.country,
        region: a.region,
        legal_name: a.legalName,
        billing_email: a.billingEmail,
        address_line1: a.addressLine1,
        address_line2: null,
        city: a.city,
        postal_code: a.postalCode,
        tax_id: a.taxId,
        stripe_customer_id: null,
        default_payment_method_id: null,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    )
    .execute();
  await db
    .insertInto('users')
    .values(
      DEMO_USERS.map((u) => ({
        id: u.id,
        account_id: u.accountId,
        email: u.email,
        name: u.name,
        role: u.role,
        locale: u.locale,
        password_hash: passwordHash,
        status: 'active',
        last_sign_in_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    )
    .execute();
}
