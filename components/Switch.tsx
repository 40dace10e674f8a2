export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Short text under the label. */
  description?: string;
}

/** An on/off switch: a native checkbox with role="switch", so keyboards and screen readers know it. */
export function Switch({ label, checked, onChange, description }: SwitchProps) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span class="switch-track" aria-hidden="true" />
      <span class="switch-text">
        <span class="switch-label">{label}</span>
        {description ? <span class="switch-description">{description}</span> : null}
      </span>
    </label>
  );
}
