// `npm run --silent scan -- [--json] [--pack PACK.json]... [--no-fuzzy] [--no-context] FILE...`
// Prints what Factlens would mark in each file. A .txt file is matched as it is; an .html file
// is read as the content script reads a page: its visible text nodes (same skip rules), joined
// by "\n", and offsets refer to that extracted text. Each file as a whole is the context for
// ambiguous abbreviations, as the whole page is in the browser.
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { bundledEntries, fuzzyExclusions } from '@/data';
import type { FactEntry } from '@/data/types';
import { collectTextNodes } from '@/entrypoints/content/scan-text';
import { disambiguate } from '@/utils/disambiguate';
import { validateEntries } from '@/utils/fact-schema';
import { matchTerms, type TermMatch } from '@/utils/match-terms';
import { compileTermIndex, type TermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';

interface ScanArgs {
  json: boolean;
  fuzzy: boolean;
  context: boolean;
  packs: string[];
  files: string[];
}

function parseArgs(argv: string[]): ScanArgs {
  const args: ScanArgs = { json: false, fuzzy: true, context: true, packs: [], files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    else if (arg === '--json') args.json = true;
    else if (arg === '--no-fuzzy') args.fuzzy = false;
    else if (arg === '--no-context') args.context = false;
    else if (arg === '--pack') args.packs.push(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run --silent scan -- [--json] [--pack PACK.json]... [--no-fuzzy] [--no-context] FILE...');
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else args.files.push(arg);
  }
  if (args.files.length === 0) throw new Error('no files given (see --help)');
  return args;
}

function loadPack(path: string, known: ReadonlySet<string>): FactEntry[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const entries = Array.isArray(parsed) ? parsed : (parsed as { entries?: unknown })?.entries;
  const result = validateEntries(entries, known);
  if (!result.ok) throw new Error(`pack ${path} is not valid:\n  ${result.errors.join('\n  ')}`);
  return result.entries;
}

/** The text nodes a page shows, as the content script collects them. */
function visibleTexts(html: string): string[] {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const texts = collectTextNodes(doc.body as unknown as Node).map((node) => node.data);
  void window.happyDOM.close();
  return texts;
}

/** Matches in one file, offsets into its text (for HTML: the extracted text). */
export function scanFile(path: string, index: TermIndex, options: { fuzzy: boolean; context: boolean }) {
  const raw = readFileSync(path, 'utf8');
  const parts = /\.x?html?$/i.test(path) ? visibleTexts(raw) : [raw];
  const text = parts.join('\n');
  const budget = { remainingMs: Infinity };
  const matches: TermMatch[] = [];
  let base = 0;
  for (const part of parts) {
    for (const match of matchTerms(part, index, { fuzzy: options.fuzzy, budget })) {
      matches.push({ ...match, start: match.start + base, end: match.end + base });
    }
    base += part.length + 1;
  }
  return { text, matches: options.context ? disambiguate(matches, text) : matches };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const known = new Set(bundledEntries.map((entry) => entry.id));
  const packs = args.packs.flatMap((path) => loadPack(path, known));
  const packIds = new Set(packs.map((entry) => entry.id));
  const entries = [...bundledEntries.filter((entry) => !packIds.has(entry.id)), ...packs];
  const index = compileTermIndex(entries, { fuzzyExclusions, scorer: createFuseScorer() });
  for (const file of args.files) {
    const { text, matches } = scanFile(file, index, args);
    if (args.json) {
      const out = matches.map((m) => ({
        start: m.start,
        end: m.end,
        termId: m.entryId,
        text: text.slice(m.start, m.end),
      }));
      console.log(JSON.stringify({ file, matches: out }));
      continue;
    }
    console.log(`${file}: ${matches.length} match${matches.length === 1 ? '' : 'es'}`);
    for (const m of matches) {
      const shown = text.slice(m.start, m.end).replace(/\s+/g, ' ');
      const notes = [m.fuzzy ? 'fuzzy' : '', m.ambiguous ? 'ambiguous, kept by context' : ''].filter(Boolean);
      console.log(
        `  ${`${m.start}-${m.end}`.padEnd(13)} ${m.entryId.padEnd(30)} ${shown}${notes.length ? `  (${notes.join(', ')})` : ''}`,
      );
    }
  }
}

try {
  main();
} catch (error) {
  console.error(`scan: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
