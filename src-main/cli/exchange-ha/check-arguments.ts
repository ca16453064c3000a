/**
 * `exchange-ha check --pair FILE (--profile FILE | --lab DIR) [--json] [--timeout SECONDS]`, parsed into data. Pure:
 * nothing is read here. The passwords a profile needs come from `--dt-password-file` / `--bind-password-file` or the
 * environment (password-options.ts), never from the command line.
 */
import { resolve } from 'node:path';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../../preflight/run-preflight';
import { UsageError } from '../usage-error';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, PASSWORD_WORDS, secretSource, type SecretSource } from './password-options';

/** Where the passwords of a profile's accounts come from (each absent when neither a file nor the variable is given). */
export interface ProfilePasswordSources {
  readonly doubleTake?: SecretSource;
  readonly directory?: SecretSource;
}

/** The world checked: a pair reached through a connection profile, or a lab folder. */
export type CheckWorldArgument =
  | { readonly kind: 'profile'; readonly file: string; readonly passwords: ProfilePasswordSources }
  | { readonly kind: 'lab'; readonly folder: string };

export interface CheckCommand {
  readonly kind: 'check';
  /** Absolute path of the pair document. */
  readonly pair: string;
  readonly world: CheckWorldArgument;
  /** One JSON object on standard output instead of lines. */
  readonly json: boolean;
  /** Each check's time limit. */
  readonly timeoutMs: number;
}

/** The longest `--timeout` taken: an hour per check. */
export const MAX_CHECK_TIMEOUT_SECONDS = 3600;

type Key = 'pair' | 'profile' | 'lab' | 'json' | 'timeout' | 'dtPasswordFile' | 'bindPasswordFile';

const OPTIONS: readonly { readonly name: string; readonly key: Key; readonly takesValue: boolean }[] = [
  { name: '--pair', key: 'pair', takesValue: true },
  { name: '--profile', key: 'profile', takesValue: true },
  { name: '--lab', key: 'lab', takesValue: true },
  { name: '--json', key: 'json', takesValue: false },
  { name: '--timeout', key: 'timeout', takesValue: true },
  { name: '--dt-password-file', key: 'dtPasswordFile', takesValue: true },
  { name: '--bind-password-file', key: 'bindPasswordFile', takesValue: true },
];

/** `argument 4`: 1-based over the words after the program name, as a person counts them. */
const at = (index: number): string => `argument ${index + 1}`;

interface Given {
  readonly value: string;
  readonly index: number;
}

/**
 * Parses the words after the program name, `words[0]` being `check`. Throws UsageError naming the offending
 * argument.
 */
export function parseCheckCommand(words: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CheckCommand {
  const given = new Map<Key, Given>();
  for (let i = 1; i < words.length; i += 1) {
    const index = i;
    const word = words[i] ?? '';
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals === -1 ? word : word.slice(0, equals);
    const refused = PASSWORD_WORDS[name];
    if (refused !== undefined) throw new UsageError(`${name} (${at(i)}): a password is never taken from the command line; ${refused}`);
    const spec = OPTIONS.find((o) => o.name === name);
    if (spec === undefined) {
      throw new UsageError(word.startsWith('-') ? `unknown option ${name} (${at(i)}) for check` : `unexpected "${word}" (${at(i)}); options start with --`);
    }
    let value = '';
    if (spec.takesValue) {
      if (equals !== -1) value = word.slice(equals + 1);
      else {
        const next = words[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${spec.name} (${at(i)}) needs a value`);
        value = next;
        i += 1;
      }
      if (value === '') throw new UsageError(`${spec.name} (${at(index)}) has an empty value`);
    } else if (equals !== -1) {
      throw new UsageError(`${spec.name} (${at(i)}) takes no value`);
    }
    const first = given.get(spec.key);
    if (first !== undefined) throw new UsageError(`${spec.name} is given twice (${at(first.index)} and ${at(index)}); give it once`);
    given.set(spec.key, { value, index });
  }

  const pair = given.get('pair');
  if (pair === undefined) throw new UsageError('check needs --pair FILE (the pair document)');
  const profile = given.get('profile');
  const lab = given.get('lab');
  if (profile !== undefined && lab !== undefined) {
    throw new UsageError(`--profile (${at(profile.index)}) and --lab (${at(lab.index)}) name two worlds; check one: the pair through its profile, or the lab`);
  }
  const dtFile = given.get('dtPasswordFile');
  const bindFile = given.get('bindPasswordFile');
  let world: CheckWorldArgument;
  if (lab !== undefined) {
    const passwordFile = dtFile ?? bindFile;
    if (passwordFile !== undefined) {
      const name = passwordFile === dtFile ? '--dt-password-file' : '--bind-password-file';
      throw new UsageError(`${name} (${at(passwordFile.index)}) is for a profile's accounts; the lab needs no password`);
    }
    world = { kind: 'lab', folder: resolve(cwd, lab.value) };
  } else if (profile !== undefined) {
    const doubleTake = secretSource(dtFile?.value, DT_PASSWORD_ENV, env, cwd);
    const directory = secretSource(bindFile?.value, BIND_PASSWORD_ENV, env, cwd);
    world = {
      kind: 'profile',
      file: resolve(cwd, profile.value),
      passwords: { ...(doubleTake === undefined ? {} : { doubleTake }), ...(directory === undefined ? {} : { directory }) },
    };
  } else {
    throw new UsageError('check needs --profile FILE (the connection profile of the pair), or --lab DIR to check a lab');
  }

  const timeout = given.get('timeout');
  return {
    kind: 'check',
    pair: resolve(cwd, pair.value),
    world,
    json: given.has('json'),
    timeoutMs: timeout === undefined ? DEFAULT_CHECK_TIMEOUT_MS : timeoutMs(timeout),
  };
}

/** `--timeout SECONDS` in milliseconds: a positive number of seconds (decimals allowed), at most an hour. */
function timeoutMs(timeout: Given): number {
  const where = `--timeout (${at(timeout.index)})`;
  if (!/^\d+(\.\d+)?$/.test(timeout.value)) throw new UsageError(`${where} "${timeout.value.slice(0, 40)}" is not a number of seconds, e.g. --timeout 30`);
  const seconds = Number(timeout.value);
  if (seconds <= 0 || seconds > MAX_CHECK_TIMEOUT_SECONDS) {
    throw new UsageError(`${where} must be more than 0 and at most ${MAX_CHECK_TIMEOUT_SECONDS} seconds, not ${timeout.value}`);
  }
  return Math.round(seconds * 1000);
}
