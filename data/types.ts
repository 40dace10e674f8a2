/** How much a card says: one line, a short paragraph, or mechanism and evidence. */
export type DetailLevel = 'brief' | 'standard' | 'expert';

export const DETAIL_LEVELS: readonly DetailLevel[] = ['brief', 'standard', 'expert'];

export type Category = 'treatment' | 'neurobiology' | 'neuromodulation' | 'condition' | 'concept';

export const CATEGORIES: readonly Category[] = ['treatment', 'neurobiology', 'neuromodulation', 'condition', 'concept'];

export type EvidenceType =
  'label' | 'agency' | 'guideline' | 'rct' | 'meta-analysis' | 'review' | 'preclinical' | 'observational' | 'reference';

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  'label',
  'agency',
  'guideline',
  'rct',
  'meta-analysis',
  'review',
  'preclinical',
  'observational',
  'reference',
];

/** One way a term is written on pages. */
export interface Alias {
  text: string;
  /** Matched only in exactly this casing (TMS, rTMS, mTOR), never inside lower-case prose. */
  abbreviation?: boolean;
  /**
   * Matched only in exactly this casing, like an abbreviation, for a capitalised form with
   * its own sense ("Synapse" the product beside "synapse" the junction).
   */
  caseSensitive?: boolean;
  /** Has other common meanings (TMS = transportation management system): needs page context. */
  ambiguous?: boolean;
  /**
   * For ambiguous aliases: phrases that spell out another sense ("transportation management
   * system", "Great Depression"). Where a page uses one, the alias is not marked there.
   */
  otherMeanings?: string[];
  /**
   * For ambiguous aliases: lower-case word stems or phrases that suggest the domain sense
   * nearby ("psychiatr" matches psychiatric and psychiatrist; "mental health").
   */
  cues?: string[];
}

/** One sentence or two, tied to the sources that support it. */
export interface Claim {
  text: string;
  /** Ids of entries in {@link FactEntry.sources}. */
  sources: string[];
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  year: number;
  /** https URL a reader can open (DOI, PubMed, agency page). */
  url: string;
  evidence: EvidenceType;
}

export interface FactEntry {
  id: string;
  title: string;
  category: Category;
  aliases: Alias[];
  /** Adjectival forms and irregular plurals the matcher cannot derive ("synaptic"). */
  forms: string[];
  levels: Record<DetailLevel, Claim[]>;
  sources: Source[];
  related: string[];
  /** ISO date (YYYY-MM-DD) of the last review against the sources. */
  reviewed: string;
}

/** What matching, the popup list and related links need of an entry: no card text. */
export type TermSummary = Pick<FactEntry, 'id' | 'title' | 'category' | 'aliases' | 'forms' | 'related'>;
