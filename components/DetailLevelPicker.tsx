import { DETAIL_LEVELS, type DetailLevel } from '@/data/types';

export interface DetailLevelPickerProps {
  value: DetailLevel;
  onChange: (level: DetailLevel) => void;
  /** Names only, no descriptions (the popup). */
  compact?: boolean;
}

const DESCRIPTIONS: Record<DetailLevel, string> = {
  brief: 'One line you take in at a glance.',
  standard: 'A short paragraph with the key facts.',
  expert: 'Mechanism, figures and the evidence behind them.',
};

/** Radio group for how much each card says. */
export function DetailLevelPicker({ value, onChange, compact = false }: DetailLevelPickerProps) {
  return (
    <fieldset class={compact ? 'detail-level compact' : 'detail-level'}>
      <legend>Detail level</legend>
      {DETAIL_LEVELS.map((level) => (
        <label key={level} class="choice">
          <input
            type="radio"
            name="detail-level"
            value={level}
            checked={value === level}
            onChange={() => onChange(level)}
          />
          <span class="choice-name">{level[0]?.toUpperCase() + level.slice(1)}</span>
          {compact ? null : <span class="choice-description">{DESCRIPTIONS[level]}</span>}
        </label>
      ))}
    </fieldset>
  );
}
