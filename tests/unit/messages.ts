import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** The English messages, the default locale every other language falls back to. */
export const englishMessages: Record<string, Message> = JSON.parse(
  readFileSync(resolve('public/_locales/en/messages.json'), 'utf8'),
) as Record<string, Message>;

/**
 * What `browser.i18n.getMessage` returns for a message, as Chrome and Firefox do it: named
 * `$PLACEHOLDER$`s (any case) become their content, then `$1`-`$9` the substitutions, `$$` a `$`.
 * Unknown names give "", as in the browsers.
 */
export function formatMessage(
  messages: Record<string, Message>,
  name: string,
  substitutions?: string | readonly (string | number)[],
): string {
  const entry = Object.entries(messages).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  if (!entry) return '';
  const values =
    substitutions === undefined
      ? []
      : Array.isArray(substitutions)
        ? substitutions.map(String)
        : [String(substitutions)];
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([key, value]) => [key.toLowerCase(), value.content]),
  );
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, digit: string) => values[Number(digit) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, key: string) => {
      const content = placeholders.get(key.toLowerCase());
      return content === undefined ? whole : fill(content);
    })
    .replace(/\$\$/g, '$');
}
