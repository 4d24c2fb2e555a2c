// Minimal, safe HTML for e-mail bodies: every interpolated value is escaped.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Wraps paragraphs (already escaped or built with `escapeHtml`) and an optional call-to-action in a plain layout. */
export function emailLayout(options: {
  title: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}) {
  const action = options.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(options.action.url)}" style="background:#1d4ed8;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(options.action.label)}</a></p>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(options.title)}</h1>
${options.paragraphs.map((p) => `<p style="line-height:1.5">${p}</p>`).join('\n')}
${action}
<p style="color:#6b7280;font-size:12px;margin-top:32px">${escapeHtml(options.footer)}</p>
</body></html>`;
}
