import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface SitesEditorProps {
  label: string;
  sites: readonly string[];
  /** Turns typed text into a site pattern, or undefined when it is not one. */
  toPattern: (input: string) => string | undefined;
  onChange: (sites: string[]) => void;
}

/** A list of site patterns with add and remove. */
export function SitesEditor({ label, sites, toPattern, onChange }: SitesEditorProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const pattern = toPattern(draft);
    if (!pattern) {
      setError(t('sitesNotASite', draft));
      return;
    }
    setError('');
    setDraft('');
    if (!sites.includes(pattern)) onChange([...sites, pattern]);
  };
  return (
    <div class="sites-editor">
      <form onSubmit={add} class="inline-form">
        <label>
          {label}{' '}
          <input
            type="text"
            value={draft}
            placeholder={t('sitesPlaceholder')}
            aria-invalid={error !== ''}
            aria-describedby={error ? 'site-error' : undefined}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit">{t('sitesAdd')}</button>
      </form>
      {error ? (
        <p id="site-error" class="error-list" role="alert">
          {error}
        </p>
      ) : null}
      {sites.length === 0 ? (
        <p class="muted">{t('sitesEmpty')}</p>
      ) : (
        <ul class="site-list">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>{' '}
              <button
                type="button"
                aria-label={t('sitesRemoveLabel', site)}
                onClick={() => onChange(sites.filter((s) => s !== site))}
              >
                {t('sitesRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
