// Types the translation keys from the English resources, so a missing or misspelt key fails to compile.

import type en from '@/locales/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
