// Sign-in link and invitation e-mails, in English and Simplified Chinese.

import { emailLayout, escapeHtml } from '../html.ts';
import type { EmailLocale, RenderedEmail } from './types.ts';

const copy = {
  en: {
    magicSubject: 'Your sign-in link',
    magicTitle: 'Sign in to the renewal portal',
    magicBody: (minutes: number) =>
      `Use this link to sign in. It works once and expires in ${minutes} minutes.`,
    magicIgnore: 'If you did not ask for it, you can ignore this e-mail.',
    magicAction: 'Sign in',
    inviteSubject: (account: string) => `You are invited to ${account} on the renewal portal`,
    inviteTitle: (account: string) => `Join ${account}`,
    inviteBody: (inviter: string, role: string) =>
      `${inviter} invited you to the renewal portal as ${role}. Choose a password to accept; the link expires in 7 days.`,
    inviteAction: 'Accept the invitation',
    roles: { customer_admin: 'an admin', customer_member: 'a member (read-only)' },
    linkRemoved: '[The link is not shown here: it is sent only to the recipient.]',
    footer: 'Renewal portal',
  },
  'zh-CN': {
    magicSubject: '您的登录链接',
    magicTitle: '登录续订门户',
    magicBody: (minutes: number) => `请使用此链接登录。链接仅可使用一次，${minutes} 分钟后失效。`,
    magicIgnore: '如果这不是您本人的请求，请忽略此邮件。',
    magicAction: '登录',
    inviteSubject: (account: string) => `您受邀加入续订门户中的 ${account}`,
    inviteTitle: (account: string) => `加入 ${account}`,
    inviteBody: (inviter: string, role: string) =>
      `${inviter} 邀请您以${role}身份使用续订门户。设置密码即可接受邀请；链接 7 天后失效。`,
    inviteAction: '接受邀请',
    roles: { customer_admin: '管理员', customer_member: '成员（只读）' },
    linkRemoved: '【此处不显示链接：链接仅发送给收件人。】',
    footer: '续订门户',
  },
} as const;

/** `url: null` renders the copy staff may see (the ops mailbox): the same e-mail with the link replaced by a note. */
type LinkUrl = string | null;

function linkParts(locale: EmailLocale, url: LinkUrl, label: string) {
  if (url) return { text: url, action: { label, url }, note: [] };
  const note = copy[locale].linkRemoved;
  return { text: note, action: undefined, note: [escapeHtml(note)] };
}

export function renderMagicLink(locale: EmailLocale, data: { url: LinkUrl; minutes: number }): RenderedEmail {
  const t = copy[locale];
  const link = linkParts(locale, data.url, t.magicAction);
  return {
    subject: t.magicSubject,
    text: `${t.magicTitle}\n\n${t.magicBody(data.minutes)}\n\n${link.text}\n\n${t.magicIgnore}\n`,
    html: emailLayout({
      title: t.magicTitle,
      paragraphs: [escapeHtml(t.magicBody(data.minutes)), ...link.note, escapeHtml(t.magicIgnore)],
      ...(link.action ? { action: link.action } : {}),
      footer: t.footer,
    }),
  };
}

export function renderInvitation(
  locale: EmailLocale,
  data: {
    url: LinkUrl;
    accountName: string;
    inviterName: string;
    role: 'customer_admin' | 'customer_member';
  },
): RenderedEmail {
  const t = copy[locale];
  const body = t.inviteBody(data.inviterName, t.roles[data.role]);
  const link = linkParts(locale, data.url, t.inviteAction);
  return {
    subject: t.inviteSubject(data.accountName),
    text: `${t.inviteTitle(data.accountName)}\n\n${body}\n\n${link.text}\n`,
    html: emailLayout({
      title: t.inviteTitle(data.accountName),
      paragraphs: [escapeHtml(body), ...link.note],
      ...(link.action ? { action: link.action } : {}),
      footer: t.footer,
    }),
  };
}
