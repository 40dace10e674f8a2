import { useState } from 'preact/hooks';

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
      setError(
        `"${draft}" is not a site. Type a host name such as example.com, or *.example.com for all its subdomains.`,
      );
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
            placeholder="example.com or *.example.com"
            aria-invalid={error !== ''}
            aria-describedby={error ? 'site-error' : undefined}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit">Add</button>
      </form>
      {error ? (
        <p id="site-error" class="error-list" role="alert">
          {error}
        </p>
      ) : null}
      {sites.length === 0 ? (
        <p class="muted">No sites yet.</p>
      ) : (
        <ul class="site-list">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>{' '}
              <button
                type="button"
                aria-label={`Remove ${site}`}
                onClick={() => onChange(sites.filter((s) => s !== site))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
