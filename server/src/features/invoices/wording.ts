// The words of invoices and receipts in the buyer's language (English, Simplified Chinese): what a quote buys,
// each frozen price line as an invoice line, and the labels of the PDF. Invoices store the words they were
// issued with, so this module only ever runs when a document is issued or printed.

import type { TInvoiceLine } from '@portal/shared/schemas/invoices';
import type { TOfferKind, TPriceLine } from '@portal/shared/schemas/offers';
import type { DocumentLocale } from '../../platform/documents/locale.ts';

export { asDocumentLocale, type DocumentLocale } from '../../platform/documents/locale.ts';

function percent(locale: DocumentLocale, basisPoints: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

const years = (locale: DocumentLocale, n: number) =>
  locale === 'zh-CN' ? `${n} 年` : `${n} ${n === 1 ? 'year' : 'years'}`;
const seats = (locale: DocumentLocale, n: number) =>
  locale === 'zh-CN' ? `${n} 个席位` : `${n} ${n === 1 ? 'seat' : 'seats'}`;

export type QuoteWords = {
  kind: TOfferKind;
  planName: string;
  fromPlanName: string;
  seats: number;
  previousSeats: number;
  termYears: number | null;
};

/** One line saying what was bought: the invoice's description and the Checkout line's name. */
export function describePurchase(locale: DocumentLocale, q: QuoteWords): string {
  const zh = locale === 'zh-CN';
  switch (q.kind) {
    case 'renew':
      return zh
        ? `${q.planName} 续订，${seats(locale, q.seats)}，${years(locale, q.termYears ?? 1)}`
        : `Renewal of ${q.planName}, ${seats(locale, q.seats)}, ${years(locale, q.termYears ?? 1)}`;
    case 'upgrade':
      return zh
        ? `从 ${q.fromPlanName} 升级到 ${q.planName}，${seats(locale, q.seats)}，${years(locale, q.termYears ?? 1)}`
        : `Upgrade from ${q.fromPlanName} to ${q.planName}, ${seats(locale, q.seats)}, ${years(locale, q.termYears ?? 1)}`;
    case 'seats': {
      const added = q.seats - q.previousSeats;
      return zh
        ? `${q.planName} 增加 ${seats(locale, added)}（至本期结束）`
        : `${seats(locale, added)} added to ${q.planName} for the rest of the term`;
    }
    default: {
      const unreachable: never = q.kind;
      throw new Error(`unknown quote kind ${String(unreachable)}`);
    }
  }
}

/**
 * The invoice lines of a quote's frozen price lines: items, discounts (each with its reason) and credits. The
 * tax line is not a line of the table; invoices show it with the totals.
 */
export function invoiceLines(
  locale: DocumentLocale,
  lines: readonly TPriceLine[],
  planNames: Readonly<Record<string, string>>,
): TInvoiceLine[] {
  const zh = locale === 'zh-CN';
  const plan = (code: string) => planNames[code] ?? code;
  const out: TInvoiceLine[] = [];
  for (const line of lines) {
    switch (line.code) {
      case 'list':
        out.push({
          kind: 'item',
          description: zh
            ? `${plan(line.planCode)}，${years(locale, line.termYears)}（每席位）`
            : `${plan(line.planCode)}, ${years(locale, line.termYears)} (per seat)`,
          quantity: line.seats,
          unitAmountMinor: line.unitAmountMinor * line.termYears,
          amountMinor: line.amountMinor,
        });
        break;
      case 'seat_addition':
        out.push({
          kind: 'item',
          description: zh
            ? `${plan(line.planCode)} 新增席位，本期剩余 ${line.remainingDays}/${line.termDays} 天`
            : `${plan(line.planCode)} additional seats, ${line.remainingDays} of ${line.termDays} days left in the term`,
          quantity: line.addedSeats,
          unitAmountMinor: null,
          amountMinor: line.amountMinor,
        });
        break;
      case 'discount':
        out.push({
          kind: 'discount',
          description: discountWords(locale, line),
          quantity: null,
          unitAmountMinor: null,
          amountMinor: line.amountMinor,
        });
        break;
      case 'discount_cap':
        out.push({
          kind: 'discount',
          description: zh
            ? `折扣上限调整（总折扣不超过 ${percent(locale, line.capBasisPoints)}）`
            : `Discount cap adjustment (total discount at most ${percent(locale, line.capBasisPoints)})`,
          quantity: null,
          unitAmountMinor: null,
          amountMinor: line.amountMinor,
        });
        break;
      case 'proration_credit':
        out.push({
          kind: 'credit',
          description: zh
            ? `${plan(line.fromPlanCode)} 未使用部分抵扣（${line.remainingDays}/${line.termDays} 天）`
            : `Credit for the unused part of ${plan(line.fromPlanCode)} (${line.remainingDays} of ${line.termDays} days)`,
          quantity: null,
          unitAmountMinor: null,
          amountMinor: line.amountMinor,
        });
        break;
      case 'tax':
        break;
      default: {
        const unreachable: never = line;
        throw new Error(`unknown price line ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return out;
}

function discountWords(locale: DocumentLocale, line: Extract<TPriceLine, { code: 'discount' }>): string {
  const zh = locale === 'zh-CN';
  const rate = percent(locale, line.basisPoints);
  switch (line.reason) {
    case 'multi_year':
      return zh
        ? `多年期折扣，${years(locale, line.termYears ?? 0)}（${rate}）`
        : `Multi-year discount, ${years(locale, line.termYears ?? 0)} (${rate})`;
    case 'early_renewal':
      return zh ? `提前续订折扣（${rate}）` : `Early renewal discount (${rate})`;
    case 'upgrade_incentive':
      return zh ? `升级优惠（${rate}）` : `Upgrade incentive (${rate})`;
    case 'retention':
      return zh ? `续订挽留优惠（${rate}）` : `Loyalty discount (${rate})`;
    default: {
      const unreachable: never = line.reason;
      throw new Error(`unknown discount reason ${String(unreachable)}`);
    }
  }
}

/** Stripe's refund reason in words (its code when unknown). */
export function refundReasonWords(locale: DocumentLocale, reason: string): string {
  const words: Record<string, Record<DocumentLocale, string>> = {
    requested_by_customer: { en: 'Requested by the customer', 'zh-CN': '客户申请' },
    duplicate: { en: 'Duplicate payment', 'zh-CN': '重复付款' },
    fraudulent: { en: 'Fraudulent payment', 'zh-CN': '欺诈付款' },
  };
  return words[reason]?.[locale] ?? reason;
}

export function defaultTaxLabel(locale: DocumentLocale): string {
  return locale === 'zh-CN' ? '税费' : 'Tax';
}

/** Labels of the invoice and credit-note PDF. */
export const DOCUMENT_LABELS = {
  en: {
    invoice: 'Invoice',
    paid: 'PAID',
    number: 'Invoice number',
    issueDate: 'Issue date',
    seller: 'From',
    buyer: 'Bill to',
    taxId: 'Tax ID',
    subscription: 'Subscription',
    quote: 'Quote',
    purchaseOrder: 'PO number',
    servicePeriod: 'Service period',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    discounts: 'Discounts',
    credit: 'Credit',
    total: 'Total',
    amountPaid: 'Amount paid',
    balanceDue: 'Balance due',
    payment: 'Payment',
    paidOn: (date: string) => `Paid on ${date}`,
    card: (brand: string, last4: string) => `${brand} card ending in ${last4}`,
    reference: 'Reference',
    creditNotes: 'Credit notes (refunds)',
    refunded: 'Refunded',
    partlyRefunded: 'Partly refunded',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    thanks: 'Thank you for your business.',
  },
  'zh-CN': {
    invoice: '发票',
    paid: '已付款',
    number: '发票编号',
    issueDate: '开票日期',
    seller: '销售方',
    buyer: '购买方',
    taxId: '税号',
    subscription: '订阅',
    quote: '报价单',
    purchaseOrder: '采购订单号',
    servicePeriod: '服务期间',
    description: '项目',
    quantity: '数量',
    unitPrice: '单价',
    amount: '金额',
    subtotal: '小计',
    discounts: '折扣',
    credit: '抵扣',
    total: '合计',
    amountPaid: '已付金额',
    balanceDue: '应付余额',
    payment: '付款',
    paidOn: (date: string) => `付款日期 ${date}`,
    card: (brand: string, last4: string) => `${brand} 卡，尾号 ${last4}`,
    reference: '参考号',
    creditNotes: '红字发票（退款）',
    refunded: '已退款',
    partlyRefunded: '部分退款',
    page: (n: number, of: number) => `第 ${n} 页，共 ${of} 页`,
    thanks: '感谢您的惠顾。',
  },
} as const;
