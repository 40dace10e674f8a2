import { defineExtensionMessaging } from '@webext-core/messaging';

export type Direction = 'next' | 'previous';

/** One typed protocol for every real request between the extension's parts. */
export interface ProtocolMap {
  /** Content script -> background: open the settings page. */
  openOptions(): void;
  /** Content script -> background: the zoom factor of the sender's tab (1 = 100%). */
  getZoom(): number;
  /** Background -> content script: the tab's zoom changed. */
  zoomChanged(zoom: number): void;
  /** Background -> content script (keyboard command): go to the next or previous marked term. */
  moveToTerm(direction: Direction): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Parses a direction from an untrusted message. */
export function parseDirection(value: unknown): Direction | undefined {
  return value === 'next' || value === 'previous' ? value : undefined;
}
