/**
 * What both command lines do with their process (`runEntry`):
 *  - standard output and error are guarded (guarded-output.ts): a reader that goes away or a closed terminal never
 *    stops the run, and a closed terminal's hang-up signal (SIGHUP) does not end it either — the work carries on,
 *    the log file gets everything, and the exit code says what was done;
 *  - Ctrl+C stops the run cleanly (a second one quits at once, exit 130);
 *  - an unexpected error (a rejected run, an uncaught exception, an unhandled rejection) is one escaped line on
 *    standard error and the entry's own exit code for it — never Node's default 1, which `exchfailover` keeps for
 *    "nothing changed";
 *  - the process exits once what it wrote has been flushed (a pipe is written asynchronously), without waiting on
 *    a stream that is closed.
 */
import { type GuardedOutput, guardOutput, type OutputStream } from './guarded-output';
import { escapeLine } from './log-text';

/** What an entry uses of its process: `process` in production, a stand-in in tests. */
export interface EntryProcess {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  on(event: 'SIGINT' | 'SIGHUP', listener: () => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): void;
}

/** What the run gets from its entry. */
export interface EntryIo {
  readonly stdout: GuardedOutput;
  readonly stderr: GuardedOutput;
  /** Aborted by the first Ctrl+C. */
  readonly signal: AbortSignal;
}

export interface EntryOptions {
  /** The program's name, the first word of its messages. */
  readonly program: string;
  /** What the first Ctrl+C says the run does now (`stopping after the operations in flight`). */
  readonly interruptMessage: string;
  /** The exit code of an unexpected error. */
  readonly unexpectedExitCode: number;
  /** Applied to an unexpected error's message before it is written (the password mask). */
  readonly mask?: (text: string) => string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a command line's `main` in the process and exits with the code it resolves to (see the module comment). */
export function runEntry(options: EntryOptions, main: (io: EntryIo) => Promise<number>, host: EntryProcess = process): void {
  const stdout = guardOutput(host.stdout);
  const stderr = guardOutput(host.stderr);
  const mask = options.mask ?? ((text: string) => text);
  let exiting = false;
  const exitAfterFlush = (code: number): void => {
    if (exiting) return;
    exiting = true;
    void Promise.all([stdout.flushed(), stderr.flushed()]).then(() => host.exit(code));
  };
  const unexpected = (error: unknown): void => {
    if (exiting) return;
    stderr.write(`${escapeLine(mask(`${options.program}: unexpected error: ${describeError(error)}`))}\n`);
    exitAfterFlush(options.unexpectedExitCode);
  };

  const controller = new AbortController();
  host.on('SIGINT', () => {
    if (controller.signal.aborted) {
      host.exit(130);
      return;
    }
    stderr.write(`${options.program}: interrupted; ${options.interruptMessage} (Ctrl+C again to quit now)\n`);
    controller.abort();
  });
  // The terminal went away: its output is lost (the guard drops it), the run is not.
  host.on('SIGHUP', () => undefined);
  host.on('uncaughtException', unexpected);
  host.on('unhandledRejection', unexpected);

  let running: Promise<number>;
  try {
    running = main({ stdout, stderr, signal: controller.signal });
  } catch (error) {
    running = Promise.reject(error);
  }
  running.then(exitAfterFlush, unexpected);
}
