// i18next with English and Simplified Chinese. The chosen language is kept in localStorage, applied to
// <html lang>, and (when signed in) saved on the user by the auth feature.

import { type TLocale, ZLocale } from '@portal/shared/schemas/common';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import autoRenewEn from '@/locales/auto-renew.en.json';
import autoRenewZhCN from '@/locales/auto-renew.zh-CN.json';
import catalogEn from '@/locales/catalog.en.json';
import catalogZhCN from '@/locales/catalog.zh-CN.json';
import en from '@/locales/en.json';
import financeEn from '@/locales/finance.en.json';
import financeZhCN from '@/locales/finance.zh-CN.json';
import invoicesEn from '@/locales/invoices.en.json';
import invoicesZhCN from '@/locales/invoices.zh-CN.json';
import offersEn from '@/locales/offers.en.json';
import offersZhCN from '@/locales/offers.zh-CN.json';
import paymentsEn from '@/locales/payments.en.json';
import paymentsZhCN from '@/locales/payments.zh-CN.json';
import pipelineEn from '@/locales/pipeline.en.json';
import pipelineZhCN from '@/locales/pipeline.zh-CN.json';
import retentionEn from '@/locales/retention.en.json';
import retentionZhCN from '@/locales/retention.zh-CN.json';
import valueReportsEn from '@/locales/value-reports.en.json';
import valueReportsZhCN from '@/locales/value-reports.zh-CN.json';
import zhCN from '@/locales/zh-CN.json';

export const LOCALES = ZLocale.options;
const STORAGE_KEY = 'portal.locale';

export function isLocale(value: unknown): value is TLocale {
  return ZLocale.safeParse(value).success;
}

function readStoredLocale(): TLocale | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The stored choice, else the browser's first language we speak, else English. */
export function detectLocale(): TLocale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const preferred = globalThis.navigator?.languages ?? [];
  for (const language of preferred) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function currentLocale(): TLocale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language and remembers it on this device. */
export async function changeLocale(locale: TLocale): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private modes may refuse storage; the switch still applies to this visit.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: {
    en: {
      translation: en,
      finance: financeEn,
      valueReports: valueReportsEn,
      pipeline: pipelineEn,
      offers: offersEn,
      catalog: catalogEn,
      autoRenew: autoRenewEn,
      payments: paymentsEn,
      invoices: invoicesEn,
      retention: retentionEn,
    },
    'zh-CN': {
      translation: zhCN,
      finance: financeZhCN,
      valueReports: valueReportsZhCN,
      pipeline: pipelineZhCN,
      offers: offersZhCN,
      catalog: catalogZhCN,
      autoRenew: autoRenewZhCN,
      payments: paymentsZhCN,
      invoices: invoicesZhCN,
      retention: retentionZhCN,
    },
  },
  lng: detectLocale(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export { i18next };
