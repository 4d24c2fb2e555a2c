// Renewal reminders 90, 60 and 30 days before the end of a term renewed by hand, in English and Simplified
// Chinese: when it ends, what the term brought (the value report's highlights, worded here), and a link to the
// renewal offers. Reminders can be muted by the customer; the notices before an automatic charge cannot.

import type { CalendarDate } from '@portal/shared/dates';
import type { THighlight } from '@portal/shared/schemas/value-reports';
import { composeEmail } from './compose.ts';
import { emailDate, emailMoney } from './format.ts';
import type { EmailLocale, RenderedEmail } from './types.ts';

const MAX_EMAIL_HIGHLIGHTS = 3;

type Values = THighlight['values'];
const num = (values: Values, key: string): number | null => {
  const value = values[key];
  return typeof value === 'number' ? value : null;
};

const copy = {
  en: {
    subject: (label: string, lastDay: string) => `Your ${label} subscription ends on ${lastDay}`,
    title: (label: string) => `Time to renew ${label}`,
    ends: (label: string, plan: string, seats: number, lastDay: string, days: number) =>
      `${label} (${plan}, ${seats} seats) runs until ${lastDay}: ${days === 1 ? 'one day' : `${days} days`} from today.`,
    offer:
      'Renew in a few minutes in the portal. Longer terms cost less per year, and renewing before it ends keeps every day you paid for.',
    highlightsIntro: 'What this term brought your team:',
    action: 'Review renewal offers',
    report: 'Read the full value report',
    mute: (account: string) =>
      `You receive renewal reminders as an admin of ${account}. You can mute them in the portal; notices before an automatic charge are always sent.`,
    muteLink: 'Reminder settings',
    footer: 'Renewal portal',
    automations: (count: number, pct: number | null) =>
      pct === null || pct === 0
        ? `Your team ran ${count} automations.`
        : `Your team ran ${count} automations, ${Math.abs(pct)} % ${pct > 0 ? 'more' : 'fewer'} than in the same part of the previous term.`,
    seats: (average: number, seats: number, pct: number) =>
      `On an average day ${average} of your ${seats} seats were in use (${pct} %).`,
    roi: (value: string, ratio: number) =>
      `The time saved is worth about ${value}: ${ratio}× what this part of the subscription cost.`,
    modules: (adopted: number, total: number) =>
      `Your team uses ${adopted} of the ${total} core modules of your plan.`,
    support: (count: number) => `${count} support tickets were resolved.`,
    records: (count: number) => `You now manage ${count} records in the product.`,
  },
  'zh-CN': {
    subject: (label: string, lastDay: string) => `您的「${label}」订阅将于 ${lastDay} 到期`,
    title: (label: string) => `是时候续订「${label}」了`,
    ends: (label: string, plan: string, seats: number, lastDay: string, days: number) =>
      `「${label}」（${plan}，${seats} 个席位）的服务持续至 ${lastDay}，距今还有 ${days} 天。`,
    offer: '在门户中几分钟即可完成续订。期限越长，每年越优惠；在到期前续订，已付费的每一天都不会损失。',
    highlightsIntro: '本期限为您的团队带来的价值：',
    action: '查看续订方案',
    report: '阅读完整的价值报告',
    mute: (account: string) =>
      `您作为 ${account} 的管理员收到续订提醒。您可以在门户中关闭提醒；自动扣款前的通知始终会发送。`,
    muteLink: '提醒设置',
    footer: '续订门户',
    automations: (count: number, pct: number | null) =>
      pct === null || pct === 0
        ? `您的团队运行了 ${count} 次自动化。`
        : `您的团队运行了 ${count} 次自动化，比上一期限的同期${pct > 0 ? '多' : '少'} ${Math.abs(pct)} %。`,
    seats: (average: number, seats: number, pct: number) =>
      `平均每天有 ${average} 个席位在使用（共 ${seats} 个，${pct} %）。`,
    roi: (value: string, ratio: number) => `节省的时间价值约 ${value}：是该期间订阅费用的 ${ratio} 倍。`,
    modules: (adopted: number, total: number) => `您的团队使用了套餐 ${total} 个核心模块中的 ${adopted} 个。`,
    support: (count: number) => `共解决了 ${count} 个支持工单。`,
    records: (count: number) => `您目前在产品中管理 ${count} 条记录。`,
  },
} as const;

/** One sentence per highlight, in the reader's language; highlights without their numbers are left out. */
export function wordHighlights(locale: EmailLocale, highlights: readonly THighlight[]): string[] {
  const t = copy[locale];
  const out: string[] = [];
  for (const h of highlights) {
    const v = h.values;
    switch (h.kind) {
      case 'automations': {
        const count = num(v, 'count');
        if (count !== null) out.push(t.automations(count, num(v, 'changePct')));
        break;
      }
      case 'seat_utilisation': {
        const [average, seats, pct] = [num(v, 'averageUsers'), num(v, 'seats'), num(v, 'averagePct')];
        if (average !== null && seats !== null && pct !== null) out.push(t.seats(average, seats, pct));
        break;
      }
      case 'roi': {
        const [ratio, valueMinor] = [num(v, 'ratio'), num(v, 'valueMinor')];
        const currency = v.currency;
        if (ratio !== null && valueMinor !== null && typeof currency === 'string') {
          out.push(t.roi(emailMoney({ amountMinor: valueMinor, currency }, locale), ratio));
        }
        break;
      }
      case 'module_adoption': {
        const [adopted, total] = [num(v, 'adopted'), num(v, 'total')];
        if (adopted !== null && total !== null) out.push(t.modules(adopted, total));
        break;
      }
      case 'support': {
        const resolved = num(v, 'resolved');
        if (resolved !== null) out.push(t.support(resolved));
        break;
      }
      case 'records': {
        const count = num(v, 'count');
        if (count !== null) out.push(t.records(count));
        break;
      }
      default: {
        const unreachable: never = h.kind;
        void unreachable;
      }
    }
  }
  return out.slice(0, MAX_EMAIL_HIGHLIGHTS);
}

export type ReminderData = {
  accountName: string;
  subscriptionLabel: string;
  planName: string;
  seats: number;
  lastDay: CalendarDate;
  daysLeft: number;
  highlights: readonly THighlight[];
  offersUrl: string;
  valueReportUrl: string;
  settingsUrl: string;
};

export function renderRenewalReminder(locale: EmailLocale, data: ReminderData): RenderedEmail {
  const t = copy[locale];
  const lastDay = emailDate(data.lastDay, locale);
  const highlights = wordHighlights(locale, data.highlights);
  return composeEmail({
    subject: t.subject(data.subscriptionLabel, lastDay),
    title: t.title(data.subscriptionLabel),
    paragraphs: [
      t.ends(data.subscriptionLabel, data.planName, data.seats, lastDay, data.daysLeft),
      t.offer,
      ...(highlights.length ? [t.highlightsIntro] : []),
    ],
    bullets: highlights,
    after: [t.mute(data.accountName)],
    action: { label: t.action, url: data.offersUrl },
    links: [
      { label: t.report, url: data.valueReportUrl },
      { label: t.muteLink, url: data.settingsUrl },
    ],
    footer: t.footer,
  });
}
