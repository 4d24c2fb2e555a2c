// Auto-renew e-mails, in English and Simplified Chinese: the notices before an automatic charge (amount, date,
// term, card, and a one-click link to turn it off), auto-renew turned on or off, a charge that needs the
// customer's authentication, a declined charge at each dunning step, the renewal given up, and the alert ops
// get when a charge is held back.

import type { CalendarDate } from '@portal/shared/dates';
import type { Money } from '@portal/shared/money';
import type { NoticeKind } from '@portal/shared/notice-policy';
import { composeEmail } from './compose.ts';
import { cardBrandName, emailDate, emailMoney } from './format.ts';
import type { EmailLocale, RenderedEmail } from './types.ts';

export type CardWords = { brand: string; last4: string } | null;

const copy = {
  en: {
    footer: 'Renewal portal',
    card: (card: CardWords) =>
      card ? `the ${cardBrandName(card.brand)} card ending in ${card.last4}` : 'your saved card',
    years: (n: number) => (n === 1 ? '1 year' : `${n} years`),
    noticeSubject: (kind: NoticeKind, label: string, date: string, amount: string) =>
      kind === 'price_change'
        ? `New price: ${label} renews automatically on ${date} for ${amount}`
        : kind === 'annual_reminder'
          ? `Reminder: ${label} renews automatically on ${date}`
          : `${label} renews automatically on ${date}: ${amount}`,
    noticeTitle: (label: string) => `${label} will renew automatically`,
    noticeCharge: (
      date: string,
      amount: string,
      card: string,
      label: string,
      plan: string,
      seats: number,
      years: string,
    ) =>
      `On ${date} we will charge ${amount} to ${card} to renew ${label} (${plan}, ${seats} seats) for ${years}.`,
    noticeTerm: (start: string, end: string) => `The new term runs from ${start} to ${end}.`,
    priceChange: (before: string, after: string) =>
      `This is a change of price: the current term cost ${before} a year, the renewal costs ${after} a year.`,
    noticeStop: (date: string) =>
      `Don’t want to renew? Turn auto-renew off before ${date}: one click on the button below, then confirm. Nothing will be charged.`,
    noticeStopAction: 'Turn off auto-renew',
    manage: 'Manage auto-renew in the portal',
    noticeWhy: (policy: string) => `You receive this notice under our ${policy} notice policy.`,
    onSubject: (label: string) => `Auto-renew is on for ${label}`,
    onTitle: 'Auto-renew is on',
    onBody: (label: string, by: string) => `${by} turned on auto-renew for ${label}.`,
    onNotices: (dates: string) => `We will remind you before the charge, on ${dates}.`,
    offSubject: (label: string) => `Auto-renew is off for ${label}`,
    offTitle: 'Auto-renew is off',
    offBody: (label: string, by: string, lastDay: string) =>
      `${by} turned off auto-renew for ${label}. Nothing will be charged automatically; the subscription runs until ${lastDay}.`,
    offRenew: 'You can still renew by hand in the portal at any time.',
    offersAction: 'See the renewal offers',
    actionSubject: (label: string) => `Action needed: confirm the renewal payment for ${label}`,
    actionTitle: 'Your bank asks you to confirm this payment',
    actionBody: (amount: string, label: string, card: string) =>
      `We tried to charge ${amount} to ${card} to renew ${label}, and your bank asked for your confirmation, which we cannot give for you.`,
    actionDeadline: (date: string) =>
      `Please confirm the payment in the portal by ${date} to keep the service running.`,
    actionButton: 'Confirm the payment',
    failedSubject: (label: string) => `The renewal payment for ${label} did not go through`,
    failedTitle: 'The renewal payment did not go through',
    failedBody: (amount: string, card: string, label: string, reason: string) =>
      `We could not charge ${amount} to ${card} to renew ${label}${reason ? ` (${reason})` : ''}.`,
    failedRetry: (date: string) =>
      `We will try again on ${date}. If the card has changed, save the new one in the portal before then.`,
    failedFinal: (date: string) =>
      `This was our last attempt. The subscription stays in service until ${date}; renew it by hand in the portal before then.`,
    updateCard: 'Update the card',
    expiredSubject: (label: string) => `${label} has expired`,
    expiredTitle: (label: string) => `${label} has expired`,
    expiredBody:
      'The automatic renewal could not be completed and the grace period has ended. You can still renew in the portal.',
    noticeReplaces: (amount: string, date: string) =>
      `This replaces our earlier notice of ${amount} on ${date}: what will be charged, or when, has changed.`,
    heldSubject: (label: string) => `${label} will not renew automatically as announced`,
    heldTitle: 'Your automatic renewal is on hold',
    heldAnnounced: (amount: string, date: string) => `We had told you we would charge ${amount} on ${date}.`,
    heldReason: {
      no_consent:
        'We have no record of your agreement to renew automatically, so we will not charge your card. Turn auto-renew on in the portal to agree to the terms, or renew by hand.',
      consent_other_term:
        'The renewal term differs from the one you agreed to, so we will not charge your card. Confirm the term in the portal, or renew by hand.',
      above_consented_amount:
        'The renewal now costs more than the amount you agreed to, so we will not charge your card. Review the new amount in the portal and agree to it, or renew by hand.',
      no_card: 'There is no saved card to charge. Save a card in the portal, or renew by hand.',
      not_priced:
        'The subscription cannot be renewed automatically as it stands. Please renew by hand in the portal or contact us.',
      too_late:
        'The renewal changed too close to its date for us to give you the notice the law requires before charging, so we will not charge your card automatically. Please renew by hand in the portal.',
    } as Record<string, string>,
    heldLastDay: (date: string) => `The subscription stays in service until ${date}.`,
  },
  'zh-CN': {
    footer: '续订门户',
    card: (card: CardWords) =>
      card ? `${cardBrandName(card.brand)} 卡（尾号 ${card.last4}）` : '您保存的银行卡',
    years: (n: number) => `${n} 年`,
    noticeSubject: (kind: NoticeKind, label: string, date: string, amount: string) =>
      kind === 'price_change'
        ? `价格变更：「${label}」将于 ${date} 以 ${amount} 自动续订`
        : kind === 'annual_reminder'
          ? `提醒：「${label}」将于 ${date} 自动续订`
          : `「${label}」将于 ${date} 自动续订：${amount}`,
    noticeTitle: (label: string) => `「${label}」将自动续订`,
    noticeCharge: (
      date: string,
      amount: string,
      card: string,
      label: string,
      plan: string,
      seats: number,
      years: string,
    ) =>
      `我们将于 ${date} 从${card}扣款 ${amount}，为「${label}」（${plan}，${seats} 个席位）续订 ${years}。`,
    noticeTerm: (start: string, end: string) => `新期限自 ${start} 起至 ${end} 止。`,
    priceChange: (before: string, after: string) => `价格有变：当前期限每年 ${before}，续订后每年 ${after}。`,
    noticeStop: (date: string) =>
      `不想续订？请在 ${date} 前关闭自动续订：点击下方按钮并确认即可，不会产生任何扣款。`,
    noticeStopAction: '关闭自动续订',
    manage: '在门户中管理自动续订',
    noticeWhy: (policy: string) => `根据我们的「${policy}」通知政策，您会收到此通知。`,
    onSubject: (label: string) => `「${label}」已开启自动续订`,
    onTitle: '自动续订已开启',
    onBody: (label: string, by: string) => `${by} 为「${label}」开启了自动续订。`,
    onNotices: (dates: string) => `扣款前我们会在以下日期提醒您：${dates}。`,
    offSubject: (label: string) => `「${label}」已关闭自动续订`,
    offTitle: '自动续订已关闭',
    offBody: (label: string, by: string, lastDay: string) =>
      `${by} 关闭了「${label}」的自动续订。不会再自动扣款；订阅服务持续至 ${lastDay}。`,
    offRenew: '您仍可随时在门户中手动续订。',
    offersAction: '查看续订方案',
    actionSubject: (label: string) => `需要您操作：确认「${label}」的续订付款`,
    actionTitle: '您的银行要求您确认此笔付款',
    actionBody: (amount: string, label: string, card: string) =>
      `我们尝试从${card}扣款 ${amount} 以续订「${label}」，您的银行要求您本人确认，我们无法代为确认。`,
    actionDeadline: (date: string) => `请在 ${date} 前在门户中确认付款，以免服务中断。`,
    actionButton: '确认付款',
    failedSubject: (label: string) => `「${label}」的续订付款未成功`,
    failedTitle: '续订付款未成功',
    failedBody: (amount: string, card: string, label: string, reason: string) =>
      `我们未能从${card}扣款 ${amount} 以续订「${label}」${reason ? `（${reason}）` : ''}。`,
    failedRetry: (date: string) => `我们将于 ${date} 再次尝试。如银行卡已更换，请在此之前于门户中保存新卡。`,
    failedFinal: (date: string) => `这是最后一次尝试。订阅服务将持续至 ${date}；请在此之前于门户中手动续订。`,
    updateCard: '更新银行卡',
    expiredSubject: (label: string) => `「${label}」已到期`,
    expiredTitle: (label: string) => `「${label}」已到期`,
    expiredBody: '自动续订未能完成，宽限期已结束。您仍可在门户中续订。',
    noticeReplaces: (amount: string, date: string) =>
      `本通知取代我们此前关于于 ${date} 扣款 ${amount} 的通知：扣款金额或日期已有变化。`,
    heldSubject: (label: string) => `「${label}」不会按通知自动续订`,
    heldTitle: '您的自动续订已暂停',
    heldAnnounced: (amount: string, date: string) => `我们此前通知您将于 ${date} 扣款 ${amount}。`,
    heldReason: {
      no_consent:
        '我们没有您同意自动续订的记录，因此不会从您的银行卡扣款。请在门户中开启自动续订并同意条款，或手动续订。',
      consent_other_term:
        '续订期限与您同意的期限不同，因此不会从您的银行卡扣款。请在门户中确认期限，或手动续订。',
      above_consented_amount:
        '续订金额已高于您同意的金额，因此不会从您的银行卡扣款。请在门户中查看并同意新金额，或手动续订。',
      no_card: '没有可扣款的已保存银行卡。请在门户中保存银行卡，或手动续订。',
      not_priced: '该订阅目前无法自动续订。请在门户中手动续订或联系我们。',
      too_late:
        '续订信息的变化距离扣款日期太近，无法按法律要求提前通知您，因此不会自动扣款。请在门户中手动续订。',
    } as Record<string, string>,
    heldLastDay: (date: string) => `订阅服务将持续至 ${date}。`,
  },
} as const;

export type AutoRenewNoticeData = {
  kind: NoticeKind;
  subscriptionLabel: string;
  planName: string;
  seats: number;
  chargeDate: CalendarDate;
  amount: Money;
  termYears: number;
  newTermStart: CalendarDate;
  /** Exclusive; the e-mail shows the last day of the new term. */
  newTermEnd: CalendarDate;
  card: CardWords;
  policyLabel: string;
  /** Yearly price now and after the renewal, when it rises. */
  priceChange: { before: Money; after: Money } | null;
  /** What the last notice said, when this one changes it (the customer is told what changed). */
  replaces?: { amount: Money; chargeDate: CalendarDate } | null;
  optOutUrl: string;
  manageUrl: string;
};

function lastDayOf(termEndExclusive: CalendarDate): CalendarDate {
  const date = new Date(`${termEndExclusive}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** A notice before an automatic charge: what, when, how much, which card, and how to stop it. */
export function renderAutoRenewNotice(locale: EmailLocale, data: AutoRenewNoticeData): RenderedEmail {
  const t = copy[locale];
  const date = emailDate(data.chargeDate, locale);
  const amount = emailMoney(data.amount, locale);
  return composeEmail({
    subject: t.noticeSubject(data.kind, data.subscriptionLabel, date, amount),
    title: t.noticeTitle(data.subscriptionLabel),
    paragraphs: [
      t.noticeCharge(
        date,
        amount,
        t.card(data.card),
        data.subscriptionLabel,
        data.planName,
        data.seats,
        t.years(data.termYears),
      ),
      ...(data.replaces
        ? [
            t.noticeReplaces(
              emailMoney(data.replaces.amount, locale),
              emailDate(data.replaces.chargeDate, locale),
            ),
          ]
        : []),
      t.noticeTerm(emailDate(data.newTermStart, locale), emailDate(lastDayOf(data.newTermEnd), locale)),
      ...(data.priceChange
        ? [
            t.priceChange(
              emailMoney(data.priceChange.before, locale),
              emailMoney(data.priceChange.after, locale),
            ),
          ]
        : []),
      t.noticeStop(date),
    ],
    action: { label: t.noticeStopAction, url: data.optOutUrl },
    links: [{ label: t.manage, url: data.manageUrl }],
    after: [t.noticeWhy(data.policyLabel)],
    footer: t.footer,
  });
}

export function renderAutoRenewTurnedOn(
  locale: EmailLocale,
  data: {
    subscriptionLabel: string;
    planName: string;
    seats: number;
    by: string;
    chargeDate: CalendarDate;
    amount: Money;
    termYears: number;
    newTermStart: CalendarDate;
    newTermEnd: CalendarDate;
    card: CardWords;
    noticeDates: CalendarDate[];
    optOutUrl: string;
    manageUrl: string;
  },
): RenderedEmail {
  const t = copy[locale];
  const date = emailDate(data.chargeDate, locale);
  return composeEmail({
    subject: t.onSubject(data.subscriptionLabel),
    title: t.onTitle,
    paragraphs: [
      t.onBody(data.subscriptionLabel, data.by),
      t.noticeCharge(
        date,
        emailMoney(data.amount, locale),
        t.card(data.card),
        data.subscriptionLabel,
        data.planName,
        data.seats,
        t.years(data.termYears),
      ),
      t.noticeTerm(emailDate(data.newTermStart, locale), emailDate(lastDayOf(data.newTermEnd), locale)),
      ...(data.noticeDates.length
        ? [t.onNotices(data.noticeDates.map((d) => emailDate(d, locale)).join(locale === 'en' ? ', ' : '、'))]
        : []),
      t.noticeStop(date),
    ],
    action: { label: t.noticeStopAction, url: data.optOutUrl },
    links: [{ label: t.manage, url: data.manageUrl }],
    footer: t.footer,
  });
}

export function renderAutoRenewTurnedOff(
  locale: EmailLocale,
  data: { subscriptionLabel: string; by: string; lastDay: CalendarDate; offersUrl: string },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.offSubject(data.subscriptionLabel),
    title: t.offTitle,
    paragraphs: [t.offBody(data.subscriptionLabel, data.by, emailDate(data.lastDay, locale)), t.offRenew],
    action: { label: t.offersAction, url: data.offersUrl },
    footer: t.footer,
  });
}

export function renderAuthenticationRequired(
  locale: EmailLocale,
  data: { subscriptionLabel: string; amount: Money; card: CardWords; deadline: CalendarDate; payUrl: string },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.actionSubject(data.subscriptionLabel),
    title: t.actionTitle,
    paragraphs: [
      t.actionBody(emailMoney(data.amount, locale), data.subscriptionLabel, t.card(data.card)),
      t.actionDeadline(emailDate(data.deadline, locale)),
    ],
    action: { label: t.actionButton, url: data.payUrl },
    footer: t.footer,
  });
}

export function renderRenewalPaymentFailed(
  locale: EmailLocale,
  data: {
    subscriptionLabel: string;
    amount: Money;
    card: CardWords;
    reason: string;
    nextAttempt: CalendarDate | null;
    /** The last day of service (the end of grace). */
    lastDay: CalendarDate;
    manageUrl: string;
  },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.failedSubject(data.subscriptionLabel),
    title: t.failedTitle,
    paragraphs: [
      t.failedBody(emailMoney(data.amount, locale), t.card(data.card), data.subscriptionLabel, data.reason),
      data.nextAttempt
        ? t.failedRetry(emailDate(data.nextAttempt, locale))
        : t.failedFinal(emailDate(data.lastDay, locale)),
    ],
    action: { label: t.updateCard, url: data.manageUrl },
    footer: t.footer,
  });
}

/** An announced renewal will not happen as announced: why, what to do, and until when service runs. */
export function renderRenewalHeld(
  locale: EmailLocale,
  data: {
    subscriptionLabel: string;
    reason: string;
    announced: { amount: Money; chargeDate: CalendarDate } | null;
    lastDay: CalendarDate;
    manageUrl: string;
  },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.heldSubject(data.subscriptionLabel),
    title: t.heldTitle,
    paragraphs: [
      ...(data.announced
        ? [
            t.heldAnnounced(
              emailMoney(data.announced.amount, locale),
              emailDate(data.announced.chargeDate, locale),
            ),
          ]
        : []),
      t.heldReason[data.reason] ?? t.heldReason.not_priced ?? '',
      t.heldLastDay(emailDate(data.lastDay, locale)),
    ],
    action: { label: t.manage, url: data.manageUrl },
    footer: t.footer,
  });
}

export function renderRenewalExpired(
  locale: EmailLocale,
  data: { subscriptionLabel: string; offersUrl: string },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.expiredSubject(data.subscriptionLabel),
    title: t.expiredTitle(data.subscriptionLabel),
    paragraphs: [t.expiredBody],
    action: { label: t.offersAction, url: data.offersUrl },
    footer: t.footer,
  });
}

/** For the vendor's ops team (English): an automatic charge held back, and why. */
export function renderOpsAlert(data: { subject: string; lines: string[]; url: string }): RenderedEmail {
  return composeEmail({
    subject: `[Renewals] ${data.subject}`,
    title: data.subject,
    paragraphs: data.lines,
    action: { label: 'Open the renewal run', url: data.url },
    footer: 'Renewal portal — ops alert',
  });
}
