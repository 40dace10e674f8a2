export interface ImportResultProps {
  /** What an import said: a success line, or the errors that stopped it. */
  result: { ok?: string; errors: string[] };
  /** The line above the errors, such as "The pack was not imported:". */
  failure: string;
}

/** The outcome of importing a file: a status line, or every error named, announced to screen readers. */
export function ImportResult({ result, failure }: ImportResultProps) {
  if (result.errors.length > 0) {
    return (
      <div role="alert">
        <p>{failure}</p>
        <ul class="error-list">
          {result.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      </div>
    );
  }
  return result.ok ? <p role="status">{result.ok}</p> : null;
}
