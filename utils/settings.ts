import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { DETAIL_LEVELS, type DetailLevel } from '@/data/types';

/**
 * A stored setting: one storage item in `sync:` plus a parser that turns whatever is stored
 * (possibly corrupt or from another version) into a valid value or `undefined`.
 */
export interface Setting<T> {
  key: string;
  fallback: T;
  parse: (stored: unknown) => T | undefined;
  item: WxtStorageItem<T, Record<string, never>>;
}

function defineSetting<T>(key: `sync:${string}`, fallback: T, parse: (stored: unknown) => T | undefined): Setting<T> {
  const item = storage.defineItem<T, Record<string, never>>(key, { fallback, version: 1 });
  return { key, fallback, parse, item };
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (stored: unknown): T | undefined =>
    typeof stored === 'string' && (values as readonly string[]).includes(stored) ? (stored as T) : undefined;

const aBoolean = (stored: unknown): boolean | undefined => (typeof stored === 'boolean' ? stored : undefined);

const anIntegerIn =
  (min: number, max: number) =>
  (stored: unknown): number | undefined =>
    typeof stored === 'number' && Number.isInteger(stored) && stored >= min && stored <= max ? stored : undefined;

/** How much each card says. Default: `'standard'`. */
export const detailLevelSetting = defineSetting<DetailLevel>('sync:detailLevel', 'standard', oneOf(DETAIL_LEVELS));

/** Whether Factlens marks terms on pages at all. Default: `true`. */
export const enabledSetting = defineSetting<boolean>('sync:enabled', true, aBoolean);

/** Whether light misspellings ("ketamin", "seratonin") are marked too. Default: `true`. */
export const fuzzyMatchingSetting = defineSetting<boolean>('sync:fuzzyMatching', true, aBoolean);

/**
 * Whether ambiguous abbreviations (TMS, ECT, PCP, ...) need page context before they are
 * marked. Off marks them everywhere. Default: `true`.
 */
export const contextRuleSetting = defineSetting<boolean>('sync:contextRule', true, aBoolean);

/** Milliseconds the pointer rests on a term before its card opens (0-1000). Default: `200`. */
export const hoverDelaySetting = defineSetting<number>('sync:hoverDelay', 200, anIntegerIn(0, 1000));

export const HIGHLIGHT_STYLES = ['underline', 'background', 'none'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
/** How marked terms look; with `'none'` cards still open on hover. Default: `'underline'`. */
export const highlightStyleSetting = defineSetting<HighlightStyle>(
  'sync:highlightStyle',
  'underline',
  oneOf(HIGHLIGHT_STYLES),
);

export const DENSITIES = ['all', 'first'] as const;
export type Density = (typeof DENSITIES)[number];
/** Mark every occurrence, or only the first of each term on a page. Default: `'all'`. */
export const densitySetting = defineSetting<Density>('sync:density', 'all', oneOf(DENSITIES));

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
/** Card colours; `'auto'` follows the page's background, then the system. Default: `'auto'`. */
export const themeSetting = defineSetting<Theme>('sync:theme', 'auto', oneOf(THEMES));

/** Card text size in CSS pixels at 100% page zoom (12-22), kept as page zoom changes. Default: `14`. */
export const fontSizeSetting = defineSetting<number>('sync:fontSize', 14, anIntegerIn(12, 22));

/** Whether text in code and pre blocks is left unmarked. Default: `true`. */
export const skipCodeSetting = defineSetting<boolean>('sync:skipCode', true, aBoolean);

/** Reads a setting; a missing or corrupt stored value gives the fallback. */
export async function readSetting<T>(setting: Setting<T>): Promise<T> {
  return setting.parse(await setting.item.getValue()) ?? setting.fallback;
}

/** Writes a setting. */
export async function writeSetting<T>(setting: Setting<T>, value: T): Promise<void> {
  await setting.item.setValue(value);
}

/** Calls `onChange` with the parsed value on every change (from any context). Returns unwatch. */
export function watchSetting<T>(setting: Setting<T>, onChange: (value: T) => void): () => void {
  return setting.item.watch((stored) => onChange(setting.parse(stored) ?? setting.fallback));
}
