import Fuse from 'fuse.js';
import { useMemo, useState } from 'preact/hooks';
import type { DetailLevel, FactEntry } from '@/data/types';
import { categoryName, t } from '@/utils/i18n';
import { FactCard } from './FactCard';

export interface GlossaryProps {
  entries: readonly FactEntry[];
  level: DetailLevel;
}

/** Search over every term, alias and category; the chosen term's card at the chosen level. */
export function Glossary({ entries, level }: GlossaryProps) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const fuse = useMemo(
    () =>
      new Fuse([...entries], {
        keys: [
          { name: 'title', weight: 3 },
          { name: 'aliases.text', weight: 2 },
          { name: 'forms', weight: 1 },
          { name: 'category', weight: 1 },
        ],
        threshold: 0.35,
        ignoreLocation: true,
      }),
    [entries],
  );
  const results = query.trim()
    ? fuse.search(query.trim(), { limit: 20 }).map((result) => result.item)
    : [...entries].sort((a, b) => a.title.localeCompare(b.title));
  const shown = entries.find((entry) => entry.id === selected);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return (
    <div class="glossary">
      <label class="glossary-search">
        {t('glossarySearch')}{' '}
        <input type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
      </label>
      <div class="glossary-body">
        <ul class="glossary-results" aria-label={t('glossaryResults')}>
          {results.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                class="link-button"
                aria-current={entry.id === selected}
                onClick={() => setSelected(entry.id)}
              >
                {entry.title}
              </button>{' '}
              <span class="muted">{categoryName(entry.category)}</span>
            </li>
          ))}
          {results.length === 0 ? <li class="muted">{t('glossaryNoMatch', query)}</li> : null}
        </ul>
        {shown ? (
          <div class="preview glossary-card">
            <FactCard
              entry={shown}
              level={level}
              headingId="glossary-card-title"
              related={shown.related.flatMap((id) => {
                const target = byId.get(id);
                return target ? [{ id, title: target.title }] : [];
              })}
              onOpenRelated={setSelected}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}
