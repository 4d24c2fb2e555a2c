// The API of invoices and credit notes (refunds), and the vendor's billing settings (seller and tax rates)
// that ops configure. Invoices are frozen when issued: their wording is in the buyer's language of that day.

import { z } from 'zod';
import { ZCalendarDate, ZMoney } from './common.ts';

export const INVOICE_LINE_KINDS = ['item', 'discount', 'credit'] as const;

export const ZInvoiceLine = z.object({
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  /** Seats for an item line; null for discounts and credits. */
  quantity: z.number().int().nullable(),
  /** Per unit for the whole period, when the line has one. */
  unitAmountMinor: z.number().int().nullable(),
  amountMinor: z.number().int(),
});
export type TInvoiceLine = z.infer<typeof ZInvoiceLine>;

export const ZParty = z.object({
  legalName: z.string(),
  addressLines: z.array(z.string()),
  country: z.string(),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
});
export type TParty = z.infer<typeof ZParty>;

export const ZPaymentReference = z.object({
  paidAt: z.string(),
  method: z.literal('card'),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  chargeId: z.string().nullable(),
  paymentIntentId: z.string(),
});
export type TPaymentReference = z.infer<typeof ZPaymentReference>;

export const ZCreditNote = z.object({
  id: z.string(),
  /** Gapless per year: `CN-2026-000001`. */
  number: z.string(),
  invoiceId: z.string(),
  issueDate: ZCalendarDate,
  issuedAt: z.string(),
  amount: ZMoney,
  reason: z.string().nullable(),
  refundId: z.string(),
});
export type TCreditNote = z.infer<typeof ZCreditNote>;

export const INVOICE_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const;
export const ZInvoiceStatus = z.enum(INVOICE_STATUSES);
export type TInvoiceStatus = z.infer<typeof ZInvoiceStatus>;

export const ZInvoiceSummary = z.object({
  id: z.string(),
  /** Gapless per year: `INV-2026-000001`. */
  number: z.string(),
  status: ZInvoiceStatus,
  issueDate: ZCalendarDate,
  issuedAt: z.string(),
  description: z.string(),
  subscription: z.object({ id: z.string(), label: z.string() }),
  total: ZMoney,
  refunded: ZMoney,
  creditNoteCount: z.number().int(),
});
export type TInvoiceSummary = z.infer<typeof ZInvoiceSummary>;

export const ZInvoice = ZInvoiceSummary.extend({
  locale: z.string(),
  seller: ZParty,
  buyer: ZParty,
  quote: z.object({ id: z.string(), number: z.string() }).nullable(),
  servicePeriod: z.object({ start: ZCalendarDate, end: ZCalendarDate }),
  lines: z.array(ZInvoiceLine),
  subtotal: ZMoney,
  discounts: ZMoney,
  credit: ZMoney,
  tax: z.object({ rateBasisPoints: z.number().int(), label: z.string(), amount: ZMoney }),
  amountPaid: ZMoney,
  payment: ZPaymentReference,
  creditNotes: z.array(ZCreditNote),
});
export type TInvoice = z.infer<typeof ZInvoice>;

// ---- billing settings (ops) ----

export const ZTaxRate = z.object({
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code')
    .transform((value) => value.toUpperCase()),
  /** Basis points: 1300 = 13 %. */
  rateBasisPoints: z.number().int('Use whole basis points').min(0).max(5000),
  /** What the tax is called on invoices, e.g. "VAT". */
  label: z.string().trim().min(1).max(40),
});
export type TTaxRate = z.infer<typeof ZTaxRate>;

export const ZBillingSettings = z
  .object({
    seller: z
      .object({
        legalName: z.string().trim().min(1).max(200),
        addressLines: z.array(z.string().trim().min(1).max(200)).min(1).max(6),
        country: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code')
          .transform((value) => value.toUpperCase()),
        taxId: z.string().trim().max(40).nullable(),
        email: z.email().max(254).nullable(),
      })
      .strict(),
    taxRates: z
      .array(ZTaxRate)
      .max(250)
      .refine((rates) => new Set(rates.map((r) => r.country)).size === rates.length, {
        message: 'One rate per country',
      }),
  })
  .strict();
export type TBillingSettings = z.output<typeof ZBillingSettings>;
