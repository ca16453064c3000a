import { systemTimers, type Timers } from '../shared/timers';
import type { ShellLog } from './shell-log';

export interface QuitCoordinatorDeps {
  /** Aborts running jobs (the dispatcher's `cancelAll`). */
  readonly cancelJobs: () => void;
  /** Flushes state to disk (the App's `close`). */
  readonly close: () => Promise<void>;
  /** Electron's `app.quit`, called again once closing is done. */
  readonly quit: () => void;
  readonly log: ShellLog;
  /** The longest quitting waits for `close` before giving up on it. */
  readonly timeoutMs?: number;
  readonly timers?: Timers;
}

/**
 * Electron's `before-quit` cannot await: the first quit is held back (`preventDefault`), jobs are cancelled, the App
 * is closed (bounded by a timeout so a hung close cannot trap the user), then quit is asked for again and let through.
 */
export function createQuitCoordinator(deps: QuitCoordinatorDeps): { onBeforeQuit(event: { preventDefault(): void }): void } {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  const timers = deps.timers ?? systemTimers;
  const timeoutMs = deps.timeoutMs ?? 10_000;

  async function closeEverything(): Promise<void> {
    try {
      deps.cancelJobs();
    } catch (e) {
      deps.log.error('Cancelling jobs failed', { error: String(e) });
    }
    let timer: unknown;
    const timeout = new Promise<'timeout'>((resolveTimeout) => {
      timer = timers.setTimeout(() => resolveTimeout('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([deps.close().then(() => 'closed' as const), timeout]);
      if (outcome === 'timeout') deps.log.error('Closing took too long; quitting anyway', { timeoutMs });
    } catch (e) {
      deps.log.error('Closing failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      timers.clearTimeout(timer);
    }
  }

  return {
    onBeforeQuit(event) {
      if (phase === 'closed') return;
      event.preventDefault();
      if (phase === 'closing') return;
      phase = 'closing';
      void closeEverything().finally(() => {
        phase = 'closed';
        deps.quit();
      });
    },
  };
}
