// Types the translation keys from the English resources, so a missing or misspelt key fails to compile.

import type autoRenew from '@/locales/auto-renew.en.json';
import type catalog from '@/locales/catalog.en.json';
import type en from '@/locales/en.json';
import type finance from '@/locales/finance.en.json';
import type imports from '@/locales/imports.en.json';
import type invoices from '@/locales/invoices.en.json';
import type offers from '@/locales/offers.en.json';
import type payments from '@/locales/payments.en.json';
import type pipeline from '@/locales/pipeline.en.json';
import type places from '@/locales/places.en.json';
import type retention from '@/locales/retention.en.json';
import type valueReports from '@/locales/value-reports.en.json';
import type webhooks from '@/locales/webhooks.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en;
      finance: typeof finance;
      valueReports: typeof valueReports;
      pipeline: typeof pipeline;
      offers: typeof offers;
      catalog: typeof catalog;
      autoRenew: typeof autoRenew;
      payments: typeof payments;
      invoices: typeof invoices;
      retention: typeof retention;
      places: typeof places;
      imports: typeof imports;
      webhooks: typeof webhooks;
    };
  }
}
