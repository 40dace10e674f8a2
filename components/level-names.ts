import type { DetailLevel } from '@/data/types';
import type { MessageKey } from '@/utils/i18n';

/** The message naming each detail level (card, popup and settings). */
export const LEVEL_NAMES: Record<DetailLevel, MessageKey> = {
  brief: 'levelBrief',
  standard: 'levelStandard',
  expert: 'levelExpert',
};
