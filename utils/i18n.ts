import { browser } from 'wxt/browser';
import type { Category } from '@/data/types';

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

const CATEGORY_NAMES: Record<Category, MessageKey> = {
  treatment: 'categoryTreatment',
  neurobiology: 'categoryNeurobiology',
  neuromodulation: 'categoryNeuromodulation',
  condition: 'categoryCondition',
  concept: 'categoryConcept',
};

/** The name of a category in the browser's language. */
export function categoryName(category: Category): string {
  return t(CATEGORY_NAMES[category]);
}

/** A duration such as "45 min", "3 h" or "3 h 20 min" (at least one minute), in the browser's language. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return t('durationMinutes', minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('durationHours', hours) : t('durationHoursMinutes', [hours, rest]);
}
