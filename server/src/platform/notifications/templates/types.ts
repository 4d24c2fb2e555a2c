export type EmailLocale = 'en' | 'zh-CN';
export type RenderedEmail = { subject: string; text: string; html: string };

export function asEmailLocale(locale: string): EmailLocale {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}
