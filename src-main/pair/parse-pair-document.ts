import type { z } from 'zod';
import { pairDocumentSchema, type PairDocument } from './pair-document-schema';
import { formatFieldPath, PairDocumentError, type PairProblem } from './pair-problems';

/**
 * Reading a pair document from untrusted JSON: every problem at once, each with its field path and a message a
 * person can act on, never a stack of zod internals.
 */

/** The outcome of checking a value: the typed document, or every problem found. */
export type PairDocumentCheck = { readonly ok: true; readonly document: PairDocument } | { readonly ok: false; readonly problems: readonly PairProblem[] };

/** Checks `json` (a value parsed from JSON, or a form's state) against the pair document's rules. Never throws. */
export function checkPairDocument(json: unknown): PairDocumentCheck {
  const result = pairDocumentSchema.safeParse(json, { error: builtInMessage });
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, problems: result.error.issues.flatMap(toProblems) };
}

/** The typed document, or a PairDocumentError listing every problem; `source` names where it came from. */
export function parsePairDocument(json: unknown, source: string): PairDocument {
  const check = checkPairDocument(json);
  if (check.ok) return check.document;
  throw new PairDocumentError(source, check.problems);
}

function toProblems(issue: z.core.$ZodIssue): PairProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatFieldPath([...issue.path, key]),
      message: `'${key}' is not a field of the pair document here; check its spelling or remove it.`,
    }));
  }
  return [{ path: formatFieldPath(issue.path), message: issue.message }];
}

/** Messages for zod's own checks (types, missing fields), in the same plain words as the rules'. */
function builtInMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const wanted = describeExpected(issue.expected);
      if (issue.input === undefined) return `This field is missing; give ${wanted}.`;
      return `Expected ${wanted}, found ${describeValue(issue.input)}.`;
    }
    case 'too_small':
      return issue.origin === 'array' ? `Give at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}.` : undefined;
    default:
      return undefined;
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
