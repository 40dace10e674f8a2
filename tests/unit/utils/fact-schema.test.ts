import { describe, expect, it } from 'vitest';
import { validateEntries } from '@/utils/fact-schema';
import { makeEntry } from '../helpers';

describe('validateEntries', () => {
  it('accepts well-formed entries', () => {
    const result = validateEntries([makeEntry('ketamine', ['ketamine']), makeEntry('glutamate', ['glutamate'])]);
    expect(result.ok).toBe(true);
  });

  it('does not accept something that is not an array', () => {
    expect(validateEntries({ id: 'x' })).toEqual({ ok: false, errors: ['expected an array of entries'] });
  });

  it('names the entry and field of each error', () => {
    const broken = { ...makeEntry('ketamine', ['ketamine']), category: 'magic' };
    const result = validateEntries([broken]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/entry "ketamine" \.category: /);
  });

  it('rejects unknown fields, non-https links and claims citing missing sources', () => {
    const entry = makeEntry('ketamine', ['ketamine']);
    const bad = {
      ...entry,
      extra: 1,
      sources: [{ ...entry.sources[0], url: 'javascript:alert(1)' }],
      levels: { ...entry.levels, brief: [{ text: 'x', sources: ['nope'] }] },
    };
    const result = validateEntries([bad]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.errors.join('\n');
    expect(errors).toMatch(/extra/);
    expect(errors).toMatch(/\.sources\[0\]\.url: must be an https URL/);
    expect(errors).toMatch(/\.levels\.brief\[0\]\.sources\[0\]: cites "nope"/);
  });

  it('rejects duplicate ids, aliases shared by two entries and related ids that do not exist', () => {
    const a = { ...makeEntry('ketamine', ['ketamine']), related: ['missing'] };
    const b = makeEntry('ketamine', ['other']);
    const c = makeEntry('esketamine', ['Ketamine']);
    const result = validateEntries([a, b, c]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain('entry "ketamine": duplicate id');
    expect(result.errors).toContain('entry "esketamine" .aliases: "Ketamine" is also an alias of "ketamine"');
    expect(result.errors).toContain('entry "ketamine" .related[0]: no entry with id "missing"');
  });

  it('accepts related ids known from elsewhere, such as the bundled set for a custom pack', () => {
    const entry = { ...makeEntry('my-term', ['my term']), related: ['ketamine'] };
    expect(validateEntries([entry], new Set(['ketamine'])).ok).toBe(true);
  });
});

describe('validateEntries level budgets', () => {
  it('rejects a level longer than its budget and names it', () => {
    const entry = makeEntry('ketamine', ['ketamine']);
    const long = { ...entry, levels: { ...entry.levels, brief: [{ text: 'x'.repeat(161), sources: ['s1'] }] } };
    const result = validateEntries([long]);
    expect(result.ok ? [] : result.errors).toEqual([
      'entry "ketamine" .levels.brief: is 161 characters; the brief level allows at most 160',
    ]);
  });
});
