/**
 * The words of one `exchange-ha` command read into options, the same way for every command that takes `--name VALUE`
 * options (`setup`, `check`): `--name value` or `--name=value`, a value never empty, a flag never given a value, an
 * option given once unless it may repeat, and a password option refused without repeating its value. Pure.
 */
import { UsageError } from '../usage-error';
import { PASSWORD_WORDS } from './password-options';

export interface OptionSpec<K extends string> {
  readonly name: string;
  readonly key: K;
  readonly takesValue: boolean;
  readonly repeatable?: boolean;
}

/** An option's value (empty for a flag) and where it was given (0-based over the words after the program name). */
export interface Given {
  readonly value: string;
  readonly index: number;
}

/** `argument 4`: 1-based over the words after the program name, as a person counts them. */
export const at = (index: number): string => `argument ${index + 1}`;

export interface OptionReading<S> {
  /** Added to "unknown option --x (argument 3)", e.g. " for check". */
  readonly unknownSuffix?: string;
  /** Called once an option is recognised, before its value is read: throws UsageError when it is not taken here. */
  readonly accept?: (spec: S, index: number) => void;
}

/**
 * Reads `words[from..]` (the indexes in messages count from the program name's next word, `words[0]`). Throws
 * UsageError naming the offending argument.
 */
export function readOptionWords<K extends string, S extends OptionSpec<K>>(
  words: readonly string[],
  from: number,
  specs: readonly S[],
  reading: OptionReading<S> = {},
): ReadonlyMap<K, readonly Given[]> {
  const values = new Map<K, Given[]>();
  for (let i = from; i < words.length; i += 1) {
    const index = i;
    const word = words[i] ?? '';
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals === -1 ? word : word.slice(0, equals);
    const refused = PASSWORD_WORDS[name];
    if (refused !== undefined) throw new UsageError(`${name} (${at(index)}): a password is never taken from the command line; ${refused}`);
    const spec = specs.find((o) => o.name === name);
    if (spec === undefined) {
      throw new UsageError(word.startsWith('-') ? `unknown option ${name} (${at(index)})${reading.unknownSuffix ?? ''}` : `unexpected "${word}" (${at(index)}); options start with --`);
    }
    reading.accept?.(spec, index);
    let value = '';
    if (spec.takesValue) {
      if (equals !== -1) value = word.slice(equals + 1);
      else {
        const next = words[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${spec.name} (${at(index)}) needs a value`);
        value = next;
        i += 1;
      }
      if (value === '') throw new UsageError(`${spec.name} (${at(index)}) has an empty value`);
    } else if (equals !== -1) {
      throw new UsageError(`${spec.name} (${at(index)}) takes no value`);
    }
    const before = values.get(spec.key) ?? [];
    const first = before[0];
    if (first !== undefined && spec.repeatable !== true) {
      throw new UsageError(`${spec.name} is given twice (${at(first.index)} and ${at(index)}); give it once`);
    }
    values.set(spec.key, [...before, { value, index }]);
  }
  return values;
}
