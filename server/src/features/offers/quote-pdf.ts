// The quote as a PDF, drawn with the invoices' document layout: the seller with its tax id, the buyer's
// billing entity, address and tax id, the subscription, term, PO number and validity, the frozen lines and
// totals, the terms, and the online acceptance (or the hash a customer accepts).

import { formatMoney } from '@portal/shared/money';
import type { TQuoteStatus } from '@portal/shared/schemas/offers';
import type { TQuoteDocumentFacts } from '@portal/shared/schemas/quote-documents';
import { asDocumentLocale } from '../../platform/documents/locale.ts';
import {
  createLayout,
  drawHeader,
  drawLines,
  drawNote,
  drawParties,
  drawTotals,
  formatDocumentDate,
  formatRate,
  INK,
  LEFT,
  MUTED,
  PAID,
  WIDTH,
} from '../../platform/documents/pdf-layout.ts';
import { DOCUMENT_LABELS, defaultTaxLabel, describePurchase, invoiceLines } from '../invoices/service.ts';
import {
  type AcceptanceWords,
  acceptanceParagraphs,
  formatDocumentTime,
  QUOTE_LABELS,
} from './quote-wording.ts';

export type QuotePdfInput = {
  facts: TQuoteDocumentFacts;
  sha256: string;
  status: TQuoteStatus;
  acceptance: Omit<AcceptanceWords, 'quoteNumber'> | null;
};

export function renderQuotePdf(input: QuotePdfInput): Promise<Uint8Array<ArrayBuffer>> {
  const { facts } = input;
  const locale = asDocumentLocale(facts.locale);
  const t = DOCUMENT_LABELS[locale];
  const q = QUOTE_LABELS[locale];
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: facts.currency }, locale);
  const date = (value: string) => formatDocumentDate(value, locale);
  const description = describePurchase(locale, {
    kind: facts.quote.kind as 'renew' | 'upgrade' | 'seats',
    planName: facts.plan.name,
    fromPlanName: facts.fromPlan.name,
    seats: facts.quote.seats,
    previousSeats: facts.quote.previousSeats,
    termYears: facts.quote.termYears,
  });
  const layout = createLayout({
    title: `${q.quote} ${facts.quote.number}`,
    author: facts.seller.legalName,
    subject: description,
    lang: locale,
  });

  const stamp = input.status === 'open' && input.acceptance ? 'accepted' : input.status;
  drawHeader(layout, {
    seller: facts.seller,
    taxIdLabel: t.taxId,
    title: q.quote,
    facts: [
      `${q.number}: ${facts.quote.number}`,
      `${q.issueDate}: ${date(facts.quote.createdAt)}`,
      `${q.validUntil}: ${formatDocumentTime(facts.quote.expiresAt, locale)}`,
    ],
    stamp: { text: q.stamps[stamp], color: stamp === 'accepted' || stamp === 'paid' ? PAID : MUTED },
  });

  const lastDay = new Date(Date.parse(`${facts.quote.termEnd}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  drawParties(layout, {
    buyerLabel: q.preparedFor,
    buyer: facts.buyer,
    taxIdLabel: t.taxId,
    facts: [
      { label: t.subscription, value: facts.subscription.label },
      { label: q.servicePeriod, value: `${date(facts.quote.termStart)} – ${date(lastDay)}` },
      ...(facts.purchaseOrder ? [{ label: t.purchaseOrder, value: facts.purchaseOrder }] : []),
    ],
  });
  layout.y = layout.write(description, LEFT, layout.y, { size: 11, weight: 700, width: WIDTH });
  layout.y =
    layout.write(q.requestedBy(facts.requestedBy.name, facts.requestedBy.email), LEFT, layout.y + 2, {
      color: MUTED,
      width: WIDTH,
    }) + 10;

  const planNames = { [facts.plan.code]: facts.plan.name, [facts.fromPlan.code]: facts.fromPlan.name };
  const lines = invoiceLines(locale, facts.lines, planNames);
  drawLines(layout, {
    labels: { description: t.description, quantity: t.quantity, unitPrice: t.unitPrice, amount: t.amount },
    lines,
    money,
  });
  const sum = (kind: string) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountMinor, 0);
  const tax = facts.lines.find((l) => l.code === 'tax');
  drawTotals(
    layout,
    [
      { label: t.subtotal, amountMinor: sum('item') },
      ...(sum('discount') !== 0 ? [{ label: t.discounts, amountMinor: sum('discount') }] : []),
      ...(sum('credit') !== 0 ? [{ label: t.credit, amountMinor: sum('credit') }] : []),
      {
        label: `${defaultTaxLabel(locale)} (${formatRate(tax?.code === 'tax' ? tax.rateBasisPoints : 0, locale)})`,
        amountMinor: tax?.amountMinor ?? 0,
      },
      {
        label: `${t.total} (${facts.currency})`,
        amountMinor: facts.totalMinor,
        weight: 700,
        ruleAbove: true,
      },
    ],
    money,
  );

  drawNote(layout, {
    title: q.termsTitle,
    paragraphs: q.terms({
      validUntil: formatDocumentTime(facts.quote.expiresAt, locale),
      currency: facts.currency,
      seller: facts.seller.legalName,
      rulesVersion: facts.quote.rulesVersion,
    }),
  });
  if (input.acceptance) {
    drawNote(layout, {
      title: q.acceptanceTitle,
      paragraphs: acceptanceParagraphs(locale, { ...input.acceptance, quoteNumber: facts.quote.number }),
      boxed: true,
      color: PAID,
    });
  } else {
    drawNote(layout, { title: q.notAcceptedTitle, paragraphs: [q.notAccepted, input.sha256], color: INK });
  }
  return layout.finish();
}
