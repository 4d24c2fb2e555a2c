// The e-mail to ops when an endpoint is disabled after persistent failure, in English or Simplified Chinese.

import { composeEmail } from '../../platform/notifications/templates/compose.ts';
import type { EmailLocale, RenderedEmail } from '../../platform/notifications/templates/types.ts';

const copy = {
  en: {
    subject: (url: string) => `Webhook endpoint disabled: ${url}`,
    title: 'A webhook endpoint was disabled',
    body: (url: string, since: string) =>
      `Deliveries to ${url} have failed since ${since}, through every retry. The portal stopped sending to it; events are kept and wait for it.`,
    last: (error: string) => `Last error: ${error}`,
    next: 'Fix the receiver, enable the endpoint again, then replay what it missed.',
    action: 'Open webhook endpoints',
    footer: 'Renewal portal',
  },
  'zh-CN': {
    subject: (url: string) => `Webhook 端点已停用：${url}`,
    title: '一个 Webhook 端点已被停用',
    body: (url: string, since: string) =>
      `自 ${since} 起，发往 ${url} 的投递在所有重试后均失败。门户已停止向其发送；事件会被保留并等待它恢复。`,
    last: (error: string) => `最近一次错误：${error}`,
    next: '请修复接收端，重新启用该端点，然后重放它错过的事件。',
    action: '打开 Webhook 端点',
    footer: '续订门户',
  },
} as const;

export function renderEndpointDisabled(
  locale: EmailLocale,
  data: { url: string; failingSince: string; lastError: string; endpointsUrl: string },
): RenderedEmail {
  const t = copy[locale];
  return composeEmail({
    subject: t.subject(data.url),
    title: t.title,
    paragraphs: [t.body(data.url, data.failingSince), t.last(data.lastError), t.next],
    action: { label: t.action, url: data.endpointsUrl },
    footer: t.footer,
  });
}
