import { describe, expect, it } from 'vitest';
import { createQuitCoordinator } from '../../../src-main/electron/shutdown';
import { manualTimers, recordingLog } from './fakes';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('createQuitCoordinator', () => {
  it('holds the first quit, cancels jobs, closes the app, then quits for real', async () => {
    const steps: string[] = [];
    let quit!: () => void;
    const quitted = new Promise<void>((resolve) => (quit = resolve));
    const coordinator = createQuitCoordinator({
      cancelJobs: () => steps.push('cancel'),
      close: async () => void steps.push('close'),
      quit: () => {
        steps.push('quit');
        quit();
      },
      log: recordingLog().log,
    });
    const first = quitEvent();
    coordinator.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    const during = quitEvent();
    coordinator.onBeforeQuit(during);
    expect(during.prevented).toBe(true);
    await quitted;
    expect(steps).toEqual(['cancel', 'close', 'quit']);
    const last = quitEvent();
    coordinator.onBeforeQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when closing fails or hangs', async () => {
    const clock = manualTimers();
    const { log, entries } = recordingLog();
    let quits = 0;
    const coordinator = createQuitCoordinator({
      cancelJobs: () => {
        throw new Error('cancel failed');
      },
      close: () => new Promise<void>(() => undefined),
      quit: () => void (quits += 1),
      log,
      timeoutMs: 5000,
      timers: clock.timers,
    });
    coordinator.onBeforeQuit(quitEvent());
    await Promise.resolve();
    expect(quits).toBe(0);
    clock.advance(5000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(quits).toBe(1);
    expect(entries.map((e) => e.message)).toEqual(['Cancelling jobs failed', 'Closing took too long; quitting anyway']);
  });

  it('quits when close rejects', async () => {
    let quits = 0;
    const { log, entries } = recordingLog();
    const coordinator = createQuitCoordinator({
      cancelJobs: () => undefined,
      close: () => Promise.reject(new Error('disk full')),
      quit: () => void (quits += 1),
      log,
    });
    coordinator.onBeforeQuit(quitEvent());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(quits).toBe(1);
    expect(entries[0]?.fields).toEqual({ error: 'disk full' });
  });
});
