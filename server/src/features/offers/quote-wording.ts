// The words of the quote document in the account's language (English, Simplified Chinese): its labels, the
// terms a customer accepts, and the acceptance printed on the accepted quote and on the invoice that follows.

import type { DocumentLocale } from '../../platform/documents/locale.ts';

export function formatDocumentTime(iso: string, locale: DocumentLocale): string {
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${text} UTC`;
}

export type AcceptanceWords = {
  name: string;
  title: string;
  email: string;
  acceptedAt: string;
  ip: string | null;
  documentSha256: string;
  quoteNumber: string;
};

export const QUOTE_LABELS = {
  en: {
    quote: 'Quote',
    number: 'Quote number',
    issueDate: 'Issue date',
    validUntil: 'Valid until',
    preparedFor: 'Prepared for',
    requestedBy: (name: string, email: string) => `Requested by ${name} (${email})`,
    servicePeriod: 'Service period',
    stamps: {
      open: 'OPEN',
      accepted: 'ACCEPTED',
      expired: 'EXPIRED',
      superseded: 'SUPERSEDED',
      paid: 'PAID',
    },
    termsTitle: 'Terms',
    terms: (input: { validUntil: string; currency: string; seller: string; rulesVersion: number }) => [
      `This quote is valid until ${input.validUntil}. Prices are in ${input.currency} and are fixed for this quote under pricing rules version ${input.rulesVersion}.`,
      `Payment is due in advance, by card or another method offered in the customer portal, before the service period starts. The subscription is provided by ${input.seller} under its subscription terms; the order becomes binding when it is paid.`,
      'A customer administrator may accept this quote online in the portal, or sign it and return it with a purchase order. A purchase-order number is printed on the invoice.',
    ],
    acceptanceTitle: 'Accepted online',
    acceptance: (a: AcceptanceWords, when: string) => [
      `Quote ${a.quoteNumber} accepted by ${a.name}, ${a.title} (${a.email}) on ${when}${a.ip ? ` from IP address ${a.ip}` : ''}, having agreed to its terms.`,
      `SHA-256 of the accepted document: ${a.documentSha256}`,
    ],
    notAcceptedTitle: 'Acceptance',
    notAccepted: 'Not yet accepted. Document SHA-256 (changes when any fact of this quote changes):',
  },
  'zh-CN': {
    quote: '报价单',
    number: '报价单编号',
    issueDate: '报价日期',
    validUntil: '有效期至',
    preparedFor: '客户',
    requestedBy: (name: string, email: string) => `申请人 ${name}（${email}）`,
    servicePeriod: '服务期间',
    stamps: {
      open: '有效',
      accepted: '已接受',
      expired: '已过期',
      superseded: '已被取代',
      paid: '已付款',
    },
    termsTitle: '条款',
    terms: (input: { validUntil: string; currency: string; seller: string; rulesVersion: number }) => [
      `本报价单有效期至 ${input.validUntil}。价格以 ${input.currency} 计价，按第 ${input.rulesVersion} 版定价规则锁定。`,
      `须在服务期开始前通过客户门户以银行卡或其他可用方式预付。订阅由 ${input.seller} 按其订阅条款提供；订单自付款之日起生效。`,
      '客户管理员可在门户中在线接受本报价单，或签署后连同采购订单寄回。采购订单号将打印在发票上。',
    ],
    acceptanceTitle: '已在线接受',
    acceptance: (a: AcceptanceWords, when: string) => [
      `报价单 ${a.quoteNumber} 已由 ${a.name}（${a.title}，${a.email}）于 ${when}${a.ip ? `从 IP 地址 ${a.ip} ` : ''}同意其条款并接受。`,
      `所接受文件的 SHA-256：${a.documentSha256}`,
    ],
    notAcceptedTitle: '接受状态',
    notAccepted: '尚未接受。文件 SHA-256（报价单任何信息变化时都会改变）：',
  },
} as const;

/** The acceptance as printed on a document (quote or invoice) in its language. */
export function acceptanceParagraphs(locale: DocumentLocale, acceptance: AcceptanceWords): string[] {
  const t = QUOTE_LABELS[locale];
  return [...t.acceptance(acceptance, formatDocumentTime(acceptance.acceptedAt, locale))];
}
