// The invoice as a PDF (pdfkit): seller and buyer, what was bought and for which period, the lines with their
// discounts and credits, tax and totals, the payment reference, and the credit notes of any refunds. Text is
// set in Noto Sans SC so Chinese names and addresses print as text (pdf-fonts.ts).

import { formatMoney } from '@portal/shared/money';
import type { TInvoice } from '@portal/shared/schemas/invoices';
import PDFDocument from 'pdfkit';
import { type FontWeight, fontFile, textRuns } from './pdf-fonts.ts';
import { asDocumentLocale, DOCUMENT_LABELS } from './wording.ts';

const LEFT = 50;
const RIGHT = 545;
const PAGE_BOTTOM = 770;
const INK = '#111827';
const MUTED = '#4b5563';
const RULE = '#d1d5db';
const PAID = '#047857';

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  diners: 'Diners Club',
};

type WriteOptions = {
  width?: number;
  align?: 'left' | 'right' | 'center';
  size?: number;
  weight?: FontWeight;
  color?: string;
};

/** Draws text (any script) at x, y; returns the y below it. */
function writer(doc: PDFKit.PDFDocument) {
  const registered = new Set<string>();
  return (text: string, x: number, y: number, options: WriteOptions = {}): number => {
    const runs = textRuns(text.length ? text : ' ', options.weight ?? 400);
    doc.fontSize(options.size ?? 9).fillColor(options.color ?? INK);
    const useFont = (font: string) => {
      if (!registered.has(font)) {
        doc.registerFont(font, fontFile(font));
        registered.add(font);
      }
      doc.font(font);
    };
    const align = options.align ?? 'left';
    if (runs.length > 1 && align !== 'left' && options.width !== undefined) {
      // pdfkit aligns each continued run on its own; a short mixed-script line is placed as a whole instead.
      const widths = runs.map((run) => {
        useFont(run.font);
        return doc.widthOfString(run.text);
      });
      const total = widths.reduce((sum, w) => sum + w, 0);
      let at = x + (align === 'right' ? options.width - total : (options.width - total) / 2);
      runs.forEach((run, index) => {
        useFont(run.font);
        doc.text(run.text, at, y, { lineBreak: false });
        at += widths[index] ?? 0;
      });
      return y + doc.currentLineHeight(true);
    }
    runs.forEach((run, index) => {
      useFont(run.font);
      const textOptions: PDFKit.Mixins.TextOptions = {
        ...(options.width === undefined ? {} : { width: options.width }),
        align: options.align ?? 'left',
        continued: index < runs.length - 1,
      };
      if (index === 0) doc.text(run.text, x, y, textOptions);
      else doc.text(run.text, textOptions);
    });
    return doc.y;
  };
}

function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

function formatRate(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/** Renders the invoice; resolves with the PDF's bytes. */
export function renderInvoicePdf(invoice: TInvoice): Promise<Uint8Array<ArrayBuffer>> {
  const locale = asDocumentLocale(invoice.locale);
  const t = DOCUMENT_LABELS[locale];
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: invoice.total.currency }, locale);
  const date = (value: string) => formatDate(value, locale);

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 40, left: LEFT, right: 595 - RIGHT },
    info: {
      Title: `${t.invoice} ${invoice.number}`,
      Author: invoice.seller.legalName,
      Subject: invoice.description,
    },
    lang: locale,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const write = writer(doc);
  const rule = (y: number, color = RULE) => {
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.6).strokeColor(color).stroke();
  };
  let y = 50;
  const ensureRoom = (needed: number) => {
    if (y + needed <= PAGE_BOTTOM) return;
    doc.addPage();
    y = 50;
  };

  // Header: the seller on the left, the document's title, number and date on the right.
  let left = write(invoice.seller.legalName, LEFT, y, { size: 13, weight: 700, width: 280 });
  for (const line of invoice.seller.addressLines)
    left = write(line, LEFT, left + 1, { color: MUTED, width: 280 });
  if (invoice.seller.taxId)
    left = write(`${t.taxId}: ${invoice.seller.taxId}`, LEFT, left + 1, { color: MUTED });
  if (invoice.seller.email) left = write(invoice.seller.email, LEFT, left + 1, { color: MUTED });
  let right = write(t.invoice, 345, y, { size: 22, weight: 700, width: 200, align: 'right' });
  right = write(`${t.number}: ${invoice.number}`, 345, right + 2, { width: 200, align: 'right' });
  right = write(`${t.issueDate}: ${date(invoice.issueDate)}`, 345, right + 1, { width: 200, align: 'right' });
  const stampLabel = {
    paid: t.paid,
    partially_refunded: `${t.paid} · ${t.partlyRefunded}`,
    refunded: `${t.paid} · ${t.refunded}`,
  }[invoice.status];
  right = write(stampLabel, 345, right + 4, {
    width: 200,
    align: 'right',
    weight: 700,
    color: PAID,
    size: 11,
  });
  y = Math.max(left, right) + 18;
  rule(y);
  y += 12;

  // Buyer and the purchase.
  const buyerTop = y;
  let buyer = write(t.buyer, LEFT, y, { size: 8, color: MUTED });
  buyer = write(invoice.buyer.legalName, LEFT, buyer + 2, { size: 10, weight: 700, width: 250 });
  for (const line of invoice.buyer.addressLines) buyer = write(line, LEFT, buyer + 1, { width: 250 });
  if (invoice.buyer.taxId) buyer = write(`${t.taxId}: ${invoice.buyer.taxId}`, LEFT, buyer + 1);
  if (invoice.buyer.email) buyer = write(invoice.buyer.email, LEFT, buyer + 1, { color: MUTED });
  let facts = write(t.subscription, 320, buyerTop, { size: 8, color: MUTED });
  facts = write(invoice.subscription.label, 320, facts + 2, { width: 225 });
  if (invoice.quote) {
    facts = write(t.quote, 320, facts + 6, { size: 8, color: MUTED });
    facts = write(invoice.quote.number, 320, facts + 2, { width: 225 });
  }
  facts = write(t.servicePeriod, 320, facts + 6, { size: 8, color: MUTED });
  // The service period's end is exclusive; the last day of service is shown.
  const lastDay = new Date(Date.parse(`${invoice.servicePeriod.end}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  facts = write(`${date(invoice.servicePeriod.start)} – ${date(lastDay)}`, 320, facts + 2, { width: 225 });
  y = Math.max(buyer, facts) + 14;
  y = write(invoice.description, LEFT, y, { size: 11, weight: 700, width: RIGHT - LEFT }) + 10;

  // Lines.
  const columns = { description: LEFT, quantity: 310, unit: 355, amount: 450 };
  const header = (top: number) => {
    write(t.description, columns.description, top, { size: 8, color: MUTED, width: 250 });
    write(t.quantity, columns.quantity, top, { size: 8, color: MUTED, width: 40, align: 'right' });
    write(t.unitPrice, columns.unit, top, { size: 8, color: MUTED, width: 90, align: 'right' });
    write(t.amount, columns.amount, top, { size: 8, color: MUTED, width: 95, align: 'right' });
    rule(top + 13);
    return top + 19;
  };
  y = header(y);
  for (const line of invoice.lines) {
    ensureRoom(30);
    const rowTop = y;
    const below = write(line.description, columns.description, rowTop, { width: 250 });
    if (line.quantity !== null)
      write(String(line.quantity), columns.quantity, rowTop, { width: 40, align: 'right' });
    if (line.unitAmountMinor !== null)
      write(money(line.unitAmountMinor), columns.unit, rowTop, { width: 90, align: 'right' });
    write(money(line.amountMinor), columns.amount, rowTop, { width: 95, align: 'right' });
    y = Math.max(below, rowTop + 12) + 6;
  }
  rule(y);
  y += 10;

  // Totals.
  ensureRoom(120);
  const total = (label: string, amountMinor: number, weight: FontWeight = 400) => {
    write(label, 320, y, { width: 125, weight });
    write(money(amountMinor), columns.amount, y, { width: 95, align: 'right', weight });
    y += 15;
  };
  total(t.subtotal, invoice.subtotal.amountMinor);
  if (invoice.discounts.amountMinor !== 0) total(t.discounts, invoice.discounts.amountMinor);
  if (invoice.credit.amountMinor !== 0) total(t.credit, invoice.credit.amountMinor);
  total(
    `${invoice.tax.label} (${formatRate(invoice.tax.rateBasisPoints, locale)})`,
    invoice.tax.amount.amountMinor,
  );
  doc
    .moveTo(320, y - 2)
    .lineTo(RIGHT, y - 2)
    .lineWidth(0.6)
    .strokeColor(RULE)
    .stroke();
  y += 3;
  total(`${t.total} (${invoice.total.currency})`, invoice.total.amountMinor, 700);
  total(t.amountPaid, invoice.amountPaid.amountMinor);
  total(t.balanceDue, invoice.total.amountMinor - invoice.amountPaid.amountMinor, 700);
  y += 8;

  // Payment reference.
  ensureRoom(60);
  y = write(t.payment, LEFT, y, { size: 8, color: MUTED });
  const payment = invoice.payment;
  const card =
    payment.cardBrand && payment.cardLast4
      ? ` · ${t.card(CARD_BRANDS[payment.cardBrand] ?? payment.cardBrand, payment.cardLast4)}`
      : '';
  y = write(`${t.paidOn(date(payment.paidAt))}${card}`, LEFT, y + 2, { width: RIGHT - LEFT });
  y = write(`${t.reference}: ${payment.chargeId ?? payment.paymentIntentId}`, LEFT, y + 1, {
    color: MUTED,
    width: RIGHT - LEFT,
  });
  y += 14;

  // Credit notes.
  if (invoice.creditNotes.length) {
    ensureRoom(40 + invoice.creditNotes.length * 15);
    y = write(t.creditNotes, LEFT, y, { size: 10, weight: 700 }) + 4;
    for (const note of invoice.creditNotes) {
      write(note.number, LEFT, y, { width: 120 });
      write(date(note.issueDate), 175, y, { width: 120 });
      write(note.reason ?? '', 300, y, { width: 145, color: MUTED });
      write(money(-note.amount.amountMinor), columns.amount, y, { width: 95, align: 'right' });
      y += 15;
    }
    y += 8;
  }

  ensureRoom(30);
  write(t.thanks, LEFT, Math.max(y + 10, 720), { color: MUTED, width: RIGHT - LEFT, align: 'center' });
  doc.end();
  return done;
}
