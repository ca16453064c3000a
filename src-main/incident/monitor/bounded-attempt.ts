import type { Timers } from '../../shared/timers';

/**
 * Runs one attempt (a probe, the second path) for at most `limitMs` on the monitor's clock: past it, the attempt is
 * aborted and `onTimeout()` is the answer. Stopping the monitor (`outer`) aborts the attempt too.
 */
export async function boundedAttempt<T>(
  timers: Timers,
  outer: AbortSignal,
  limitMs: number,
  start: (signal: AbortSignal) => Promise<T>,
  onTimeout: () => T,
): Promise<T> {
  const attempt = new AbortController();
  const onStop = (): void => attempt.abort(outer.reason);
  outer.addEventListener('abort', onStop, { once: true });
  let timer: unknown;
  try {
    return await Promise.race([
      start(attempt.signal),
      new Promise<T>((resolve) => {
        timer = timers.setTimeout(() => {
          attempt.abort(new Error(`no answer within ${limitMs} ms`));
          resolve(onTimeout());
        }, limitMs);
      }),
    ]);
  } finally {
    timers.clearTimeout(timer);
    outer.removeEventListener('abort', onStop);
  }
}
