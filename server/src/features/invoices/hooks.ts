// What invoices asks without importing the feature that answers (decision 015): the composition root
// (server/src/hooks.ts) registers offers' answer.

import type { DbOrTx } from '../../platform/db/connection.ts';
import type { DocumentLocale } from '../../platform/documents/locale.ts';
import { defineProvider } from '../../platform/hooks.ts';

/** What an invoice of a quote prints of the quote's procurement: the PO number, and its online acceptance. */
export type QuoteOnInvoice = {
  purchaseOrder: string | null;
  acceptance: { title: string; paragraphs: string[] } | null;
};

export const quoteOnInvoice =
  defineProvider<
    (
      db: DbOrTx,
      input: { accountId: string; quote: { id: string; number: string }; locale: DocumentLocale },
    ) => Promise<QuoteOnInvoice>
  >('invoices.quote-on-invoice');
