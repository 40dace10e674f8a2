import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFinding, reviewLintReport } from '@/scripts/lib/lint-report.mjs';

const innerHtml = { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML' };
const known = [{ ...innerHtml, max: 2, why: 'Preact' }];

describe('reviewLintReport', () => {
  it('accepts known warnings up to their count', () => {
    const review = reviewLintReport(
      {
        errors: [],
        warnings: [
          { ...innerHtml, file: 'a.js' },
          { ...innerHtml, file: 'b.js' },
        ],
      },
      known,
    );
    expect(review.unexpected).toEqual([]);
    expect(review.accepted[0]?.findings.map((f) => f.file)).toEqual(['a.js', 'b.js']);
  });

  it('does not accept a known warning more often than its max, nor an unknown one', () => {
    const extra = { ...innerHtml, file: 'c.js' };
    const other = { code: 'DANGEROUS_EVAL', message: 'The Function constructor is eval.', file: 'd.js' };
    const review = reviewLintReport({ warnings: [innerHtml, innerHtml, extra, other] }, known);
    expect(review.unexpected).toEqual([extra, other]);
  });

  it('passes every error through', () => {
    const error = { code: 'MANIFEST_FIELD_REQUIRED', message: '"name" is required', file: 'manifest.json' };
    expect(reviewLintReport({ errors: [error], warnings: [] }, known).errors).toEqual([error]);
  });
});

describe('describeFinding', () => {
  it('names the code, the place and the message', () => {
    expect(describeFinding({ ...innerHtml, file: 'content.js', line: 5 })).toBe(
      'UNSAFE_VAR_ASSIGNMENT content.js:5: Unsafe assignment to innerHTML',
    );
  });
});

describe('scripts/known-lint-warnings.json', () => {
  it('explains each known warning and caps its count', () => {
    const { warnings } = JSON.parse(readFileSync('scripts/known-lint-warnings.json', 'utf8')) as {
      warnings: { code: string; message: string; max: number; why: string }[];
    };
    for (const warning of warnings) {
      expect(warning.code).toMatch(/^[A-Z_]+$/);
      expect(warning.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(warning.max) && warning.max > 0).toBe(true);
      expect(warning.why.length).toBeGreaterThan(40);
    }
  });
});
