import {
  TOKEN_PATTERN,
  separatorKey,
  tokenExact,
  tokenKey,
  type TermIndex,
  type Terminal,
  type TrieNode,
} from './term-index';

/** One accepted occurrence of a term: [start, end) offsets into the scanned text. */
export interface TermMatch {
  start: number;
  end: number;
  entryId: string;
  /** The alias or form that matched, as written in the data. */
  alias: string;
  /** The alias has other common meanings; callers may ask for page context. */
  ambiguous: boolean;
}

interface Token {
  start: number;
  end: number;
  text: string;
}

const POSSESSIVE = /^['\u2019](?:s(?![\p{L}\p{N}]))?/u;
// Scheme or www. prefix, a bare domain followed by a path, or an e-mail address.
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\/)|^[^\s@]+@[^\s@]+\.[^\s@]+$/iu;
const FILE_NAME = /[^\s/\\]\.(?:[a-z]{2,4}|[a-z]{2,4}\d)$/i;
const SLUG = /^[\p{Ll}\d]+(?:-[\p{Ll}\d]+){3,}$/u;
const PATH_LIKE = /^(?:~|\.{1,2})?\/[^\s/]/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'\u2019\u201d]+$/;
const LEADING_PUNCTUATION = /^[([{"'\u2018\u201c]+/;

function terminalAccepts(terminal: Terminal, tokens: readonly Token[], first: number): boolean {
  if (!terminal.exact) return true;
  return terminal.exact.every((spelling, i) => tokenExact(tokens[first + i]?.text ?? '') === spelling);
}

/**
 * True when the match sits inside a URL, e-mail address, file name, code identifier or
 * URL slug: the whitespace-delimited chunk around it is not prose.
 */
function isGlued(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before === '_' || after === '_') return true;
  let chunkStart = start;
  while (chunkStart > 0 && !/\s/.test(text[chunkStart - 1] ?? ' ')) chunkStart--;
  let chunkEnd = end;
  while (chunkEnd < text.length && !/\s/.test(text[chunkEnd] ?? ' ')) chunkEnd++;
  if (chunkStart === start && chunkEnd === end) return false;
  const chunk = text.slice(chunkStart, chunkEnd).replace(TRAILING_PUNCTUATION, '').replace(LEADING_PUNCTUATION, '');
  return URL_LIKE.test(chunk) || PATH_LIKE.test(chunk) || FILE_NAME.test(chunk) || SLUG.test(chunk);
}

/**
 * Finds every occurrence of the index's terms in `text`: whole words only, longest match
 * first, no nesting, plurals and possessives included, abbreviations in their exact casing.
 * Pure: strings in, offsets out.
 */
export function matchTerms(text: string, index: TermIndex): TermMatch[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    tokens.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  const matches: TermMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    let node: TrieNode | undefined = index.root.next.get(tokenKey(first.text));
    let best: { terminal: Terminal; lastToken: number } | undefined;
    let j = i;
    while (node) {
      const accepted = node.terminals.find((terminal) => terminalAccepts(terminal, tokens, i));
      if (accepted) best = { terminal: accepted, lastToken: j };
      const current = tokens[j] as Token;
      const following = tokens[j + 1];
      if (!following || node.next.size === 0) break;
      const joint = separatorKey(text.slice(current.end, following.start));
      if (joint === undefined) break;
      node = node.next.get(`${joint} ${tokenKey(following.text)}`);
      j++;
    }
    if (!best) {
      i++;
      continue;
    }
    const lastToken = tokens[best.lastToken] as Token;
    const possessive = POSSESSIVE.exec(text.slice(lastToken.end, lastToken.end + 3));
    const bareApostrophe = possessive?.[0].length === 1;
    const end =
      possessive && (!bareApostrophe || /s$/i.test(lastToken.text))
        ? lastToken.end + possessive[0].length
        : lastToken.end;
    if (!isGlued(text, first.start, lastToken.end)) {
      matches.push({
        start: first.start,
        end,
        entryId: best.terminal.entryId,
        alias: best.terminal.alias,
        ambiguous: best.terminal.ambiguous,
      });
    }
    i = best.lastToken + 1;
  }
  return matches;
}
