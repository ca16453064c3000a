import { createLogger, type LogDestination, type Logger, type LogFields } from '../shared/logger';

/** The shell's small logging surface: what was dropped, refused or failed, as structured lines. */
export interface ShellLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The shell's log: the program's logger's child for the `shell` subsystem (its redaction included). */
export const shellLog = (logger: Logger): ShellLog => logger.child({ subsystem: 'shell' });

/**
 * The shell's log on its own, one redacted JSON line per entry written by `write` (standard error by default), for
 * a shell started before the program's log file is known.
 */
export function createConsoleLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ShellLog {
  const destination: LogDestination = { write: (line) => write(line.endsWith('\n') ? line.slice(0, -1) : line) };
  return shellLog(createLogger({ destination }));
}

/** A log that keeps nothing (tests, or callers that do not care). */
export const silentLog: ShellLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
