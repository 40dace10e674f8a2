import { browser } from 'wxt/browser';

/**
 * The name of a message in `public/_locales/en/messages.json`; `wxt prepare` types
 * `getMessage` from that file, so an unknown name does not compile.
 */
export type MessageKey = Exclude<Parameters<typeof browser.i18n.getMessage>[0], `@@${string}`>;

/**
 * A UI string in the browser's language (English, the default locale, where no translation
 * exists), with its placeholders filled from `substitutions` in order ($1, $2, ...).
 */
export function t(key: MessageKey, substitutions?: string | number | readonly (string | number)[]): string {
  if (substitutions === undefined) return browser.i18n.getMessage(key);
  const values = (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  return browser.i18n.getMessage(key, values);
}
