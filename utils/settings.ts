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

const isDetailLevel = (value: unknown): value is DetailLevel =>
  typeof value === 'string' && (DETAIL_LEVELS as readonly string[]).includes(value);

/** How much each card says. Default: `'standard'`. */
export const detailLevelSetting = defineSetting<DetailLevel>('sync:detailLevel', 'standard', (stored) =>
  isDetailLevel(stored) ? stored : undefined,
);

/** Whether Factlens marks terms on pages at all. Default: `true`. */
export const enabledSetting = defineSetting<boolean>('sync:enabled', true, (stored) =>
  typeof stored === 'boolean' ? stored : undefined,
);

/** Whether light misspellings ("ketamin", "seratonin") are marked too. Default: `true`. */
export const fuzzyMatchingSetting = defineSetting<boolean>('sync:fuzzyMatching', true, (stored) =>
  typeof stored === 'boolean' ? stored : undefined,
);

/**
 * Whether ambiguous abbreviations (TMS, ECT, PCP, ...) need page context before they are
 * marked. Off marks them everywhere. Default: `true`.
 */
export const contextRuleSetting = defineSetting<boolean>('sync:contextRule', true, (stored) =>
  typeof stored === 'boolean' ? stored : undefined,
);

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
