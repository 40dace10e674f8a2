import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { CATEGORIES, DETAIL_LEVELS, type Category, type DetailLevel } from '@/data/types';

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

export const HIGHLIGHT_STYLES = ['background', 'underline', 'none'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
/**
 * How marked terms look; with `'none'` cards still open on hover. Default: `'background'`, a
 * tint: Chromium repaints a dotted underline at a far higher cost on very long pages
 * (public/content-highlights.css).
 */
export const highlightStyleSetting = defineSetting<HighlightStyle>(
  'sync:highlightStyle',
  'background',
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

const aListOf =
  <T>(item: (value: unknown) => T | undefined, max = 500) =>
  (stored: unknown): T[] | undefined => {
    if (!Array.isArray(stored) || stored.length > max) return undefined;
    const parsed = stored.map(item);
    return parsed.every((value) => value !== undefined) ? (parsed as T[]) : undefined;
  };

/** Until when (epoch ms) Factlens is paused everywhere; 0 when not paused. Default: `0`. */
export const pausedUntilSetting = defineSetting<number>('sync:pausedUntil', 0, (stored) =>
  typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 ? stored : undefined,
);

export const SITE_MODES = ['everywhere-except', 'only-listed'] as const;
export type SiteMode = (typeof SITE_MODES)[number];
/** Run everywhere except the blocked sites, or only on the allowed sites. Default: `'everywhere-except'`. */
export const siteModeSetting = defineSetting<SiteMode>('sync:siteMode', 'everywhere-except', oneOf(SITE_MODES));

const aSitePattern = (value: unknown): string | undefined =>
  typeof value === 'string' && /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(value) && value.length <= 253
    ? value
    : undefined;

/** Sites where Factlens is off: host names, or `*.example.com` for a domain and its subdomains. Default: `[]`. */
export const blockedSitesSetting = defineSetting<string[]>('sync:blockedSites', [], aListOf(aSitePattern));

/** Sites where Factlens runs in "only on these sites" mode, same patterns. Default: `[]`. */
export const allowedSitesSetting = defineSetting<string[]>('sync:allowedSites', [], aListOf(aSitePattern));

/** Categories of terms that are not marked. Default: `[]` (all marked). */
export const hiddenCategoriesSetting = defineSetting<Category[]>(
  'sync:hiddenCategories',
  [],
  aListOf(oneOf(CATEGORIES), CATEGORIES.length),
);

/** Every setting, for the options page, export and import, and corrupt-value checks. */
export const ALL_SETTINGS: Record<string, Setting<unknown>> = {
  enabled: enabledSetting as Setting<unknown>,
  pausedUntil: pausedUntilSetting as Setting<unknown>,
  detailLevel: detailLevelSetting as Setting<unknown>,
  theme: themeSetting as Setting<unknown>,
  fontSize: fontSizeSetting as Setting<unknown>,
  hoverDelay: hoverDelaySetting as Setting<unknown>,
  highlightStyle: highlightStyleSetting as Setting<unknown>,
  density: densitySetting as Setting<unknown>,
  hiddenCategories: hiddenCategoriesSetting as Setting<unknown>,
  fuzzyMatching: fuzzyMatchingSetting as Setting<unknown>,
  contextRule: contextRuleSetting as Setting<unknown>,
  skipCode: skipCodeSetting as Setting<unknown>,
  siteMode: siteModeSetting as Setting<unknown>,
  blockedSites: blockedSitesSetting as Setting<unknown>,
  allowedSites: allowedSitesSetting as Setting<unknown>,
};

/**
 * Finds stored values that are corrupt (wrong type, unknown value) and puts each back to its
 * default, one setting at a time, leaving every other setting as it is. Returns the names reset.
 */
export async function resetCorruptSettings(): Promise<string[]> {
  const reset: string[] = [];
  for (const [name, setting] of Object.entries(ALL_SETTINGS)) {
    const stored = await setting.item.getValue();
    if (stored === null || stored === undefined || setting.parse(stored) !== undefined) continue;
    await setting.item.setValue(setting.fallback);
    reset.push(name);
  }
  return reset;
}

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
