/**
 * `exchange-ha check --pair FILE (--profile FILE | --lab DIR) [--json] [--timeout SECONDS]`, parsed into data. Pure:
 * nothing is read here. The passwords a profile needs come from `--dt-password-file` / `--bind-password-file` or the
 * environment (password-options.ts), never from the command line.
 */
import { resolve } from 'node:path';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../../preflight/run-preflight';
import { UsageError } from '../usage-error';
import { at, readOptionWords, type Given, type OptionSpec } from './option-words';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, secretSource, type SecretSource } from './password-options';

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

const OPTIONS: readonly OptionSpec<Key>[] = [
  { name: '--pair', key: 'pair', takesValue: true },
  { name: '--profile', key: 'profile', takesValue: true },
  { name: '--lab', key: 'lab', takesValue: true },
  { name: '--json', key: 'json', takesValue: false },
  { name: '--timeout', key: 'timeout', takesValue: true },
  { name: '--dt-password-file', key: 'dtPasswordFile', takesValue: true },
  { name: '--bind-password-file', key: 'bindPasswordFile', takesValue: true },
];

/**
 * Parses the words after the program name, `words[0]` being `check`. Throws UsageError naming the offending
 * argument.
 */
export function parseCheckCommand(words: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CheckCommand {
  const read = readOptionWords(words, 1, OPTIONS, { unknownSuffix: ' for check' });
  const one = (key: Key): Given | undefined => read.get(key)?.[0];

  const pair = one('pair');
  if (pair === undefined) throw new UsageError('check needs --pair FILE (the pair document)');
  const profile = one('profile');
  const lab = one('lab');
  if (profile !== undefined && lab !== undefined) {
    throw new UsageError(`--profile (${at(profile.index)}) and --lab (${at(lab.index)}) name two worlds; check one: the pair through its profile, or the lab`);
  }
  const dtFile = one('dtPasswordFile');
  const bindFile = one('bindPasswordFile');
  let world: CheckWorldArgument;
  if (lab !== undefined) {
    const passwordFile = dtFile ?? bindFile;
    if (passwordFile !== undefined) {
      const name = passwordFile === dtFile ? '--dt-password-file' : '--bind-password-file';
      throw new UsageError(`${name} (${at(passwordFile.index)}) is for a profile's accounts; the lab needs no password`);
    }
    world = { kind: 'lab', folder: resolve(cwd, lab.value) };
  } else if (profile !== undefined) {
    world = profileWorld(profile, dtFile, bindFile, env, cwd);
  } else {
    throw new UsageError('check needs --profile FILE (the connection profile of the pair), or --lab DIR to check a lab');
  }

  const timeout = one('timeout');
  return {
    kind: 'check',
    pair: resolve(cwd, pair.value),
    world,
    json: one('json') !== undefined,
    timeoutMs: timeout === undefined ? DEFAULT_CHECK_TIMEOUT_MS : timeoutMs(timeout),
  };
}

/**
 * The world of `--profile FILE`: the profile's file and where each of its passwords comes from —
 * `--dt-password-file` / `--bind-password-file`, else their environment variables. Whether a password is needed
 * depends on the profile, read later (profile-passwords.ts); none is refused here. For every command taking --profile.
 */
export function profileWorld(
  profile: Given,
  dtPasswordFile: Given | undefined,
  bindPasswordFile: Given | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { readonly kind: 'profile'; readonly file: string; readonly passwords: ProfilePasswordSources } {
  const doubleTake = secretSource(dtPasswordFile?.value, DT_PASSWORD_ENV, env, cwd);
  const directory = secretSource(bindPasswordFile?.value, BIND_PASSWORD_ENV, env, cwd);
  return {
    kind: 'profile',
    file: resolve(cwd, profile.value),
    passwords: { ...(doubleTake === undefined ? {} : { doubleTake }), ...(directory === undefined ? {} : { directory }) },
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
