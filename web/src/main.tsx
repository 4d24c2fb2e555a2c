import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { i18nReady } from '@/lib/i18n';
import '@/styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

// The router (imported above) is already fetching the page and its data; the first render waits only for the
// interface's own words in the chosen language.
await i18nReady;

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
