// What procurement needs of a quote: the document's facts (seller and buyer with their tax ids, the frozen
// lines, validity, terms, the purchase-order number), their SHA-256, and the online acceptance by a customer
// admin (typed name and title, the terms ticked, the hash of the document they read).

import { z } from 'zod';
import { ZParty } from './invoices.ts';
import { ZPriceLine } from './offers.ts';

/** The version of the quote's terms wording; part of the accepted facts, so a new wording is a new hash. */
export const QUOTE_TERMS_VERSION = 'quote-terms-2026-12';

/** The facts a quote document is rendered from. Their canonical JSON is what the SHA-256 is taken of. */
export const ZQuoteDocumentFacts = z.object({
  termsVersion: z.string(),
  locale: z.string(),
  quote: z.object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    termStart: z.string(),
    termEnd: z.string(),
    termYears: z.number().int().nullable(),
    seats: z.number().int(),
    previousSeats: z.number().int(),
    rulesVersion: z.number().int(),
  }),
  subscription: z.object({ id: z.string(), label: z.string() }),
  plan: z.object({ code: z.string(), name: z.string() }),
  fromPlan: z.object({ code: z.string(), name: z.string() }),
  currency: z.string(),
  lines: z.array(ZPriceLine),
  totalMinor: z.number().int(),
  seller: ZParty,
  buyer: ZParty,
  requestedBy: z.object({ name: z.string(), email: z.string() }),
  purchaseOrder: z.string().nullable(),
});
export type TQuoteDocumentFacts = z.infer<typeof ZQuoteDocumentFacts>;

export const ZQuoteAcceptance = z.object({
  name: z.string(),
  title: z.string(),
  email: z.string(),
  acceptedAt: z.string(),
  documentSha256: z.string(),
});
export type TQuoteAcceptance = z.infer<typeof ZQuoteAcceptance>;

/** GET /api/quotes/:id/procurement. */
export const ZQuoteProcurement = z.object({
  quoteId: z.string(),
  purchaseOrder: z.string().nullable(),
  /** The hash of the document as it reads now (the accepted one, once accepted). */
  documentSha256: z.string(),
  seller: ZParty,
  buyer: ZParty,
  termsVersion: z.string(),
  acceptance: ZQuoteAcceptance.nullable(),
  /** Open, not expired and not yet accepted: an admin may accept it (and change the PO number). */
  canAccept: z.boolean(),
});
export type TQuoteProcurement = z.infer<typeof ZQuoteProcurement>;

export const ZPurchaseOrderUpdate = z
  .object({
    purchaseOrder: z
      .string()
      .trim()
      .max(60, 'At most 60 characters')
      .transform((value) => (value === '' ? null : value))
      .nullable(),
  })
  .strict();
export type TPurchaseOrderUpdate = z.input<typeof ZPurchaseOrderUpdate>;

export const ZQuoteAcceptRequest = z
  .object({
    name: z.string().trim().min(2, 'Type your full name').max(120),
    title: z.string().trim().min(2, 'Type your job title').max(120),
    acceptTerms: z.literal(true, { error: 'Tick the box to accept the terms' }),
    /** The hash shown with the document the admin read: a document that changed since answers 409. */
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Not a document hash'),
  })
  .strict();
export type TQuoteAcceptRequest = z.input<typeof ZQuoteAcceptRequest>;
