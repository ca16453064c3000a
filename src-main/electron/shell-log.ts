import { redactSecrets } from './redact-secrets';

/** The shell's small logging surface: what was dropped, refused or failed, as structured lines. */
export interface ShellLog {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/**
 * One JSON line per entry on stderr, secrets redacted. The shell has so little to say that this is enough; when the
 * services' shared logger exists the shell can take it instead (it only needs these three methods).
 */
export function createConsoleLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ShellLog {
  const entry = (level: string, message: string, fields?: Readonly<Record<string, unknown>>): void => {
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level, subsystem: 'shell', message, ...fields });
    } catch {
      line = JSON.stringify({ time: new Date().toISOString(), level, subsystem: 'shell', message });
    }
    write(redactSecrets(line));
  };
  return {
    info: (message, fields) => entry('info', message, fields),
    warn: (message, fields) => entry('warn', message, fields),
    error: (message, fields) => entry('error', message, fields),
  };
}

/** A log that keeps nothing (tests, or callers that do not care). */
export const silentLog: ShellLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
