// Builds the text and HTML bodies of one e-mail from the same blocks, so the two never say different things:
// paragraphs, an optional bullet list, a main action and further links, in the layout of the portal's other
// e-mails. Every value is escaped in the HTML.

import { escapeHtml } from '../html.ts';
import type { RenderedEmail } from './types.ts';

export type EmailBlocks = {
  subject: string;
  title: string;
  paragraphs: string[];
  bullets?: string[];
  /** Said after the bullets. */
  after?: string[];
  action?: { label: string; url: string };
  links?: { label: string; url: string }[];
  footer: string;
};

export function composeEmail(blocks: EmailBlocks): RenderedEmail {
  const bullets = blocks.bullets ?? [];
  const after = blocks.after ?? [];
  const links = blocks.links ?? [];
  const text = [
    blocks.title,
    ...blocks.paragraphs,
    ...(bullets.length ? [bullets.map((b) => `- ${b}`).join('\n')] : []),
    ...after,
    ...(blocks.action ? [`${blocks.action.label}: ${blocks.action.url}`] : []),
    ...links.map((link) => `${link.label}: ${link.url}`),
    `--\n${blocks.footer}`,
  ].join('\n\n');
  const p = (inner: string) => `<p style="line-height:1.5">${inner}</p>`;
  const button = blocks.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(blocks.action.url)}" style="background:#1d4ed8;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(blocks.action.label)}</a></p>`
    : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(blocks.title)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(blocks.title)}</h1>
${blocks.paragraphs.map((x) => p(escapeHtml(x))).join('\n')}
${bullets.length ? `<ul style="line-height:1.5">${bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>` : ''}
${after.map((x) => p(escapeHtml(x))).join('\n')}
${button}
${links.map((link) => p(`<a href="${escapeHtml(link.url)}" style="color:#1d4ed8">${escapeHtml(link.label)}</a>`)).join('\n')}
<p style="color:#6b7280;font-size:12px;margin-top:32px">${escapeHtml(blocks.footer)}</p>
</body></html>`;
  return { subject: blocks.subject, text: `${text}\n`, html };
}
