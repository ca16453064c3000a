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

/**
 * Whether JSON.stringify of `value` sees exactly what the masking walk sees: strings, numbers, Booleans, null and
 * plain objects and arrays of them (no toJSON, no Date, no Map). Checked one level deep for arrays and objects,
 * which is the shape of the plan's changes; anything else takes the masking walk.
 */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) {
    if (inner === null || typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' || inner === undefined) continue;
    if (!Array.isArray(inner) || !inner.every((item) => typeof item === 'string')) return false;
  }
  return true;
}

/** A mask for the given secrets (empty ones are ignored); longer secrets are replaced first. */
export function createSecretMask(initial: readonly (string | undefined)[] = []): SecretMask {
  const secrets: string[] = [];
  /** What each secret looks like inside JSON text; `undefined` for a secret that is always walked (see below). */
  let inJson: (string | undefined)[] = [];
  const add = (secret: string | undefined): void => {
    if (secret === undefined || secret === '' || secrets.includes(secret)) return;
    secrets.push(secret);
    secrets.sort((a, b) => b.length - a.length);
    // (A secret with a surrogate half could pair with its neighbour and be written unescaped: always walk then.)
    inJson = secrets.map((known) => (/[\ud800-\udfff]/.test(known) ? undefined : JSON.stringify(known).slice(1, -1)));
  };
  initial.forEach(add);
  const text = (value: string): string => secrets.reduce((result, secret) => result.split(secret).join(PASSWORD_MASK), value);
  // JSON escapes a string character by character, so a string holding a secret serialises to text holding the
  // secret's escaped form: when no escaped secret occurs in the plain JSON, masking changes nothing.
  const mayHoldSecret = (json: string): boolean => inJson.some((escaped) => escaped === undefined || json.includes(escaped));
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), mask(inner)]));
    }
    return value;
  };
  const json = (value: unknown): string => {
    if (isPlainData(value)) {
      const plain = JSON.stringify(value);
      if (!mayHoldSecret(plain)) return plain;
    }
    return JSON.stringify(mask(value));
  };
  return { text, json, add };
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
