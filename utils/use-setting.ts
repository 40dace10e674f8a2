import { useEffect, useState } from 'preact/hooks';
import { readSetting, watchSetting, writeSetting, type Setting } from './settings';

/**
 * A setting as Preact state for the popup and options containers: `undefined` until loaded,
 * kept in step with changes made elsewhere. The setter writes through to storage.
 */
export function useSetting<T>(setting: Setting<T>): [T | undefined, (value: T) => void] {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void readSetting(setting).then((stored) => live && setValue(stored));
    const unwatch = watchSetting(setting, setValue);
    return () => {
      live = false;
      unwatch();
    };
  }, [setting]);
  const update = (next: T) => {
    setValue(next);
    void writeSetting(setting, next);
  };
  return [value, update];
}
