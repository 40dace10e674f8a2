import type { SiteMode } from './settings';

/** Whether `hostname` is covered by `pattern`: a host name, or `*.example.com` for it and its subdomains. */
export function matchesSite(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return host === pattern.replace(/^www\./, '');
}

export interface SiteRules {
  mode: SiteMode;
  blocked: readonly string[];
  allowed: readonly string[];
}

/** Whether Factlens runs on `hostname` under the reader's site rules. */
export function runsOnSite(hostname: string, rules: SiteRules): boolean {
  if (rules.mode === 'only-listed') return rules.allowed.some((pattern) => matchesSite(hostname, pattern));
  return !rules.blocked.some((pattern) => matchesSite(hostname, pattern));
}

/**
 * Turns what a reader types ("https://www.Example.com/page", "*.example.org") into a site
 * pattern, or undefined when it is not one.
 */
export function toSitePattern(input: string): string | undefined {
  let text = input.trim().toLowerCase();
  if (!text) return undefined;
  const wildcard = text.startsWith('*.');
  if (wildcard) text = text.slice(2);
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = new URL(text).hostname;
  } catch {
    return undefined;
  }
  text = text
    .replace(/\/.*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(text)) return undefined;
  return wildcard ? `*.${text}` : text;
}

/** Whether a pause that lasts until `pausedUntil` (epoch ms, 0 = none) is in force at `now`. */
export function isPaused(pausedUntil: number, now: number): boolean {
  return pausedUntil > now;
}

/** The next local midnight after `now`: "pause until tomorrow". */
export function nextMidnight(now: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}
