// Payment e-mails, in English and Simplified Chinese: the receipt (with the invoice link) and a failed payment.

import { emailLayout, escapeHtml } from '../html.ts';
import type { EmailLocale, RenderedEmail } from './types.ts';

const copy = {
  en: {
    receiptSubject: (invoice: string) => `Receipt for your payment (invoice ${invoice})`,
    receiptTitle: 'Thank you for your payment',
    receiptBody: (amount: string, what: string, card: string) =>
      `We received ${amount} for ${what}${card ? `, paid with ${card}` : ''}.`,
    receiptTerm: (subscription: string, lastDay: string) =>
      `${subscription} now runs until ${lastDay} (the last day of service).`,
    receiptInvoice: (invoice: string) => `Invoice ${invoice} is in the portal, ready to download as a PDF.`,
    receiptAction: 'View the invoice',
    card: (brand: string, last4: string) => `the ${brand} card ending in ${last4}`,
    failedSubject: (subscription: string) => `Your payment for ${subscription} did not go through`,
    failedTitle: 'Your payment did not go through',
    failedBody: (amount: string, subscription: string, reason: string) =>
      `We could not collect ${amount} for ${subscription}: ${reason}. Nothing was charged.`,
    failedNext: 'You can pay the quote again in the portal with another card.',
    failedAction: 'Open the quote',
    footer: 'Renewal portal',
  },
  'zh-CN': {
    receiptSubject: (invoice: string) => `付款收据（发票 ${invoice}）`,
    receiptTitle: '感谢您的付款',
    receiptBody: (amount: string, what: string, card: string) =>
      `我们已收到 ${amount}，用于${what}${card ? `，付款方式：${card}` : ''}。`,
    receiptTerm: (subscription: string, lastDay: string) =>
      `${subscription} 的服务现已延续至 ${lastDay}（服务最后一天）。`,
    receiptInvoice: (invoice: string) => `发票 ${invoice} 已在门户中生成，可下载 PDF。`,
    receiptAction: '查看发票',
    card: (brand: string, last4: string) => `${brand} 卡（尾号 ${last4}）`,
    failedSubject: (subscription: string) => `${subscription} 的付款未成功`,
    failedTitle: '您的付款未成功',
    failedBody: (amount: string, subscription: string, reason: string) =>
      `我们未能收取 ${subscription} 的 ${amount}：${reason}。未产生任何扣款。`,
    failedNext: '您可以在门户中使用其他银行卡重新支付该报价。',
    failedAction: '打开报价单',
    footer: '续订门户',
  },
} as const;

export function renderReceipt(
  locale: EmailLocale,
  data: {
    amount: string;
    what: string;
    subscription: string;
    lastDay: string;
    invoiceNumber: string;
    invoiceUrl: string;
    card: { brand: string; last4: string } | null;
  },
): RenderedEmail {
  const t = copy[locale];
  const card = data.card ? t.card(data.card.brand, data.card.last4) : '';
  const paragraphs = [
    t.receiptBody(data.amount, data.what, card),
    t.receiptTerm(data.subscription, data.lastDay),
    t.receiptInvoice(data.invoiceNumber),
  ];
  return {
    subject: t.receiptSubject(data.invoiceNumber),
    text: `${t.receiptTitle}\n\n${paragraphs.join('\n\n')}\n\n${data.invoiceUrl}\n`,
    html: emailLayout({
      title: t.receiptTitle,
      paragraphs: paragraphs.map(escapeHtml),
      action: { label: t.receiptAction, url: data.invoiceUrl },
      footer: t.footer,
    }),
  };
}

export function renderPaymentFailed(
  locale: EmailLocale,
  data: { amount: string; subscription: string; reason: string; quoteUrl: string },
): RenderedEmail {
  const t = copy[locale];
  const paragraphs = [t.failedBody(data.amount, data.subscription, data.reason), t.failedNext];
  return {
    subject: t.failedSubject(data.subscription),
    text: `${t.failedTitle}\n\n${paragraphs.join('\n\n')}\n\n${data.quoteUrl}\n`,
    html: emailLayout({
      title: t.failedTitle,
      paragraphs: paragraphs.map(escapeHtml),
      action: { label: t.failedAction, url: data.quoteUrl },
      footer: t.footer,
    }),
  };
}
