// The confirmation a consumer gets when they end a contract early under a legal right (decision 017), in
// English or Simplified Chinese: the last day of service, the refund of unused prepaid time and where it goes.

import type { CalendarDate } from '@portal/shared/dates';
import type { Money } from '@portal/shared/money';
import { composeEmail } from './compose.ts';
import { emailDate, emailMoney } from './format.ts';
import type { EmailLocale, RenderedEmail } from './types.ts';

const copy = {
  en: {
    subject: (label: string) => `Your contract for ${label} is cancelled`,
    title: 'Your contract is cancelled',
    body: (label: string, by: string, lastDay: string) =>
      `${by} cancelled the contract for ${label}. The service continues until ${lastDay} (the last day), and nothing will be charged again.`,
    refund: (amount: string) =>
      `We are refunding ${amount} for the prepaid time you will not use, to the card you paid with. A credit note will be in the portal with your invoices; banks usually show the refund within 5 to 10 business days.`,
    noRefund: 'No prepaid time is left after the last day, so there is nothing to refund.',
    right: {
      de_one_month_notice:
        'You used your right as a consumer in Germany to end a contract renewed automatically at one month’s notice.',
      fr_notice_not_sent:
        'You used your right as a consumer in France to end a contract renewed automatically without the notice we owed you.',
    } as Record<string, string>,
    action: 'View your invoices',
    footer: 'Renewal portal',
  },
  'zh-CN': {
    subject: (label: string) => `「${label}」的合同已取消`,
    title: '您的合同已取消',
    body: (label: string, by: string, lastDay: string) =>
      `${by} 取消了「${label}」的合同。服务将持续至 ${lastDay}（最后一天），此后不会再产生任何扣款。`,
    refund: (amount: string) =>
      `我们将把未使用的预付时间对应的 ${amount} 退还至您付款所用的银行卡。红字发票将与您的发票一起显示在门户中；银行通常会在 5 至 10 个工作日内显示退款。`,
    noRefund: '最后一天之后没有剩余的预付时间，因此无需退款。',
    right: {
      de_one_month_notice: '您行使了德国消费者的权利：自动续订的合同可提前一个月通知终止。',
      fr_notice_not_sent: '您行使了法国消费者的权利：在我们未按时发送续订通知的情况下终止自动续订的合同。',
    } as Record<string, string>,
    action: '查看您的发票',
    footer: '续订门户',
  },
} as const;

export function renderContractCancelled(
  locale: EmailLocale,
  data: {
    subscriptionLabel: string;
    by: string;
    right: string;
    lastDay: CalendarDate;
    refund: Money;
    invoicesUrl: string;
  },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.subject(data.subscriptionLabel),
    title: t.title,
    paragraphs: [
      t.body(data.subscriptionLabel, data.by, emailDate(data.lastDay, locale)),
      data.refund.amountMinor > 0 ? t.refund(emailMoney(data.refund, locale)) : t.noRefund,
      t.right[data.right] ?? '',
    ].filter(Boolean),
    action: { label: t.action, url: data.invoicesUrl },
    footer: t.footer,
  });
}
