/**
 * Standard output and error as the command lines write to them: an output error never reaches the program. When
 * the reader goes away (`exchfailover ... | head -3`: EPIPE), the terminal is closed (EIO) or the stream is
 * destroyed, the stream counts as closed from then on: what is written to it is dropped, anyone waiting for it to
 * drain is let go, and nothing waits for it to flush. The run carries on; the log file still gets everything.
 *
 * Node reports a failed write to a pipe as an 'error' event on the stream, which ends the process when nobody
 * listens (https://nodejs.org/api/stream.html#event-error_1, https://nodejs.org/api/process.html#a-note-on-process-io).
 */
import type { Writable } from 'node:stream';

/** One guarded stream. */
export interface GuardedOutput {
  /** Writes text, or drops it when the stream is closed; never throws. */
  write(text: string): void;
  /** A promise while the stream is full (resolved when it drained or closed); undefined when it takes more now. */
  ready(): Promise<void> | undefined;
  /** Whether the stream failed or was closed: nothing written reaches anyone any more. */
  readonly closed: boolean;
  /** Resolves once what was written has been handed on, or at once (and when it closes) if the stream is closed. */
  flushed(): Promise<void>;
}

/** The parts of a Writable the guard uses (process.stdout and process.stderr in production). */
export type OutputStream = Pick<Writable, 'write' | 'writableNeedDrain' | 'destroyed' | 'writableEnded' | 'on' | 'once'>;

/** Guards a stream; the guard listens for 'error' from now on, so an output error is never an uncaught one. */
export function guardOutput(stream: OutputStream): GuardedOutput {
  let failed = false;
  const waiting = new Set<() => void>();
  const isClosed = (): boolean => failed || stream.destroyed || stream.writableEnded;
  const close = (): void => {
    failed = true;
    for (const release of [...waiting]) release();
  };
  stream.on('error', close);
  stream.on('close', close);
  /** A promise released by `arm` (drain, a write callback) or when the stream closes. */
  const until = (arm: (release: () => void) => void): Promise<void> =>
    new Promise((resolve) => {
      let done = false;
      const release = (): void => {
        if (done) return;
        done = true;
        waiting.delete(release);
        resolve();
      };
      waiting.add(release);
      try {
        arm(release);
      } catch {
        close();
      }
    });
  return {
    get closed() {
      return isClosed();
    },
    write(text) {
      if (isClosed() || text === '') return;
      try {
        stream.write(text);
      } catch {
        close();
      }
    },
    ready() {
      if (isClosed() || !stream.writableNeedDrain) return undefined;
      return until((release) => void stream.once('drain', release));
    },
    flushed() {
      if (isClosed()) return Promise.resolve();
      return until((release) => stream.write('', () => release()));
    },
  };
}
