/**
 * What is wrong with a pair document, one problem per field: the wizard shows each message beside its field, the
 * command line prints `path: message` lines, and both name the field the same way (`source.physicalDisks[0].drive`).
 */

/** One refused value: where it is in the document and what to do about it. */
export interface PairProblem {
  /** The field, in dotted form with list positions: `target.replicationIpAddress.address`; `(document)` for the whole. */
  readonly path: string;
  /** What is wrong, in words a person can act on; names the value, not the path. */
  readonly message: string;
}

/** Thrown when a pair document cannot be used; lists every problem found, each with its field path. */
export class PairDocumentError extends Error {
  override readonly name = 'PairDocumentError';
  constructor(
    /** Where the document came from (a file path, "the wizard", ...), for the message. */
    readonly source: string,
    readonly problems: readonly PairProblem[],
  ) {
    super(
      `The pair document ${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatPairProblem(p)}`).join('\n'),
    );
  }
}

/** The path of the document itself, for problems that belong to no single field. */
export const DOCUMENT_PATH = '(document)';

/** Formats a zod-style path (`['source', 'physicalDisks', 0, 'drive']`) as `source.physicalDisks[0].drive`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? DOCUMENT_PATH : out;
}

/** `path: message`, the one-line form the command line prints. */
export function formatPairProblem(problem: PairProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * For the UI: field path → message, several messages for one field joined with "; " in the order found. Accepts
 * the error itself or its problem list.
 */
export function describePairProblems(problems: PairDocumentError | readonly PairProblem[]): Record<string, string> {
  const list = problems instanceof PairDocumentError ? problems.problems : problems;
  const out: Record<string, string> = {};
  for (const { path, message } of list) {
    const before = Object.prototype.hasOwnProperty.call(out, path) ? out[path] : undefined;
    // defineProperty, not assignment: a path such as `__proto__` (an unknown key in the file) stays a plain entry.
    Object.defineProperty(out, path, {
      value: before === undefined ? message : `${before}; ${message}`,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
