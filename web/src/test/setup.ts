// Every web test: i18n initialised with every catalogue of both languages loaded (the app fetches them lazily),
// English selected, and the DOM cleaned after each test.

import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { i18next, i18nReady, NAMESPACES } from '@/lib/i18n';

// React's act() warnings need to know this is a test environment (vitest runs without globals).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

await i18nReady;
await i18next.changeLanguage('en');
await i18next.loadNamespaces(NAMESPACES);
await i18next.loadLanguages(['en', 'zh-CN']);

afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});
