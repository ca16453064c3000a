/**
 * The program's one redaction of secrets (bind and Double-Take passwords, tokens), used by every host:
 *  - a mask of the secrets the program knows (`createSecretMask`): the command lines pass every text they write
 *    (standard output and error, the log file, the JSON summary) through it, so the password becomes `********` even
 *    if a library, a server or the engine were to echo it;
 *  - a redaction of what looks like a secret in free text (`redactSecrets`: `password=x`, `-u user password`, DTCL's
 *    `LOGIN host user password`, `scheme://user:password@host`, …) for text the program did not compose, such as an
 *    error's message and stack (the fatal-error dialog, the logs);
 *  - the names of the fields that can hold a secret (`isSecretFieldName`, `SECRET_FIELD_NAMES`), which the structured
 *    logger censors wherever they occur (logger.ts).
 * Over-redacting an innocent word is cheap; leaking a domain admin's password into a support ticket is not.
 */

/** What stands for a secret wherever one would have been written. */
export const REDACTED = '********';

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
  const text = (value: string): string => secrets.reduce((result, secret) => result.split(secret).join(REDACTED), value);
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

/** The words a field's name ends with when its value can be a secret (any letter case): `bindPassword`, `dtSecret`. */
export const SECRET_FIELD_NAMES = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  'credentials',
  'apiKey',
  'privateKey',
  'authorization',
  'cookie',
] as const;

const SECRET_WORD = String.raw`(?:password|passwd|passphrase|pwd|secret|token|credentials?|api[-_]?key|private[-_]?key)`;
const SECRET_FIELD = new RegExp(String.raw`(?:${SECRET_WORD}s?|authorization|cookie)$`, 'i');

/** True for a field name whose value can be a secret (`password`, `bindPassword`, `credentials`, `apiKey`, …). */
export const isSecretFieldName = (name: string): boolean => SECRET_FIELD.test(name);

const SECRET_KEY = String.raw`[\w.-]*${SECRET_WORD}`;
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'`;

/** `password=x`, `"bindPassword": "x"`, `secret: x`, `apiKey='x'` → the value replaced, quotes kept. */
const KEY_VALUE = new RegExp(String.raw`(["']?)\b(${SECRET_KEY})\1(\s*[:=]\s*)(${QUOTED}|[^\s"',;&}\]]+)`, 'gi');
/** `--password x`, `-pwd x` on a command line. */
const OPTION_VALUE = new RegExp(String.raw`(^|\s)(--?${SECRET_KEY})(\s+)(${QUOTED}|[^\s"']+)`, 'gim');
/** exchfailover's `-u <user>:<password>` (the option letter is case-insensitive, the password is not). */
const USER_COLON_PASSWORD_OPTION = /(^|\s)([-/]u)(\s+)([^\s:"']+):(\S+)/gim;
/** The seed's `-u <user> <password>` (a user without a colon, so the form above is never read twice). */
const USER_PASSWORD_OPTION = new RegExp(String.raw`(^|\s)([-/]u)(\s+)(${QUOTED}|[^\s:]+)(\s+)(${QUOTED}|\S+)`, 'gim');
/** DTCL's `LOGIN <host> <user> <password>` (older builds: LOGON). */
const DTCL_LOGIN = new RegExp(String.raw`\b(log[io]n)(\s+)(${QUOTED}|\S+)(\s+)(${QUOTED}|\S+)(\s+)(${QUOTED}|[^\s;]+)`, 'gi');
/** `scheme://user:password@host`. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+):([^\s/@]+)@/gi;
/** `Authorization: Bearer x`, `Basic x`. */
const AUTH_SCHEME = /\b(Bearer|Basic|NTLM|Negotiate)\s+[A-Za-z0-9._~+/=-]{8,}/g;

const redactValue = (value: string): string => {
  const quote = value[0];
  return (quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2 ? `${quote}${REDACTED}${quote}` : REDACTED;
};

export interface RedactOptions {
  /** The user's home folder, replaced by `~` (it carries the user's name). */
  readonly homeDir?: string;
}

/**
 * Free text with whatever looks like a secret replaced by `********` (quotes kept) and, when given, the user's home
 * folder by `~`. For text the program did not compose (an error's message or stack); what it composes itself
 * never holds a secret in the first place.
 */
export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = text
    .replace(KEY_VALUE, (_m, q: string, key: string, sep: string, value: string) => `${q}${key}${q}${sep}${redactValue(value)}`)
    .replace(OPTION_VALUE, (_m, lead: string, option: string, gap: string, value: string) => `${lead}${option}${gap}${redactValue(value)}`)
    .replace(USER_COLON_PASSWORD_OPTION, (_m, lead: string, option: string, gap: string, user: string) => `${lead}${option}${gap}${user}:${REDACTED}`)
    .replace(
      USER_PASSWORD_OPTION,
      (_m, lead: string, option: string, g1: string, user: string, g2: string, password: string) =>
        `${lead}${option}${g1}${user}${g2}${redactValue(password)}`,
    )
    .replace(
      DTCL_LOGIN,
      (_m, verb: string, g1: string, host: string, g2: string, user: string, g3: string, password: string) =>
        `${verb}${g1}${host}${g2}${user}${g3}${redactValue(password)}`,
    )
    .replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  const home = options.homeDir;
  if (home !== undefined && home.length > 1) {
    for (const variant of new Set([home, home.replace(/\\/g, '/'), home.replace(/\\/g, '\\\\')])) {
      out = out.split(variant).join('~');
    }
  }
  return out;
}
