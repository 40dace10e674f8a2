import type { DetailLevel, FactEntry, Source } from '@/data/types';

export interface FactCardProps {
  entry: FactEntry;
  level: DetailLevel;
  /** Id of the card's heading, for aria-labelledby on the surrounding dialog. */
  headingId?: string;
}

const EVIDENCE_LABELS: Record<Source['evidence'], string> = {
  label: 'drug or device label',
  agency: 'agency page',
  guideline: 'guideline',
  rct: 'randomized controlled trial',
  'meta-analysis': 'meta-analysis',
  review: 'review',
  preclinical: 'preclinical (animal or cell) study',
  observational: 'observational study',
  reference: 'reference work',
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

/** The card: what the term is at the chosen detail level, each claim with its sources. */
export function FactCard({ entry, level, headingId = 'factlens-card-title' }: FactCardProps) {
  const sources = citedSources(entry, level);
  const numberOf = (id: string) => sources.findIndex((s) => s.id === id) + 1;
  return (
    <article class="card" data-level={level} data-entry={entry.id}>
      <header class="card-header">
        <h2 id={headingId} class="card-title">
          {entry.title}
        </h2>
        <span class="card-level">{level}</span>
      </header>
      <p class="card-text">
        {entry.levels[level].map((claim, index) => (
          <span class="claim" key={index}>
            {claim.text}
            {claim.sources.map((id) => (
              <sup class="cite" key={id} title={sources[numberOf(id) - 1]?.title}>
                [{numberOf(id)}]
              </sup>
            ))}{' '}
          </span>
        ))}
      </p>
      <ol class="card-sources" aria-label="Sources">
        {sources.map((source) => (
          <li key={source.id}>
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              {source.title}
            </a>{' '}
            <span class="source-meta">
              {source.publisher}, {source.year}
              {level === 'expert' ? ` · ${EVIDENCE_LABELS[source.evidence]}` : ''}
            </span>
          </li>
        ))}
      </ol>
      <footer class="card-footer">
        <span class="disclaimer">Educational information, not medical advice.</span>
        {level === 'expert' ? <span class="reviewed">Reviewed {entry.reviewed}</span> : null}
      </footer>
    </article>
  );
}
