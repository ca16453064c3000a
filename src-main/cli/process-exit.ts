/**
 * What both command lines do with their process: Ctrl+C stops the run cleanly (a second one quits at once), and the
 * process exits only once what it wrote to standard output and error has been flushed (a pipe is written
 * asynchronously).
 */

/** An AbortSignal that the first Ctrl+C aborts (after saying `message`); the second Ctrl+C ends the process. */
export function abortOnInterrupt(program: string, message: string): AbortSignal {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`${program}: interrupted; ${message} (Ctrl+C again to quit now)\n`);
    controller.abort();
  });
  return controller.signal;
}

/** Exits with `code` once both streams have flushed what was written to them. */
export function exitAfterFlush(code: number): void {
  let waiting = 2;
  const done = (): void => {
    waiting -= 1;
    if (waiting === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
