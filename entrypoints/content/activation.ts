import * as settings from '@/utils/settings';
import { readSetting, watchSetting } from '@/utils/settings';
import { isPaused, runsOnSite } from '@/utils/site-rules';

interface ActivationState {
  enabled: boolean;
  pausedUntil: number;
  rules: { mode: settings.SiteMode; blocked: string[]; allowed: string[] };
}

/**
 * Whether Factlens should mark this page: switched on, not paused, and allowed on this site.
 * Calls `onChange` whenever that answer changes (a setting changed, or a pause ran out).
 * Returns a function that stops watching.
 */
export async function watchActivation(hostname: string, onChange: (active: boolean) => void): Promise<() => void> {
  const state: ActivationState = {
    enabled: await readSetting(settings.enabledSetting),
    pausedUntil: await readSetting(settings.pausedUntilSetting),
    rules: {
      mode: await readSetting(settings.siteModeSetting),
      blocked: await readSetting(settings.blockedSitesSetting),
      allowed: await readSetting(settings.allowedSitesSetting),
    },
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: boolean | undefined;
  const evaluate = () => {
    clearTimeout(timer);
    const now = Date.now();
    const paused = isPaused(state.pausedUntil, now);
    // A pause ends by itself: look again when it runs out (timers cap at about 24.8 days).
    if (paused) timer = setTimeout(evaluate, Math.min(state.pausedUntil - now + 50, 2 ** 31 - 1));
    const active = state.enabled && !paused && runsOnSite(hostname, state.rules);
    if (active !== last) {
      last = active;
      onChange(active);
    }
  };
  const unwatch = [
    watchSetting(settings.enabledSetting, (value) => ((state.enabled = value), evaluate())),
    watchSetting(settings.pausedUntilSetting, (value) => ((state.pausedUntil = value), evaluate())),
    watchSetting(settings.siteModeSetting, (value) => ((state.rules.mode = value), evaluate())),
    watchSetting(settings.blockedSitesSetting, (value) => ((state.rules.blocked = value), evaluate())),
    watchSetting(settings.allowedSitesSetting, (value) => ((state.rules.allowed = value), evaluate())),
  ];
  evaluate();
  return () => {
    clearTimeout(timer);
    unwatch.forEach((stop) => stop());
  };
}
