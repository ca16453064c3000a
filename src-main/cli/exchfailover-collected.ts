/**
 * What the `exchfailover` parser collects from the words (each option's value or flag and where it was given), and
 * the helpers its messages share: where a word came from, and values quoted masked and cut short.
 */
import type { CliFiles } from './cli-files';
import type { OptionKey } from './exchfailover-options';
import { excerpt, quoteValue } from './log-text';
import type { SecretMask } from '../shared/redaction';
import { describeOrigin, type WordOrigin } from './usage-error';

/** What the parser may look at besides the words. */
export interface ArgumentContext {
  /** The current folder: relative paths are resolved against it (also those inside an options file). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly files: CliFiles;
  /**
   * The password mask of the run: a value is masked before a message quotes an excerpt of it (an excerpt could cut
   * a password short of what the mask recognises), and the password file's content is added to it once read.
   */
  readonly mask?: SecretMask;
}

export interface Seen {
  readonly value: string;
  readonly origin: WordOrigin;
}

export interface Collected {
  readonly values: Map<OptionKey, Seen>;
  readonly flags: Map<OptionKey, WordOrigin>;
  readonly rules: { readonly text: string; readonly origin: WordOrigin }[];
}

export const at = (origin: WordOrigin): string => `(${describeOrigin(origin)})`;

/** Quoting a value in a message: masked, then at most a short excerpt (log-text.ts). */
export function quoter(context: ArgumentContext): (value: string) => string {
  return (value) => quoteValue(context.mask?.text(value) ?? value);
}

/** A file name as messages show it: masked, and at most a short excerpt. */
export function shownName(name: string, context: ArgumentContext): string {
  return excerpt(context.mask?.text(name) ?? name);
}

/** Where an option was given (the first `-r` for rules), or undefined. */
export function originOf(collected: Collected, key: OptionKey): WordOrigin | undefined {
  if (key === 'rule') return collected.rules[0]?.origin;
  return collected.flags.get(key) ?? collected.values.get(key)?.origin;
}
