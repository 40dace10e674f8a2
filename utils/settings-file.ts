import { ALL_SETTINGS, readSetting } from './settings';

const FORMAT = 'factlens-settings';

/** Every setting's current value, as the file "Export settings" saves. */
export async function exportSettings(): Promise<string> {
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(ALL_SETTINGS)) values[name] = await readSetting(setting);
  return `${JSON.stringify({ format: FORMAT, version: 1, settings: values }, null, 2)}\n`;
}

export type SettingsFileResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: string[] };

/**
 * Reads a settings file. Every value is checked with its setting's own parser; a file with any
 * bad value or unknown name is rejected whole, with every problem named, and changes nothing.
 */
export function parseSettingsFile(text: string): SettingsFileResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const file = parsed as { format?: unknown; settings?: unknown };
  if (typeof parsed !== 'object' || parsed === null || file.format !== FORMAT) {
    return { ok: false, errors: ['not a Factlens settings file (it has no "format": "factlens-settings")'] };
  }
  if (typeof file.settings !== 'object' || file.settings === null)
    return { ok: false, errors: ['"settings" is missing'] };
  const errors: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(file.settings)) {
    const setting = ALL_SETTINGS[name];
    if (!setting) errors.push(`unknown setting "${name}"`);
    else if (setting.parse(value) === undefined)
      errors.push(`"${name}": ${JSON.stringify(value)} is not a valid value`);
    else values[name] = setting.parse(value);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** Writes the values of a parsed settings file. */
export async function applySettings(values: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await ALL_SETTINGS[name]?.item.setValue(value);
}
