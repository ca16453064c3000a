/**
 * Removes what can be a secret from text that leaves the program's control: the fatal-error dialog's "Copy error"
 * text, and the shell's log lines. Over-redacting an innocent word is cheap; leaking a domain admin's password into a
 * support ticket is not.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY = String.raw`[\w.-]*(?:password|passwd|passphrase|pwd|secret|token|credentials?|api[-_]?key|private[-_]?key)`;
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'`;

/** `password=x`, `"bindPassword": "x"`, `secret: x`, `apiKey='x'` → the value replaced, quotes kept. */
const KEY_VALUE = new RegExp(String.raw`(["']?)\b(${SECRET_KEY})\1(\s*[:=]\s*)(${QUOTED}|[^\s"',;&}\]]+)`, 'gi');
/** `--password x`, `-pwd x` on a command line. */
const OPTION_VALUE = new RegExp(String.raw`(^|\s)(--?${SECRET_KEY})(\s+)(${QUOTED}|[^\s"']+)`, 'gim');
/** exchfailover's `-u <user> <password>` (the option letter is case-insensitive, the password is not). */
const USER_PASSWORD_OPTION = new RegExp(String.raw`(^|\s)([-/]u)(\s+)(${QUOTED}|\S+)(\s+)(${QUOTED}|\S+)`, 'gim');
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

export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = text
    .replace(KEY_VALUE, (_m, q: string, key: string, sep: string, value: string) => `${q}${key}${q}${sep}${redactValue(value)}`)
    .replace(OPTION_VALUE, (_m, lead: string, option: string, gap: string, value: string) => `${lead}${option}${gap}${redactValue(value)}`)
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
