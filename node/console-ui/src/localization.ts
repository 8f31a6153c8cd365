// The console's one configureLocalization() (the same 12 languages as the widget, @lit/localize in
// runtime mode, XLIFF in node/console-ui/locales/). The choice is the user's (the language menu,
// remembered in this browser), else the browser's languages; <html lang dir> follow it.
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';

export type ConsoleLocale = (typeof allLocales)[number];

const loaders = {
  ar: () => import('./generated/locales/ar.js'),
  de: () => import('./generated/locales/de.js'),
  es: () => import('./generated/locales/es.js'),
  fr: () => import('./generated/locales/fr.js'),
  hi: () => import('./generated/locales/hi.js'),
  it: () => import('./generated/locales/it.js'),
  ja: () => import('./generated/locales/ja.js'),
  pt: () => import('./generated/locales/pt.js'),
  ru: () => import('./generated/locales/ru.js'),
  tr: () => import('./generated/locales/tr.js'),
  zh: () => import('./generated/locales/zh.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

/** Each language in its own name, for the menu. */
export const LANGUAGE_NAMES: Readonly<Record<ConsoleLocale, string>> = {
  en: 'English',
  ar: 'العربية',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  hi: 'हिन्दी',
  it: 'Italiano',
  ja: '日本語',
  pt: 'Português',
  ru: 'Русский',
  tr: 'Türkçe',
  zh: '中文',
};

const STORAGE_KEY = 'openfaceio-console-locale';
const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders]() as ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>,
});

const supported = (tag: string | null | undefined): ConsoleLocale | null => {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (allLocales as readonly string[]).includes(language) ? (language as ConsoleLocale) : null;
};

/** `?lang=` (a link to a language), the remembered choice, the browser's languages, English. */
export function initialLocale(): ConsoleLocale {
  const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) return fromUrl;
  const stored = supported(localStorage.getItem(STORAGE_KEY));
  if (stored) return stored;
  for (const tag of navigator.languages ?? []) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return sourceLocale;
}

export const directionOf = (locale: string): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Switches the console's language (and <html lang dir>); `remember`: the user chose it. */
export async function useLocale(locale: ConsoleLocale, remember = false): Promise<void> {
  if (remember) localStorage.setItem(STORAGE_KEY, locale);
  if (getLocale() !== locale) await setLocale(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export { allLocales as consoleLocales, getLocale };
