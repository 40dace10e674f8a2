import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { categoryName, formatDuration, t } from '@/utils/i18n';
import { englishMessages, formatMessage, type Message } from '../messages';

/** Where UI strings and manifest keys are used. */
const SOURCE_ROOTS = ['components', 'entrypoints', 'utils', 'wxt.config.ts'];

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.(ts|tsx|html)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

const sources = SOURCE_ROOTS.flatMap((root) => sourceFiles(resolve(root))).map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));

/** Skips a quoted string that starts at `at`; returns the index after its closing quote. */
function skipString(text: string, at: number): number {
  const quote = text[at];
  let i = at + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The top-level comma-separated parts between `open` (an opening bracket) and its partner. */
function splitArguments(text: string, open: number): { parts: string[]; end: number } {
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length;) {
    const c = text[i] as string;
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        parts.push(text.slice(start, i));
        return { parts: parts.map((p) => p.trim()).filter((p) => p !== ''), end: i };
      }
    } else if (c === ',' && depth === 1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  throw new Error('unbalanced brackets');
}

interface Call {
  file: string;
  keys: string[];
  substitutions: number;
}

/** Every `t(...)` call: the message names its first argument can be, and how many values it passes. */
const calls: Call[] = sources.flatMap(({ file, text }) =>
  [...text.matchAll(/\bt\(/g)].map((match) => {
    const { parts } = splitArguments(text, (match.index ?? 0) + 1);
    const [key = '', values] = parts;
    const substitutions =
      values === undefined ? 0 : values.startsWith('[') ? splitArguments(values, 0).parts.length : 1;
    return { file, keys: [...key.matchAll(/'([^']*)'/g)].map((m) => m[1] as string), substitutions };
  }),
);

const manifestKeys = sources.flatMap(({ text }) => [...text.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] as string));
const quotedLiterals = new Set(
  sources.flatMap(({ text }) => [...text.matchAll(/'(\w+)'/g)].map((m) => m[1] as string)),
);

/** The `$1`, `$2`... a message expects, from its placeholders. */
function placeholderCount(message: Message): number {
  return Object.keys(message.placeholders ?? {}).length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('t', () => {
  it('returns the English text with the placeholders filled in order', () => {
    expect(t('popupOnForSite', 'example.com')).toBe('On for example.com');
    expect(t('cardCiteLabel', [2, 'A title'])).toBe('Source 2: A title');
    expect(t('optionsGlossaryStats', [62, 60, '2026.11.26', '2026-11-26'])).toBe(
      '62 terms (60 bundled). Fact set version 2026.11.26, last reviewed 2026-11-26.',
    );
  });

  it("asks the browser for the message in the reader's language, with the values as strings", () => {
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('Pausiert, 1 h übrig.');
    expect(t('popupPausedLeft', '1 h')).toBe('Pausiert, 1 h übrig.');
    expect(t('termListCount', 4)).toBe('Pausiert, 1 h übrig.');
    expect(getMessage.mock.calls).toEqual([
      ['popupPausedLeft', ['1 h']],
      ['termListCount', ['4']],
    ]);
  });
});

describe('en/messages.json', () => {
  const names = Object.keys(englishMessages);

  it('finds the t() calls and manifest keys it checks', () => {
    expect(calls.length).toBeGreaterThan(80);
    expect(manifestKeys).toEqual(
      expect.arrayContaining(['extName', 'extDescription', 'actionTitle', 'commandToggle', 'commandNextTerm']),
    );
  });

  it('has every message that the code and the manifest use', () => {
    const missing = [...calls.flatMap((call) => call.keys), ...manifestKeys].filter((key) => !(key in englishMessages));
    expect(missing).toEqual([]);
  });

  it('has no message that nothing uses', () => {
    const used = new Set([...calls.flatMap((call) => call.keys), ...manifestKeys]);
    // Messages chosen through a map (LEVEL_NAMES, CATEGORY_NAMES...) appear as quoted literals.
    const unused = names.filter((name) => !used.has(name) && !quotedLiterals.has(name));
    expect(unused).toEqual([]);
  });

  it('passes as many values as each message has placeholders', () => {
    const wrong = calls.flatMap((call) =>
      call.keys
        .filter((key) => englishMessages[key] && placeholderCount(englishMessages[key]) !== call.substitutions)
        .map((key) => `${call.file}: ${key} takes ${placeholderCount(englishMessages[key] as Message)}`),
    );
    expect(wrong).toEqual([]);
  });

  it('uses a message chosen through a map only when it has no placeholders', () => {
    const direct = new Set(calls.flatMap((call) => call.keys));
    const viaMap = names.filter((name) => !direct.has(name) && !manifestKeys.includes(name));
    expect(viaMap.length).toBeGreaterThan(0);
    expect(viaMap.filter((name) => placeholderCount(englishMessages[name] as Message) > 0)).toEqual([]);
  });

  it('declares each placeholder it uses, uses each it declares, and numbers them $1 to $n', () => {
    const problems = Object.entries(englishMessages).flatMap(([name, message]) => {
      const used = [...message.message.matchAll(/\$(\w+)\$/g)].map((m) => (m[1] as string).toLowerCase());
      const declared = Object.keys(message.placeholders ?? {}).map((key) => key.toLowerCase());
      const contents = Object.values(message.placeholders ?? {})
        .map((p) => p.content)
        .sort();
      const expected = declared.map((_, i) => `$${i + 1}`).sort();
      return [
        ...used.filter((key) => !declared.includes(key)).map((key) => `${name}: $${key}$ is not declared`),
        ...declared.filter((key) => !used.includes(key)).map((key) => `${name}: ${key} is declared, never used`),
        ...(JSON.stringify(contents) === JSON.stringify(expected) ? [] : [`${name}: contents ${contents.join()}`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('names messages as the browsers accept them, each once ignoring case, with a note for translators', () => {
    expect(names.filter((name) => !/^[A-Za-z0-9_]+$/.test(name))).toEqual([]);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    expect(names.filter((name) => !englishMessages[name]?.description)).toEqual([]);
  });

  it('keeps the manifest description within the 132 characters Chrome allows', () => {
    expect(englishMessages.extDescription?.message.length).toBeLessThanOrEqual(132);
  });

  it('gives every other locale only messages English has, with the same placeholders', () => {
    const locales = readdirSync(resolve('public/_locales'));
    expect(locales).toContain('en');
    for (const locale of locales.filter((l) => l !== 'en')) {
      const messages = JSON.parse(readFileSync(resolve('public/_locales', locale, 'messages.json'), 'utf8')) as Record<
        string,
        Message
      >;
      for (const [name, message] of Object.entries(messages)) {
        expect(englishMessages[name], `${locale}: ${name}`).toBeDefined();
        expect(placeholderCount(message), `${locale}: ${name}`).toBe(
          placeholderCount(englishMessages[name] as Message),
        );
      }
    }
  });
});

describe('formatMessage (the tests’ stand-in for getMessage)', () => {
  it('fills named placeholders in any case and gives "" for an unknown name', () => {
    const messages = { greet: { message: 'Hi $Who$, $$5', placeholders: { WHO: { content: '$1' } } } };
    expect(formatMessage(messages, 'GREET', ['Ada'])).toBe('Hi Ada, $5');
    expect(formatMessage(messages, 'nothing')).toBe('');
  });
});

describe('formatted UI values', () => {
  it('says how long a pause lasts in minutes, hours, or both', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(180 * 60_000)).toBe('3 h');
    expect(formatDuration(200 * 60_000)).toBe('3 h 20 min');
    expect(formatDuration(10)).toBe('1 min');
  });

  it('names categories from the messages, not by their ids', () => {
    expect(categoryName('neuromodulation')).toBe(englishMessages.categoryNeuromodulation?.message);
    expect(categoryName('condition')).not.toBe('condition');
  });
});
