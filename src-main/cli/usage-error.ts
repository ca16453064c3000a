/**
 * A refusal of the command line before anything was changed: bad usage, an unreadable file, a malformed rule, an
 * input over its limit. The message is one line that says what is wrong and where (`argument 4`, `options.txt:3`);
 * it never holds a password, and quotes at most a short excerpt of a value.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where a word came from, for messages: `argument 3` or `options.txt:2`. */
export type WordOrigin = { readonly kind: 'argument'; readonly index: number } | { readonly kind: 'file'; readonly file: string; readonly line: number };

/** The origin as messages write it. */
export function describeOrigin(origin: WordOrigin): string {
  return origin.kind === 'argument' ? `argument ${origin.index}` : `${origin.file}:${origin.line}`;
}
