/**
 * The main process's one structured logger (pino, https://getpino.io): JSON lines, a child per subsystem
 * (`{"subsystem":"shell"}`), and one redaction of every field that can hold a secret, so the shell, the preview, the
 * services and the command lines log alike and none of them can write a password.
 *
 * The lines go to a destination passed in — a file opened with `openLogFile` or any stream — in this thread: no pino
 * transport, no worker thread. What the product specifies line by line (the journal, ExchFailover.log, the
 * commands' standard output) keeps its own format and does not go through here.
 *
 * Redaction, in two layers:
 *  - pino's `redact` paths (https://getpino.io/#/docs/redaction) censor the fields named in `SECRET_LOG_PATHS`
 *    wherever they sit, down to three levels deep, with `********`;
 *  - before that, every logged object is walked to any depth: a field whose name says it can hold a secret
 *    (`isSecretFieldName`: `password`, `bindPassword`, `credentials`, `token`, …) is censored whole, and every other
 *    text — the message, an error's message and stack — passes through `redactSecrets` (`password=x`, `-u user:x`,
 *    `LOGIN host user x`, `ldaps://user:x@host`), the same as the fatal-error dialog.
 */
import pino from 'pino';
import type { Logger } from './log-port';
import { isSecretFieldName, REDACTED, redactSecrets, SECRET_FIELD_NAMES } from './redaction';

export { silentLogger, type LogFields, type Logger, type LogSubsystem } from './log-port';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the lines go: each `write` receives one JSON line ending in a newline. */
export interface LogDestination {
  write(line: string): unknown;
}

/** The logger `createLogger` makes: the port (log-port.ts) and a flush for the host that owns the destination. */
export interface ProgramLogger extends Logger {
  child(bindings: Parameters<Logger['child']>[0]): ProgramLogger;
  /** Writes out what a buffered destination still holds (a file opened with `openLogFile` writes at once anyway). */
  flush(): void;
}

export interface LoggerOptions {
  readonly destination: LogDestination;
  /** The least severe level written (default `info`). */
  readonly level?: LogLevel;
  /** The user's home folder, written as `~` (it carries the user's name). */
  readonly homeDir?: string;
}

/** Field names censored by pino's own redaction: the secret names and the camel-case ones the program uses. */
const SECRET_KEYS: readonly string[] = [...SECRET_FIELD_NAMES, 'bindPassword', 'dtPassword', 'doubleTakePassword', 'oneTimeToken'];

/** pino `redact` paths: each secret field at the top level and one, two or three levels down (any parent names). */
export const SECRET_LOG_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** How deep a logged object is walked; deeper values are written as this marker, never as they are. */
const MAX_DEPTH = 12;
const TOO_DEEP = '[too deep]';
const CIRCULAR = '[circular]';

/** A copy of `value` with secret fields censored and every text redacted (errors become plain objects). */
function scrub(value: unknown, text: (s: string) => string, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  if (seen.has(value)) return CIRCULAR;
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (Array.isArray(value)) return value.map((item) => scrub(item, text, depth + 1, seen));
    const entries: [string, unknown][] = Object.entries(value);
    if (value instanceof Error) {
      entries.unshift(['type', value.name], ['message', value.message], ['stack', value.stack]);
      if (value.cause !== undefined) entries.push(['cause', value.cause]);
    }
    const out: Record<string, unknown> = {};
    for (const [key, inner] of entries) {
      out[text(key)] = isSecretFieldName(key) ? REDACTED : scrub(inner, text, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function wrap(instance: pino.Logger, text: (s: string) => string): ProgramLogger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      instance[level](fields ?? {}, text(message));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(instance.child(bindings), text),
    flush: () => instance.flush(),
  };
}

/** A logger writing JSON lines to `destination`: `{"level":"warn","time":"…","pid":1,"subsystem":"…","msg":"…",…}`. */
export function createLogger(options: LoggerOptions): ProgramLogger {
  const redactOptions = options.homeDir === undefined ? {} : { homeDir: options.homeDir };
  const text = (s: string): string => redactSecrets(s, redactOptions);
  const clean = (fields: Record<string, unknown>): Record<string, unknown> =>
    scrub(fields, text, 0, new WeakSet()) as Record<string, unknown>;
  const instance = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...SECRET_LOG_PATHS], censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: clean,
        log: clean,
      },
    },
    options.destination,
  );
  return wrap(instance, text);
}

/**
 * A log file for `createLogger`: appended to, created with its folder when missing, each line written before the
 * call returns (a crash loses nothing; the main process logs little).
 */
export function openLogFile(path: string): LogDestination & { end(): void } {
  return pino.destination({ dest: path, append: true, mkdir: true, sync: true });
}
