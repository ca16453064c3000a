/**
 * The last line of defence for the password: every text the command line writes (standard output and error, the
 * log file, the JSON summary) passes through a mask that replaces the password with `********`, even if a library,
 * a server or the engine were to echo it. The echo of options (command-echo.ts) never holds it in the first place.
 */
import { PASSWORD_MASK } from './command-echo';

/** Replaces every occurrence of the secrets in text values. */
export interface SecretMask {
  text(value: string): string;
  /** JSON of a value with every string (keys too) masked, so masking never breaks the JSON. */
  json(value: unknown): string;
  /** Adds a secret learnt later (the password file's content). */
  add(secret: string | undefined): void;
}

/** A mask for the given secrets (empty ones are ignored); longer secrets are replaced first. */
export function createSecretMask(initial: readonly (string | undefined)[] = []): SecretMask {
  const secrets: string[] = [];
  const add = (secret: string | undefined): void => {
    if (secret === undefined || secret === '' || secrets.includes(secret)) return;
    secrets.push(secret);
    secrets.sort((a, b) => b.length - a.length);
  };
  initial.forEach(add);
  const text = (value: string): string => secrets.reduce((result, secret) => result.split(secret).join(PASSWORD_MASK), value);
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), mask(inner)]));
    }
    return value;
  };
  return { text, json: (value) => JSON.stringify(mask(value)), add };
}

/**
 * The passwords written on a raw command line (the part after the first ':' of each `-u` value), found before
 * parsing, so that even a refusal of the command line cannot print one.
 */
export function passwordsInArguments(argv: readonly string[]): string[] {
  const found: string[] = [];
  argv.forEach((word, index) => {
    if (word.toLowerCase() !== '-u') return;
    const value = argv[index + 1];
    const colon = value?.indexOf(':') ?? -1;
    if (value !== undefined && colon !== -1 && colon < value.length - 1) found.push(value.slice(colon + 1));
  });
  return found;
}
