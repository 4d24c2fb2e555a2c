// The exact words an admin agrees to when turning auto-renew on, in their language, built by the server from
// the same figures the renewal will use. The page shows this text; the request to turn auto-renew on names its
// hash; the server rebuilds the text, refuses a mismatch (the figures changed meanwhile), and keeps the text
// with the consent.

import { createHash } from 'node:crypto';
import type { CalendarDate } from '@portal/shared/dates';
import { addDays } from '@portal/shared/dates';
import type { Money } from '@portal/shared/money';
import { cardBrandName, emailDate, emailMoney } from '../../platform/notifications/templates/format.ts';
import type { EmailLocale } from '../../platform/notifications/templates/types.ts';

export type TermsInput = {
  subscriptionLabel: string;
  planName: string;
  seats: number;
  termYears: number;
  amount: Money;
  chargeDate: CalendarDate;
  newTermStart: CalendarDate;
  newTermEnd: CalendarDate;
  card: { brand: string; last4: string };
  noticeDates: CalendarDate[];
};

export function autoRenewTerms(locale: EmailLocale, input: TermsInput): { text: string; hash: string } {
  const date = (d: CalendarDate) => emailDate(d, locale);
  const amount = emailMoney(input.amount, locale);
  const brand = cardBrandName(input.card.brand);
  const lastDay = date(addDays(input.newTermEnd, -1));
  const notices = input.noticeDates.map(date);
  const text =
    locale === 'zh-CN'
      ? [
          `我同意在当前期限结束时自动续订「${input.subscriptionLabel}」（${input.planName}，${input.seats} 个席位）${input.termYears} 年，并授权于 ${date(input.chargeDate)} 从 ${brand} 卡（尾号 ${input.card.last4}）扣款 ${amount}。新期限自 ${date(input.newTermStart)} 起至 ${lastDay} 止。`,
          notices.length
            ? `扣款前我将通过电子邮件收到通知，日期为：${notices.join('、')}。`
            : '扣款前我将通过电子邮件收到通知。',
          '之后每个期限结束时将按届时的价格自动续订；价格如有上涨，会在扣款前通知我。',
          '在扣款开始前，我可以随时在门户中或通过每封通知中的一键链接关闭自动续订，关闭后会收到电子邮件确认。',
        ].join('')
      : [
          `I agree that ${input.subscriptionLabel} (${input.planName}, ${input.seats} seats) renews automatically for ${input.termYears === 1 ? '1 year' : `${input.termYears} years`} at the end of the current term, and I authorise a charge of ${amount} to the ${brand} card ending in ${input.card.last4} on ${date(input.chargeDate)}. The new term runs from ${date(input.newTermStart)} to ${lastDay}.`,
          notices.length
            ? `Before the charge I will be notified by e-mail on ${notices.join(', ')}.`
            : 'I will be notified by e-mail before the charge.',
          'Later terms renew the same way at the price of the day, and I will be told of any increase before it is charged.',
          'I can turn auto-renew off at any time before the charge starts, online in the portal or with the one-click link in every notice, and I will get an e-mail confirming it.',
        ].join(' ');
  return withHash(text);
}

/**
 * `amount`: the renewal's price today for the plan, seats and term being paid for; `chargeDate`: the end of
 * the term being paid for (the first automatic charge).
 */
export type CheckoutTermsInput = Pick<
  TermsInput,
  'subscriptionLabel' | 'planName' | 'seats' | 'termYears' | 'amount' | 'chargeDate'
>;

/**
 * The words under "renew automatically next time" at checkout, built like the auto-renew page's: the amount,
 * the term, the date, and how to turn it off. The card is the one about to be entered on the payment page.
 */
export function checkoutAutoRenewTerms(
  locale: EmailLocale,
  input: CheckoutTermsInput,
): { text: string; hash: string } {
  const date = (d: CalendarDate) => emailDate(d, locale);
  const amount = emailMoney(input.amount, locale);
  const text =
    locale === 'zh-CN'
      ? [
          `我同意在本次付款的期限结束时自动续订「${input.subscriptionLabel}」（${input.planName}，${input.seats} 个席位）${input.termYears} 年，并授权于 ${date(input.chargeDate)} 从我此次付款所用的银行卡扣款 ${amount}（今日价格）。`,
          '扣款前我将通过电子邮件收到通知；价格如有变化，会在扣款前告知我。',
          '在扣款开始前，我可以随时在门户中或通过每封通知中的一键链接关闭自动续订。',
        ].join('')
      : [
          `I agree that ${input.subscriptionLabel} (${input.planName}, ${input.seats} seats) renews automatically for ${input.termYears === 1 ? '1 year' : `${input.termYears} years`} at the end of the term I am paying for now, and I authorise a charge of ${amount} (today's price) on ${date(input.chargeDate)} to the card I pay with now.`,
          'I will be notified by e-mail before the charge, and told of any change of price before it is charged.',
          'I can turn auto-renew off at any time before the charge starts, in the portal or with the one-click link in every notice.',
        ].join(' ');
  return withHash(text);
}

function withHash(text: string): { text: string; hash: string } {
  return { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 32) };
}
