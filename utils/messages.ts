import { defineExtensionMessaging } from '@webext-core/messaging';
import type { FactEntry } from '@/data/types';

export type Direction = 'next' | 'previous';

/** One marked term of a page, for the popup's list. */
export interface PageTerm {
  entryId: string;
  title: string;
  /** How many times it is marked on the page. */
  count: number;
}

/** What the popup learns from the active tab's content script. */
export interface PageInfo {
  hostname: string;
  /** Whether Factlens is marking this page now (on, not paused, site allowed). */
  running: boolean;
  terms: PageTerm[];
}

/** One typed protocol for every real request between the extension's parts. */
export interface ProtocolMap {
  /** Content script -> background: the whole entry (card text and sources) of a term. */
  getEntry(id: string): FactEntry | null;
  /** Content script -> background: open the settings page. */
  openOptions(): void;
  /** Content script -> background: the zoom factor of the sender's tab (1 = 100%). */
  getZoom(): number;
  /** Background -> content script: the tab's zoom changed. */
  zoomChanged(zoom: number): void;
  /** Background -> content script (keyboard command): go to the next or previous marked term. */
  moveToTerm(direction: Direction): void;
  /** Popup -> content script: the page's host and marked terms. */
  getPageInfo(): PageInfo;
  /** Popup -> content script: scroll to the next occurrence of a term and open its card. */
  showTerm(entryId: string): void;
  /** Content script -> background: how many terms the page has marked (for the badge). */
  pageTermCount(count: number): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Parses a direction from an untrusted message. */
export function parseDirection(value: unknown): Direction | undefined {
  return value === 'next' || value === 'previous' ? value : undefined;
}
