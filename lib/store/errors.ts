/**
 * Errors the store throws at its callers. Every message names the function and the offending input, and the
 * `issues` list names each invalid field, so the capture UI can put the message next to the field.
 */
import type { z } from 'zod';

export type StoreErrorCode = 'invalid' | 'unknown-account' | 'not-found' | 'stale' | 'corrupt';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `title` or `tags.3`; empty for the record as a whole. */
  path: string;
  message: string;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(code: StoreErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.issues = issues;
  }
}

/** Turns zod's issues into short messages a rep can act on: "title: too long (max 200 characters)". */
export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: describeIssue(issue) }));
}

/** The issues joined into one line, `path: message; …`, at most `max` of them. */
export function issuesText(issues: readonly FieldIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return shown.join('; ') + more;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `too long (max ${issue.maximum} characters)`;
      if (issue.origin === 'array') return `too many entries (max ${issue.maximum})`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'required' : `too short (min ${issue.minimum} characters)`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} entries`;
      return issue.inclusive === false ? `must be greater than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'invalid date-time (expected ISO 8601, e.g. 2026-03-01T09:30:00Z)';
      if (issue.format === 'date') return 'invalid date (expected a real calendar day as YYYY-MM-DD)';
      return issue.message;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      // zod v4 leaves the input out of issues; its default message says what it received.
      return issue.message.endsWith('received undefined') ? 'required' : `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}
