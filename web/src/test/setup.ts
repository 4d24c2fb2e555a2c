// Every web test: i18n initialised (English), and the DOM cleaned after each test.

import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { i18next } from '@/lib/i18n';

// React's act() warnings need to know this is a test environment (vitest runs without globals).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});
