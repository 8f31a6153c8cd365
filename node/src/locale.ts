// The session's language: the widget's explicit choice, else the browser's Accept-Language (with
// q-values), else English. Only languages the widget has texts for (locales/*.xlf) are chosen.
import { SUPPORTED_LOCALES, type SupportedLocaleCode } from 'openfaceio/protocol';

const isSupported = (code: string): code is SupportedLocaleCode => (SUPPORTED_LOCALES as readonly string[]).includes(code);
const languageOf = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** Accept-Language entries by preference: `fr-CH, fr;q=0.9, en;q=0.8` → ['fr-CH', 'fr', 'en']. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20) // a header is not a place for a thousand entries
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

export function negotiateLocale(requested: string | undefined, acceptLanguage: string | undefined): SupportedLocaleCode {
  if (requested && requested !== 'auto') {
    const language = languageOf(requested);
    if (isSupported(language)) return language;
  }
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const language = languageOf(tag);
    if (isSupported(language)) return language;
  }
  return 'en';
}
