import type { JobEvent } from '../contract/channels';
import { systemTimers, type Timers } from './timers';

/** The most progress events per job that cross the process boundary (either host): one per this many milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

export interface ProgressThrottle {
  push(event: JobEvent): void;
  /** Sends every held-back progress event now (the job ended: its last state must arrive). */
  flush(): void;
}

interface JobState {
  lastSentAt: number;
  pending?: JobEvent;
  timer?: unknown;
}

/**
 * Throttles progress before it leaves the main process, the same rule for both hosts (Electron's IPC and the
 * preview's WebSocket): per job at most one `progress` event per interval, and the latest held-back one is sent when
 * the interval ends (or at `flush`), so the last state always arrives. `log` events are never dropped; a held-back
 * progress of the same job is sent before them so the order is kept.
 */
export function createProgressThrottle(
  send: (event: JobEvent) => void,
  intervalMs: number = PROGRESS_INTERVAL_MS,
  timers: Timers = systemTimers,
): ProgressThrottle {
  const jobs = new Map<string, JobState>();

  const sendPending = (state: JobState): void => {
    if (state.timer !== undefined) timers.clearTimeout(state.timer);
    state.timer = undefined;
    const pending = state.pending;
    if (pending === undefined) return;
    state.pending = undefined;
    state.lastSentAt = timers.now();
    send(pending);
  };

  return {
    push(event) {
      const state = jobs.get(event.jobId);
      if (event.kind !== 'progress') {
        if (state !== undefined) sendPending(state);
        send(event);
        return;
      }
      const now = timers.now();
      if (state === undefined) {
        jobs.set(event.jobId, { lastSentAt: now });
        send(event);
        return;
      }
      if (state.pending === undefined && now - state.lastSentAt >= intervalMs) {
        state.lastSentAt = now;
        send(event);
        return;
      }
      state.pending = event;
      if (state.timer === undefined) {
        const due = Math.max(0, state.lastSentAt + intervalMs - now);
        const held = state;
        state.timer = timers.setTimeout(() => {
          held.timer = undefined;
          sendPending(held);
        }, due);
      }
    },
    flush() {
      for (const state of jobs.values()) sendPending(state);
    },
  };
}
