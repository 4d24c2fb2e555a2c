// i18next with English and Simplified Chinese. The chosen language is kept in localStorage, applied to
// <html lang>, and (when signed in) saved on the user by the auth feature. Each catalogue (one language, one
// namespace: `locales/<namespace>.<language>.json`, the default namespace is `locales/<language>.json`) is its
// own chunk, fetched the first time a page asks for that namespace in that language.

import type { TLocale } from '@portal/shared/schemas/common';
import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
// A plain list, not the zod schema: zod stays out of the first load. The check below fails to compile when a
// language is added to the schema but not here.
export const LOCALES = ['en', 'zh-CN'] as const satisfies readonly TLocale[];
type MissingLocale = Exclude<TLocale, (typeof LOCALES)[number]>;
const everyLocaleListed: MissingLocale extends never ? true : false = true;
void everyLocaleListed;
const STORAGE_KEY = 'portal.locale';

export function isLocale(value: unknown): value is TLocale {
  return (LOCALES as readonly unknown[]).includes(value);
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

type Catalogue = () => Promise<ResourceKey>;

const catalogueFiles = import.meta.glob<ResourceKey>('../locales/*.json', { import: 'default' });

/** `../locales/auto-renew.zh-CN.json` → `zh-CN/autoRenew`; `../locales/en.json` → `en/translation`. */
function catalogueId(file: string): string {
  const match = /\/(?:([a-z-]+)\.)?(en|zh-CN)\.json$/.exec(file);
  if (!match) throw new Error(`Unexpected locale file name: ${file}`);
  const namespace = (match[1] ?? 'translation').replace(/-([a-z])/g, (_, letter: string) =>
    letter.toUpperCase(),
  );
  return `${match[2]}/${namespace}`;
}

const catalogues = new Map<string, Catalogue>(
  Object.entries(catalogueFiles).map(([file, load]) => [catalogueId(file), load]),
);

/** Every namespace there is a catalogue for. */
export const NAMESPACES = [...new Set([...catalogues.keys()].map((id) => id.split('/')[1] ?? ''))];

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = catalogues.get(`${language}/${namespace}`);
    if (!load) {
      callback(new Error(`No ${namespace} catalogue in ${language}`), false);
      return;
    }
    load().then(
      (resources) => callback(null, resources),
      (error: Error) => callback(error, false),
    );
  },
};

/** Resolves once the default namespace of the detected language is loaded (the first render waits for it). */
export const i18nReady = i18next
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: detectLocale(),
    ns: ['translation'],
    defaultNS: 'translation',
    // Both catalogues have every key (locales tests), so nothing falls back and no second language loads.
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export { i18next };
