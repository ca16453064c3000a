/**
 * The logging port the services and adapters take: the part of pino's API they use (https://getpino.io/#/docs/api),
 * message first. A plain Node service is given one (or none: `silentLogger`, which writes nothing, so a service
 * behaves the same with or without a log); `createLogger` in logger.ts is the one implementation that writes.
 *
 * One line per event: a service names what happened in the message and puts the facts in fields, never a secret
 * (the logger redacts secret-named fields and known secret patterns anyway).
 */

/** What accompanies a message: plain values, nested objects and errors (walked and redacted before writing). */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line also carries these fields; `subsystem` names the part of the program that logs. */
  child(bindings: { readonly subsystem: string } & LogFields): Logger;
}

/** The subsystems the diagnostic log names (`{"subsystem":"cluster",…}`): one child of the program's logger each. */
export type LogSubsystem = 'cluster' | 'doubletake' | 'directory' | 'node-files' | 'setup' | 'preflight' | 'failover';

/** A logger that writes nothing (the default of every service, tests, or callers that do not care). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Milliseconds since `start` (a `performance.now()` reading), whole: the `durationMs` field of an event. */
export const elapsedMs = (start: number): number => Math.round(performance.now() - start);

/** The first `count` non-empty lines of a tool's output, each cut at 500 characters (what a failure line shows). */
export function firstLines(text: string, count = 5): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => (line.length > 500 ? `${line.slice(0, 500)}…` : line));
}
