// Compares a `web-ext lint --output json` report with the known, explained warnings.

/**
 * @typedef {{ code: string, message: string, file?: string, line?: number, description?: string }} Finding
 * @typedef {{ code: string, message: string, max: number, why: string }} KnownWarning
 */

/**
 * What fails a release: every error, and each warning that is not known or that comes more
 * often than its `max`. Notices are only printed.
 * @param {{ errors?: Finding[], warnings?: Finding[] }} report
 * @param {KnownWarning[]} known
 * @returns {{ errors: Finding[], unexpected: Finding[], accepted: { known: KnownWarning, findings: Finding[] }[] }}
 */
export function reviewLintReport(report, known) {
  const errors = report.errors ?? [];
  const unexpected = [];
  const accepted = known.map((entry) => ({ known: entry, findings: /** @type {Finding[]} */ ([]) }));
  for (const finding of report.warnings ?? []) {
    const slot = accepted.find(
      ({ known: entry, findings }) =>
        entry.code === finding.code && entry.message === finding.message && findings.length < entry.max,
    );
    if (slot) slot.findings.push(finding);
    else unexpected.push(finding);
  }
  return { errors, unexpected, accepted };
}

/**
 * One line for a finding: code, place and message.
 * @param {Finding} finding
 */
export function describeFinding(finding) {
  const place = finding.file ? ` ${finding.file}${finding.line ? `:${finding.line}` : ''}` : '';
  return `${finding.code}${place}: ${finding.message}`;
}
