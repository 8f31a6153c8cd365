// The one module that configures @lit/localize (runtime mode; it throws if configured twice, so
// the call is guarded here). Locale modules are a static map of import()s: dynamic template
// imports break under bundlers and test runners (CONVENTIONS.md habit 9). Runtime mode has one
// active locale per page: the last element to ask for a locale sets it for all.
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type SupportedLocale = (typeof allLocales)[number];

const loaders = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
  es: () => import('../generated/locales/es.js'),
  fr: () => import('../generated/locales/fr.js'),
  hi: () => import('../generated/locales/hi.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  pt: () => import('../generated/locales/pt.js'),
  ru: () => import('../generated/locales/ru.js'),
  tr: () => import('../generated/locales/tr.js'),
  zh: () => import('../generated/locales/zh.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

/** Languages written right to left among ours. */
const RTL: ReadonlySet<SupportedLocale> = new Set<SupportedLocale>(['ar']);

let configured: ReturnType<typeof configureLocalization> | undefined;

function localization(): ReturnType<typeof configureLocalization> {
  configured ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => loaders[locale as keyof typeof loaders]() as ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>,
  });
  return configured;
}

const isSupported = (code: string): code is SupportedLocale => (allLocales as readonly string[]).includes(code);

/** The first supported language of a BCP 47 tag (`pt-BR` → `pt`, `zh-Hans-CN` → `zh`); null if none. */
export function supportedLocaleOf(tag: string | null | undefined): SupportedLocale | null {
  if (!tag) return null;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isSupported(language) ? language : null;
}

/**
 * The locale to use: an explicit one if supported; for `auto` (or nothing), the browser's languages
 * (what it sends as Accept-Language, so the node negotiates the same: the card's "locale bundles
 * chosen from Accept-Language"); for `page`, the page's `<html lang>` first (the host opts in);
 * English otherwise.
 */
export function resolveLocale(
  requested: string | null | undefined,
  preferences: readonly string[] = globalThis.navigator?.languages ?? [],
): SupportedLocale {
  if (requested && requested !== 'auto' && requested !== 'page') return supportedLocaleOf(requested) ?? sourceLocale;
  const pageLang = requested === 'page' ? (globalThis as { document?: Document }).document?.documentElement.lang : undefined;
  for (const tag of [pageLang, ...preferences]) {
    const locale = supportedLocaleOf(tag);
    if (locale) return locale;
  }
  return sourceLocale;
}

export const directionOf = (locale: SupportedLocale): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');

/** Switches the page's widget locale (loads its module once); resolves when the texts are in. */
export async function applyLocale(locale: SupportedLocale): Promise<void> {
  const { getLocale, setLocale } = localization();
  if (getLocale() !== locale) await setLocale(locale);
}

/**
 * What the widget asks the node for: `auto` stays `auto`, so the node negotiates from the request's
 * own Accept-Language (DESIGN.md §3); an explicit or page language is sent resolved.
 */
export const requestedLocale = (requested: string | null | undefined, resolved: SupportedLocale): string =>
  !requested || requested === 'auto' ? 'auto' : resolved;

export { allLocales as supportedLocales };
