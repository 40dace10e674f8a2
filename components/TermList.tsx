import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { PageTerm } from '@/utils/messages';

/** A marked term with the brief text shown as its preview. */
export type ListedTerm = PageTerm & { brief: string };

export interface TermListProps {
  terms: ListedTerm[];
  /** Scroll the page to the next occurrence of the term and open its card. */
  onShow: (entryId: string) => void;
}

/** The terms marked on the page, with counts; each opens a short preview and can be shown on the page. */
export function TermList({ terms, onShow }: TermListProps) {
  const [open, setOpen] = useState<string | undefined>(undefined);
  if (terms.length === 0) return <p class="muted">{t('termListEmpty')}</p>;
  return (
    <ul class="term-list" aria-label={t('termListLabel')}>
      {terms.map((term) => (
        <li key={term.entryId} class="term-item">
          <button
            type="button"
            class="term-toggle"
            aria-expanded={open === term.entryId}
            onClick={() => setOpen(open === term.entryId ? undefined : term.entryId)}
          >
            <span class="term-title">{term.title}</span>
            <span class="term-count" aria-label={t('termListCount', term.count)}>
              {term.count}
            </span>
          </button>
          {open === term.entryId ? (
            <div class="term-preview">
              <p>{term.brief}</p>
              <button type="button" class="link-button" onClick={() => onShow(term.entryId)}>
                {t('termListShow')}
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
