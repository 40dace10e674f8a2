import { disambiguate } from './disambiguate';
import { matchTerms, type MatchOptions, type TermMatch } from './match-terms';
import type { TermIndex } from './term-index';

export interface FindOptions extends MatchOptions {
  /** Keep ambiguous aliases only where the text supports the domain sense. Default: true. */
  context?: boolean;
}

/**
 * Everything Factlens would mark in one text taken as a whole page: exact and (optionally)
 * fuzzy matches, then the context rule for ambiguous aliases over the whole text.
 */
export function findTerms(text: string, index: TermIndex, options: FindOptions = {}): TermMatch[] {
  const matches = matchTerms(text, index, options);
  return options.context === false ? matches : disambiguate(matches, text);
}
