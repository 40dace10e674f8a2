import { DETAIL_LEVELS, type DetailLevel, type FactEntry, type Source } from '@/data/types';
import { t, type MessageKey } from '@/utils/i18n';
import { LEVEL_NAMES } from './level-names';

export interface RelatedTerm {
  id: string;
  title: string;
}

export interface FactCardProps {
  entry: FactEntry;
  level: DetailLevel;
  /** Id of the card's heading, for aria-labelledby on the surrounding dialog. */
  headingId?: string;
  /** Related entries that exist, in the order the entry lists them. */
  related?: RelatedTerm[];
  /** Opens a related term inside the same card. */
  onOpenRelated?: (id: string) => void;
  /** Shown when a related term was opened: goes back to the previous one. */
  onBack?: () => void;
  /** Changes the detail level (and saves it as the setting). */
  onLevelChange?: (level: DetailLevel) => void;
  /** Opens the settings page. */
  onOpenSettings?: () => void;
}

const EVIDENCE_LABELS: Record<Source['evidence'], MessageKey> = {
  label: 'evidenceLabel',
  agency: 'evidenceAgency',
  guideline: 'evidenceGuideline',
  rct: 'evidenceRct',
  'meta-analysis': 'evidenceMetaAnalysis',
  review: 'evidenceReview',
  preclinical: 'evidencePreclinical',
  observational: 'evidenceObservational',
  reference: 'evidenceReference',
};

/** Sources cited at this level, numbered in order of first citation. */
export function citedSources(entry: FactEntry, level: DetailLevel): Source[] {
  const order: Source[] = [];
  for (const claim of entry.levels[level]) {
    for (const id of claim.sources) {
      const source = entry.sources.find((s) => s.id === id);
      if (source && !order.includes(source)) order.push(source);
    }
  }
  return order;
}

/** Moves focus to the numbered source in the card's own list (the card may live in a shadow root). */
function showSource(event: Event, elementId: string): void {
  const root = (event.currentTarget as Node).getRootNode() as Document | ShadowRoot;
  const item = root.getElementById(elementId);
  item?.scrollIntoView({ block: 'nearest' });
  item?.focus();
}

/**
 * The card: what the term is at the chosen detail level, each claim with numbered citations
 * that lead to the sources, related terms, the level switch and the disclaimer.
 */
export function FactCard(props: FactCardProps) {
  const { entry, level, headingId = 'factlens-card-title', related = [] } = props;
  const sources = citedSources(entry, level);
  const numberOf = (id: string) => sources.findIndex((s) => s.id === id) + 1;
  const sourceElementId = (n: number) => `factlens-source-${entry.id}-${n}`;
  return (
    <article class="card" data-level={level} data-entry={entry.id} lang="en">
      <div class="card-scroll">
        <header class="card-header">
          {props.onBack ? (
            <button type="button" class="card-back" onClick={props.onBack} aria-label={t('cardBack')}>
              ←
            </button>
          ) : null}
          <h2 id={headingId} class="card-title">
            {entry.title}
          </h2>
        </header>
        <p class="card-text">
          {entry.levels[level].map((claim, index) => (
            <span class="claim" key={index}>
              {claim.text}
              {claim.sources.map((id) => {
                const n = numberOf(id);
                return (
                  <button
                    type="button"
                    class="cite"
                    key={id}
                    aria-label={t('cardCiteLabel', [n, sources[n - 1]?.title ?? ''])}
                    onClick={(event) => showSource(event, sourceElementId(n))}
                  >
                    [{n}]
                  </button>
                );
              })}{' '}
            </span>
          ))}
        </p>
        {related.length > 0 ? (
          <nav class="card-related" aria-label={t('cardRelatedTerms')}>
            <span class="card-label">{t('cardRelated')}</span>{' '}
            {related.map((term, i) => (
              <span key={term.id}>
                {props.onOpenRelated ? (
                  <button type="button" class="link" onClick={() => props.onOpenRelated?.(term.id)}>
                    {term.title}
                  </button>
                ) : (
                  term.title
                )}
                {i < related.length - 1 ? ', ' : ''}
              </span>
            ))}
          </nav>
        ) : null}
        <ol class="card-sources" aria-label={t('cardSources')}>
          {sources.map((source, i) => (
            <li key={source.id} id={sourceElementId(i + 1)} tabIndex={-1}>
              <a href={source.url} target="_blank" rel="noopener noreferrer">
                {source.title}
              </a>{' '}
              <span class="source-meta">
                {source.publisher}, {source.year}
                {level === 'expert' ? ` · ${t(EVIDENCE_LABELS[source.evidence])}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <footer class="card-footer">
        <p class="disclaimer">{t('cardDisclaimer')}</p>
        {level === 'expert' ? <p class="reviewed">{t('cardReviewed', entry.reviewed)}</p> : null}
        <div class="card-controls">
          {props.onLevelChange ? (
            <div class="level-switch" role="group" aria-label={t('detailLevel')}>
              {DETAIL_LEVELS.map((option) => (
                <button
                  type="button"
                  key={option}
                  class="level-option"
                  aria-pressed={option === level}
                  onClick={() => props.onLevelChange?.(option)}
                >
                  {t(LEVEL_NAMES[option])}
                </button>
              ))}
            </div>
          ) : null}
          {props.onOpenSettings ? (
            <button type="button" class="link settings-link" onClick={props.onOpenSettings}>
              {t('settings')}
            </button>
          ) : null}
        </div>
      </footer>
    </article>
  );
}
