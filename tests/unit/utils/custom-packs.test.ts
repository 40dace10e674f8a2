import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bundledEntries } from '@/data';
import { effectiveEntries, parsePack, readPacks, MAX_PACK_BYTES } from '@/utils/custom-packs';
import { customPacksItem } from '@/utils/pack-store';
import { makeEntry } from '../helpers';

const pack = (entries: unknown, name = 'My pack') => JSON.stringify({ name, entries });
const errorsOf = (text: string) => {
  const result = parsePack('pack.json', text, bundledEntries);
  return result.ok ? [] : result.errors;
};

describe('parsePack', () => {
  it('accepts a valid pack and names it', () => {
    const result = parsePack('pack.json', pack([makeEntry('zorbamine', ['zorbamine'])]), bundledEntries);
    expect(result.ok && result.pack).toMatchObject({ id: 'my-pack', name: 'My pack', enabled: true });
  });

  it('rejects broken JSON, oversized and deeply nested files with a clear message', () => {
    expect(errorsOf('{')[0]).toMatch(/^not valid JSON/);
    expect(errorsOf(' '.repeat(MAX_PACK_BYTES + 1))[0]).toMatch(/packs may have at most/);
    expect(errorsOf('['.repeat(40) + ']'.repeat(40))[0]).toMatch(/nested more than/);
  });

  it('names the entry and field of every error: unknown fields, wrong types, unsafe links, duplicate ids', () => {
    const entry = makeEntry('zorbamine', ['zorbamine']);
    const errors = errorsOf(
      pack([
        { ...entry, extra: true },
        { ...entry, id: 'other', aliases: [{ text: 'other' }], title: 42 },
        {
          ...entry,
          id: 'third',
          aliases: [{ text: 'third' }],
          sources: [{ ...entry.sources[0], url: 'javascript:alert(1)' }],
        },
        { ...entry, id: 'zorbamine', aliases: [{ text: 'zorba' }] },
      ]),
    );
    expect(errors.join('\n')).toMatch(/entry "zorbamine" : Unrecognized key/i);
    expect(errors.join('\n')).toMatch(/entry "other" \.title/);
    expect(errors.join('\n')).toMatch(/entry "third" \.sources\[0\]\.url: must be an https URL/);
  });

  it('rejects an alias that a bundled term already uses, and lets a same-id entry replace the bundled one', () => {
    expect(errorsOf(pack([makeEntry('my-k', ['ketamine'])]))).toEqual([
      'entry "my-k" .aliases[0]: "ketamine" is already an alias of the bundled term "ketamine"',
    ]);
    const replacement = makeEntry('ketamine', ['ketamine', 'my ketamine']);
    const result = parsePack('p.json', pack([replacement]), bundledEntries);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const merged = effectiveEntries(bundledEntries, [result.pack]);
      expect(merged.find((e) => e.id === 'ketamine')?.levels.brief[0]?.text).toBe('About ketamine.');
      expect(merged).toHaveLength(bundledEntries.length);
      expect(effectiveEntries(bundledEntries, [{ ...result.pack, enabled: false }])).toEqual([...bundledEntries]);
    }
  });

  it('rejects unknown top-level fields', () => {
    expect(errorsOf(JSON.stringify({ name: 'x', entries: [], script: 'alert(1)' }))).toEqual([
      'unknown top-level field(s): script',
    ]);
  });
});

describe('readPacks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('leaves out stored packs that no longer validate instead of failing', async () => {
    const good = {
      id: 'good',
      name: 'Good',
      enabled: true,
      importedAt: 1,
      entries: [makeEntry('zorbamine', ['zorbamine'])],
    };
    await customPacksItem.setValue([good, { id: 'bad', enabled: true, entries: [{ id: 'x' }] } as never]);
    expect((await readPacks(bundledEntries)).map((p) => p.id)).toEqual(['good']);
  });
});
