import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'factlens-scan-'));
function scan(...args: string[]): string {
  return execFileSync('npm', ['run', '--silent', 'scan', '--', ...args], { encoding: 'utf8' });
}

describe('npm run scan', { timeout: 60_000 }, () => {
  it('prints one JSON line per file with offsets into a .txt file', () => {
    const file = join(dir, 'a.txt');
    const text = 'Ketamine’s target is the NMDA\nreceptor.';
    writeFileSync(file, text);
    const [line] = scan('--json', file).trim().split('\n');
    const result = JSON.parse(line ?? '') as {
      file: string;
      matches: { start: number; end: number; termId: string; text: string }[];
    };
    expect(result.file).toBe(file);
    expect(result.matches.map((m) => [m.termId, m.text])).toEqual([
      ['ketamine', 'Ketamine’s'],
      ['nmda-receptor', 'NMDA\nreceptor'],
    ]);
    for (const m of result.matches) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('reads .html files as the page shows them: visible text only, nodes joined by newlines', () => {
    const file = join(dir, 'b.html');
    writeFileSync(
      file,
      '<p>ketamine</p><script>var ketamine = 1</script><textarea>ketamine</textarea><p>and TMS therapy</p>',
    );
    const result = JSON.parse(scan('--json', file)) as { matches: { start: number; text: string }[] };
    expect(result.matches.map((m) => [m.start, m.text])).toEqual([
      [0, 'ketamine'],
      [13, 'TMS therapy'],
    ]);
  });

  it('adds a custom pack given with --pack, and rejects an invalid one with a clear message', () => {
    const text = join(dir, 'c.txt');
    writeFileSync(text, 'We studied zorbamine in mice.');
    const pack = join(dir, 'pack.json');
    const claim = { text: 'A made-up compound for tests.', sources: ['s1'] };
    const entry = {
      id: 'zorbamine',
      title: 'Zorbamine',
      category: 'treatment',
      aliases: [{ text: 'zorbamine' }],
      forms: [],
      levels: { brief: [claim], standard: [claim], expert: [claim] },
      sources: [{ id: 's1', title: 'T', publisher: 'P', year: 2020, url: 'https://example.org/', evidence: 'review' }],
      related: ['ketamine'],
      reviewed: '2026-11-26',
    };
    writeFileSync(pack, JSON.stringify([entry]));
    expect(scan('--pack', pack, text)).toContain('zorbamine');
    writeFileSync(pack, JSON.stringify([{ ...entry, category: 'magic' }]));
    expect(() =>
      execFileSync('npm', ['run', '--silent', 'scan', '--', '--pack', pack, text], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/entry "zorbamine" \.category/);
  });
});
