/**
 * The exit codes of `exchfailover` (issue 3), so batch files such as `postover.bat` can branch on `%ERRORLEVEL%`.
 */
import type { FailoverOutcome } from '../failover/engine-api';

export const ExitCode = {
  /** Done and verified; with -test: planned, nothing changed. Also -? and -??. */
  ok: 0,
  /**
   * Bad usage or bad input: nothing changed. Returned only before anything could change — a refused command line,
   * a log file that cannot be written, an engine refusal before a phase of a real run started (or any in -test);
   * never for an output error or an unexpected one (those are 2).
   */
  usage: 1,
  /** Stopped by a directory error, a conflict or an unexpected error: what was done is journalled. */
  stopped: 2,
  /** Done, but verification failed. */
  verifyFailed: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code an engine outcome stands for. */
export function exitCodeFor(outcome: FailoverOutcome): ExitCodeValue {
  switch (outcome.status) {
    case 'planned':
    case 'done':
      return ExitCode.ok;
    case 'stopped':
      return ExitCode.stopped;
    case 'verify-failed':
      return ExitCode.verifyFailed;
  }
}
