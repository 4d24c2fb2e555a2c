// The languages documents (invoices, quotes, value reports, receipts) are printed in: English unless Chinese.

export type DocumentLocale = 'en' | 'zh-CN';

export function asDocumentLocale(locale: string): DocumentLocale {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}
