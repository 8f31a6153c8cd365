// The languages the widget has texts for; the node negotiates among them.

/** Languages the widget has texts for (locales/*.xlf; lit-localize.json lists the same). */
export const SUPPORTED_LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'pt', 'ru', 'tr', 'zh'] as const;
export type SupportedLocaleCode = (typeof SUPPORTED_LOCALES)[number];
