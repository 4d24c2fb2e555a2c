// The records a vendor loads into the portal (issue 13 items 2 and 4), one schema for the `/api/v1` API, its
// OpenAPI document and the CSV import: accounts, contacts and subscriptions, each upserted by the vendor's own
// external id. The same record sent twice changes nothing and says so ('unchanged').

import { z } from 'zod';
import { isCountryCode, isRegionOf } from '../places.ts';
import { ZCustomerRole } from './auth.ts';
import { ZCalendarDate, ZCurrency, ZEmail, ZLocale } from './common.ts';

/** The vendor's own id for a record: letters, digits and . _ : - (so it survives CSV, URLs and logs). */
export const ZExternalId = z
  .string()
  .trim()
  .min(1, 'Enter an external id')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits and . _ : - only');

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ZAccountRecord = z
  .object({
    externalId: ZExternalId,
    name: z.string().trim().min(1, 'Enter a name').max(200),
    legalName: optionalText(200),
    customerType: z.enum(['business', 'consumer']).default('business'),
    currency: ZCurrency,
    locale: ZLocale.default('en'),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'Expected an ISO 3166-1 alpha-2 country code'),
    region: optionalText(3),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    city: optionalText(100),
    postalCode: optionalText(20),
    taxId: optionalText(40),
    billingEmail: ZEmail.nullish(),
  })
  .superRefine((account, ctx) => {
    if (account.region && !isRegionOf(account.country, account.region)) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'Not a region of this country' });
    }
  });
export type TAccountRecord = z.infer<typeof ZAccountRecord>;

/** A person at a customer; keyed by the account's external id and the e-mail address. */
export const ZContactRecord = z.object({
  accountExternalId: ZExternalId,
  email: ZEmail,
  name: z.string().trim().min(1, 'Enter a name').max(120),
  role: ZCustomerRole.default('customer_member'),
  /** Send the portal invitation now (once: an invited or active contact is not invited again). */
  invite: z.boolean().default(false),
});
export type TContactRecord = z.infer<typeof ZContactRecord>;

export const ZSubscriptionRecord = z
  .object({
    externalId: ZExternalId,
    accountExternalId: ZExternalId,
    /** The plan's code, e.g. 'growth'. */
    planCode: z.string().trim().min(1).max(64),
    label: z.string().trim().min(1).max(120).optional(),
    seats: z.number().int().min(1).max(1_000_000),
    /** Negotiated price per seat per year in minor units; absent: the plan's list price in the currency. */
    unitPriceMinor: z.number().int().min(0).max(1_000_000_000).nullish(),
    termStart: ZCalendarDate,
    /** Exclusive. */
    termEnd: ZCalendarDate,
    status: z.enum(['active', 'cancelled']).default('active'),
    /**
     * Renews automatically in the vendor's old system. Never imported as consent: the portal asks the
     * customer ("consent to collect") and renews automatically only once they agree.
     */
    autoRenewElsewhere: z.boolean().default(false),
  })
  .refine((s) => s.termStart < s.termEnd, {
    path: ['termEnd'],
    message: 'The term must end after it starts',
  });
export type TSubscriptionRecord = z.infer<typeof ZSubscriptionRecord>;

export const RECORD_KINDS = ['account', 'contact', 'subscription'] as const;
export type TRecordKind = (typeof RECORD_KINDS)[number];

export const ZFieldError = z.object({ field: z.string(), message: z.string() });
export type TFieldError = z.infer<typeof ZFieldError>;

/** What one record did (or, in a dry run, would do). */
export const ZRecordResult = z.object({
  kind: z.enum(RECORD_KINDS),
  /** The record's key: the external id, or `<accountExternalId>/<email>` for a contact. */
  key: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'refused']),
  /** The portal's id when the record exists (after the change, or already). */
  id: z.string().nullable(),
  errors: z.array(ZFieldError),
});
export type TRecordResult = z.infer<typeof ZRecordResult>;

/** Records per `/api/v1` batch request, applied in one transaction. */
export const MAX_BATCH_RECORDS = 500;

// ---- the `/api/v1` requests and answers (issue 13 items 2–3) ----------------------------------------------

/**
 * A batch: any of the three kinds, applied in one transaction in this order (accounts, then contacts, then
 * subscriptions, so a batch may create an account and its contracts together). Records are checked one by
 * one: a refused record is reported with its field errors and the others are applied.
 */
export const ZBatchRequest = z.object({
  accounts: z.array(z.unknown()).optional(),
  contacts: z.array(z.unknown()).optional(),
  subscriptions: z.array(z.unknown()).optional(),
});
export type TBatchRequest = z.infer<typeof ZBatchRequest>;

/** One kind only: `{ "records": [...] }`. */
export const ZRecordsRequest = z.object({ records: z.array(z.unknown()) });

export const ZBatchQuery = z.object({
  /** `true`: check and report what would happen, change nothing. */
  dryRun: z.enum(['true', 'false']).optional(),
});

export const ZBatchResponse = z.object({
  dryRun: z.boolean(),
  results: z.array(ZRecordResult),
  counts: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
  }),
});
export type TBatchResponse = z.infer<typeof ZBatchResponse>;

export const ZListQuery = z.object({
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZVendorAccount = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  legalName: z.string().nullable(),
  customerType: z.enum(['business', 'consumer']),
  currency: z.string(),
  locale: z.string(),
  country: z.string(),
  region: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  taxId: z.string().nullable(),
  billingEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TVendorAccount = z.infer<typeof ZVendorAccount>;

export const ZVendorContact = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZCustomerRole,
  /** 'active': signed up; 'invited': invitation sent; 'not_invited': loaded without `invite`. */
  status: z.enum(['active', 'invited', 'not_invited']),
});
export type TVendorContact = z.infer<typeof ZVendorContact>;

export const ZVendorSubscription = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  accountId: z.string(),
  accountExternalId: z.string().nullable(),
  planCode: z.string(),
  label: z.string(),
  seats: z.number().int(),
  currency: z.string(),
  unitPriceMinor: z.number().int(),
  termStart: z.string(),
  termEnd: z.string(),
  status: z.enum(['active', 'cancelled']),
  cancelledAt: z.string().nullable(),
  /** Renews automatically in the portal: only after the customer consented there. */
  autoRenewEnabled: z.boolean(),
  autoRenewElsewhere: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TVendorSubscription = z.infer<typeof ZVendorSubscription>;

export const ZAccountPage = z.object({ data: z.array(ZVendorAccount), nextCursor: z.string().nullable() });
export const ZSubscriptionPage = z.object({
  data: z.array(ZVendorSubscription),
  nextCursor: z.string().nullable(),
});
export const ZContactList = z.object({ data: z.array(ZVendorContact) });
