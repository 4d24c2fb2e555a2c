// The API of paying a quote: the checkout request (options only: the server charges the quote's own total),
// the state of a checkout as the success page polls it, and the account's billing details.

import { z } from 'zod';
import { isCountryCode, isRegionOf } from '../places.ts';
import { ZCalendarDate, ZEmail, ZMoney } from './common.ts';

/**
 * Starting a checkout names options only; a price sent by a client is stripped (the server charges exactly the
 * quote's frozen total). `renewAutomatically` saves the card for off-session use (`setup_future_usage`) and,
 * once paid, turns on auto-renew for the same term. With it, `consentTermsHash` names the auto-renew terms the
 * form showed (`TCheckoutConsentTerms.hash`); the server rebuilds them and refuses a mismatch (409).
 */
export const ZCheckoutRequest = z
  .object({
    renewAutomatically: z.boolean().default(false),
    consentTermsHash: z.string().max(64).optional(),
  })
  .strip();
export type TCheckoutRequest = z.infer<typeof ZCheckoutRequest>;

/** The auto-renew terms shown under "renew automatically next time": the words, their hash, term and amount. */
export const ZCheckoutConsentTerms = z.object({
  text: z.string(),
  hash: z.string(),
  termYears: z.number().int(),
  amount: ZMoney,
});
export type TCheckoutConsentTerms = z.infer<typeof ZCheckoutConsentTerms>;

export const ZCheckoutResponse = z.object({
  /** The hosted payment page (Stripe Checkout, or the emulator's). */
  url: z.string(),
  sessionId: z.string(),
  /** True when an open session of the same quote and options was handed back (double click, second tab). */
  isReused: z.boolean(),
});
export type TCheckoutResponse = z.infer<typeof ZCheckoutResponse>;

/**
 * open: not paid (yet) · processing: paid, being applied · fulfilled: applied, invoice issued · needs_attention:
 * paid but could not be applied automatically (the vendor follows up) · expired: the session ended unpaid.
 */
export const CHECKOUT_STATES = ['open', 'processing', 'fulfilled', 'needs_attention', 'expired'] as const;
export const ZCheckoutState = z.enum(CHECKOUT_STATES);
export type TCheckoutState = z.infer<typeof ZCheckoutState>;

export const ZCheckoutStatus = z.object({
  sessionId: z.string(),
  state: ZCheckoutState,
  quote: z.object({ id: z.string(), number: z.string() }),
  amount: ZMoney,
  subscription: z.object({
    id: z.string(),
    label: z.string(),
    termEnd: ZCalendarDate,
    /** The last day of service (termEnd − 1). */
    lastDay: ZCalendarDate,
  }),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  paidAt: z.string().nullable(),
  isAutoRenewEnabled: z.boolean(),
});
export type TCheckoutStatus = z.infer<typeof ZCheckoutStatus>;

// ---- billing details (the buyer on invoices, synced to the Stripe customer) ----

const ZCountry = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code, e.g. US or CN')
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, 'Not a country code');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const ZBillingDetails = z.object({
  accountName: z.string(),
  legalName: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** ISO 3166-2 subdivision without the country prefix, e.g. CA or SH. */
  region: z.string().nullable(),
  country: z.string(),
  taxId: z.string().nullable(),
  billingEmail: z.string().nullable(),
  currency: z.string(),
  /** Consumer rights (decision 009) apply to consumers; business by default. */
  customerType: z.enum(['business', 'consumer']),
});
export type TBillingDetails = z.infer<typeof ZBillingDetails>;

export const ZUpdateBillingDetails = z
  .object({
    legalName: z.string().trim().min(1, 'Enter the legal name').max(200, 'At most 200 characters'),
    addressLine1: z.string().trim().min(1, 'Enter the address').max(200, 'At most 200 characters'),
    addressLine2: optionalText(200),
    city: z.string().trim().min(1, 'Enter the city').max(100, 'At most 100 characters'),
    postalCode: optionalText(20),
    region: optionalText(10).transform((value) => (value ? value.toUpperCase() : null)),
    country: ZCountry,
    taxId: optionalText(40),
    billingEmail: ZEmail,
    customerType: z.enum(['business', 'consumer']).optional(),
  })
  .strip()
  .refine((details) => !details.region || isRegionOf(details.country, details.region), {
    path: ['region'],
    message: 'Not a state or province of that country',
  });
export type TUpdateBillingDetails = z.input<typeof ZUpdateBillingDetails>;
export type TUpdateBillingDetailsParsed = z.output<typeof ZUpdateBillingDetails>;
