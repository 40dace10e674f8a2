import { describe, expect, it } from 'vitest';
import { isPaused, matchesSite, nextMidnight, runsOnSite, toSitePattern } from '@/utils/site-rules';

describe('matchesSite', () => {
  it('matches a host name with or without www, and a wildcard for the domain and its subdomains', () => {
    expect(matchesSite('www.example.com', 'example.com')).toBe(true);
    expect(matchesSite('news.example.com', 'example.com')).toBe(false);
    expect(matchesSite('news.example.com', '*.example.com')).toBe(true);
    expect(matchesSite('example.com', '*.example.com')).toBe(true);
    expect(matchesSite('badexample.com', '*.example.com')).toBe(false);
  });
});

describe('runsOnSite', () => {
  it('runs everywhere except blocked sites, or only on allowed ones', () => {
    const rules = { mode: 'everywhere-except' as const, blocked: ['example.com'], allowed: ['nih.gov'] };
    expect(runsOnSite('example.com', rules)).toBe(false);
    expect(runsOnSite('nih.gov', rules)).toBe(true);
    expect(runsOnSite('other.org', rules)).toBe(true);
    const only = { ...rules, mode: 'only-listed' as const };
    expect(runsOnSite('nih.gov', only)).toBe(true);
    expect(runsOnSite('other.org', only)).toBe(false);
  });
});

describe('toSitePattern', () => {
  it('turns URLs and host names into patterns and refuses what is not a site', () => {
    expect(toSitePattern(' https://www.Example.com/page?q=1 ')).toBe('example.com');
    expect(toSitePattern('*.example.org')).toBe('*.example.org');
    expect(toSitePattern('localhost:8080/x')).toBe('localhost');
    expect(toSitePattern('not a site')).toBeUndefined();
    expect(toSitePattern('javascript:alert(1)')).toBeUndefined();
    expect(toSitePattern('')).toBeUndefined();
  });
});

describe('pauses', () => {
  it('is paused until the time given and not after', () => {
    expect(isPaused(1000, 999)).toBe(true);
    expect(isPaused(1000, 1000)).toBe(false);
    expect(isPaused(0, 5)).toBe(false);
  });

  it('pauses until the next local midnight', () => {
    const now = new Date(2026, 10, 26, 17, 30).getTime();
    expect(nextMidnight(now)).toBe(new Date(2026, 10, 27, 0, 0).getTime());
  });
});
