import { DETAIL_LEVELS, type DetailLevel } from '@/data/types';
import { t, type MessageKey } from '@/utils/i18n';
import { LEVEL_NAMES } from './level-names';

export interface DetailLevelPickerProps {
  value: DetailLevel;
  onChange: (level: DetailLevel) => void;
  /** Names only, no descriptions (the popup). */
  compact?: boolean;
}

const DESCRIPTIONS: Record<DetailLevel, MessageKey> = {
  brief: 'levelBriefDescription',
  standard: 'levelStandardDescription',
  expert: 'levelExpertDescription',
};

/** Radio group for how much each card says. */
export function DetailLevelPicker({ value, onChange, compact = false }: DetailLevelPickerProps) {
  return (
    <fieldset class={compact ? 'detail-level compact' : 'detail-level'}>
      <legend>{t('detailLevel')}</legend>
      {DETAIL_LEVELS.map((level) => (
        <label key={level} class="choice">
          <input
            type="radio"
            name="detail-level"
            value={level}
            checked={value === level}
            onChange={() => onChange(level)}
          />
          <span class="choice-name">{t(LEVEL_NAMES[level])}</span>
          {compact ? null : <span class="choice-description">{t(DESCRIPTIONS[level])}</span>}
        </label>
      ))}
    </fieldset>
  );
}
