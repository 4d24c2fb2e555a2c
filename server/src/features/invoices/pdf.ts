// The invoice as a PDF: seller and buyer, what was bought and for which period, the lines with their
// discounts and credits, tax and totals, the payment reference, the credit notes of any refunds, and — when
// the quote it pays was accepted online — who accepted it, when and the accepted document's hash. Drawn with
// the shared document layout (pdf-layout.ts), the same as quotes.

import { formatMoney } from '@portal/shared/money';
import type { TInvoice } from '@portal/shared/schemas/invoices';
import {
  createLayout,
  drawHeader,
  drawLines,
  drawNote,
  drawParties,
  drawTotals,
  formatDocumentDate,
  formatRate,
  LEFT,
  MUTED,
  PAID,
  WIDTH,
} from '../../platform/documents/pdf-layout.ts';
import { asDocumentLocale, DOCUMENT_LABELS } from './wording.ts';

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  diners: 'Diners Club',
};

/** What the invoice prints of its quote's online acceptance: words already in the invoice's language. */
export type InvoiceQuoteNote = { title: string; paragraphs: string[] };

/** Renders the invoice; resolves with the PDF's bytes. */
export function renderInvoicePdf(
  invoice: TInvoice,
  extras: { purchaseOrder?: string | null; acceptance?: InvoiceQuoteNote | null } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const locale = asDocumentLocale(invoice.locale);
  const t = DOCUMENT_LABELS[locale];
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: invoice.total.currency }, locale);
  const date = (value: string) => formatDocumentDate(value, locale);
  const layout = createLayout({
    title: `${t.invoice} ${invoice.number}`,
    author: invoice.seller.legalName,
    subject: invoice.description,
    lang: locale,
  });

  drawHeader(layout, {
    seller: invoice.seller,
    taxIdLabel: t.taxId,
    title: t.invoice,
    facts: [`${t.number}: ${invoice.number}`, `${t.issueDate}: ${date(invoice.issueDate)}`],
    stamp: {
      text: {
        paid: t.paid,
        partially_refunded: `${t.paid} · ${t.partlyRefunded}`,
        refunded: `${t.paid} · ${t.refunded}`,
      }[invoice.status],
      color: PAID,
    },
  });

  // The service period's end is exclusive; the last day of service is shown.
  const lastDay = new Date(Date.parse(`${invoice.servicePeriod.end}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  drawParties(layout, {
    buyerLabel: t.buyer,
    buyer: invoice.buyer,
    taxIdLabel: t.taxId,
    facts: [
      { label: t.subscription, value: invoice.subscription.label },
      ...(invoice.quote ? [{ label: t.quote, value: invoice.quote.number }] : []),
      ...(extras.purchaseOrder ? [{ label: t.purchaseOrder, value: extras.purchaseOrder }] : []),
      {
        label: t.servicePeriod,
        value: `${date(invoice.servicePeriod.start)} – ${date(lastDay)}`,
      },
    ],
  });
  layout.y = layout.write(invoice.description, LEFT, layout.y, { size: 11, weight: 700, width: WIDTH }) + 10;

  drawLines(layout, {
    labels: { description: t.description, quantity: t.quantity, unitPrice: t.unitPrice, amount: t.amount },
    lines: invoice.lines,
    money,
  });
  drawTotals(
    layout,
    [
      { label: t.subtotal, amountMinor: invoice.subtotal.amountMinor },
      ...(invoice.discounts.amountMinor !== 0
        ? [{ label: t.discounts, amountMinor: invoice.discounts.amountMinor }]
        : []),
      ...(invoice.credit.amountMinor !== 0
        ? [{ label: t.credit, amountMinor: invoice.credit.amountMinor }]
        : []),
      {
        label: `${invoice.tax.label} (${formatRate(invoice.tax.rateBasisPoints, locale)})`,
        amountMinor: invoice.tax.amount.amountMinor,
      },
      {
        label: `${t.total} (${invoice.total.currency})`,
        amountMinor: invoice.total.amountMinor,
        weight: 700,
        ruleAbove: true,
      },
      { label: t.amountPaid, amountMinor: invoice.amountPaid.amountMinor },
      {
        label: t.balanceDue,
        amountMinor: invoice.total.amountMinor - invoice.amountPaid.amountMinor,
        weight: 700,
      },
    ],
    money,
  );

  const payment = invoice.payment;
  const card =
    payment.cardBrand && payment.cardLast4
      ? ` · ${t.card(CARD_BRANDS[payment.cardBrand] ?? payment.cardBrand, payment.cardLast4)}`
      : '';
  drawNote(layout, {
    title: t.payment,
    paragraphs: [
      `${t.paidOn(date(payment.paidAt))}${card}`,
      `${t.reference}: ${payment.chargeId ?? payment.paymentIntentId}`,
    ],
  });
  if (extras.acceptance) drawNote(layout, { ...extras.acceptance, boxed: true });

  if (invoice.creditNotes.length) {
    layout.ensureRoom(40 + invoice.creditNotes.length * 15);
    layout.y = layout.write(t.creditNotes, LEFT, layout.y, { size: 10, weight: 700 }) + 4;
    for (const note of invoice.creditNotes) {
      layout.write(note.number, LEFT, layout.y, { width: 120 });
      layout.write(date(note.issueDate), 175, layout.y, { width: 120 });
      layout.write(note.reason ?? '', 300, layout.y, { width: 145, color: MUTED });
      layout.write(money(-note.amount.amountMinor), 450, layout.y, { width: 95, align: 'right' });
      layout.y += 15;
    }
    layout.y += 8;
  }

  layout.ensureRoom(30);
  layout.write(t.thanks, LEFT, Math.max(layout.y + 10, 720), { color: MUTED, width: WIDTH, align: 'center' });
  return layout.finish();
}
