// Payment e-mails, in English and Simplified Chinese: the receipt (with the invoice link), a failed payment, and
// money that arrived for something already paid (or no longer payable) and was refunded automatically.

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
    refundedSubject: (amount: string) => `We refunded your payment of ${amount}`,
    refundedTitle: 'Your payment was refunded',
    refundedBody: (amount: string, what: string, card: string) =>
      `We received ${amount} for ${what}${card ? ` from ${card}` : ''}, but it could not be applied: that term was already paid for, or the quote had been replaced or withdrawn.`,
    refundedBack: (amount: string) =>
      `We have refunded the ${amount} in full. Banks usually show it within 5 to 10 business days. Nothing else changes: your subscription continues as before.`,
    refundedAction: 'View your invoices',
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
    refundedSubject: (amount: string) => `您的 ${amount} 付款已退款`,
    refundedTitle: '您的付款已退款',
    refundedBody: (amount: string, what: string, card: string) =>
      `我们收到了${card ? `来自${card}的` : ''} ${amount}，用于${what}，但该款项无法使用：该期限已付款，或报价单已被替换或撤回。`,
    refundedBack: (amount: string) =>
      `我们已全额退还 ${amount}。银行通常会在 5 至 10 个工作日内显示退款。其他一切不变：您的订阅照常继续。`,
    refundedAction: '查看您的发票',
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

/** Money that could not be applied was given back in full (decision 010): what, how much, and where to look. */
export function renderUnappliedRefunded(
  locale: EmailLocale,
  data: { amount: string; what: string; card: { brand: string; last4: string } | null; invoicesUrl: string },
): RenderedEmail {
  const t = copy[locale];
  const card = data.card ? t.card(data.card.brand, data.card.last4) : '';
  const paragraphs = [t.refundedBody(data.amount, data.what, card), t.refundedBack(data.amount)];
  return {
    subject: t.refundedSubject(data.amount),
    text: `${t.refundedTitle}\n\n${paragraphs.join('\n\n')}\n\n${data.invoicesUrl}\n`,
    html: emailLayout({
      title: t.refundedTitle,
      paragraphs: paragraphs.map(escapeHtml),
      action: { label: t.refundedAction, url: data.invoicesUrl },
      footer: t.footer,
    }),
  };
}
