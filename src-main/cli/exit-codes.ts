/**
 * The exit codes of `exchfailover` (issue 3), so batch files such as `postover.bat` can branch on `%ERRORLEVEL%`.
 */
import type { FailoverOutcome } from '../failover/engine-api';

export const ExitCode = {
  /** Done and verified; with -test: planned, nothing changed. Also -? and -??. */
  ok: 0,
  /** Bad usage or bad input (including the engine's refusals): nothing changed. */
  usage: 1,
  /** Stopped by a directory error or a conflict: what was done is journalled. */
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
