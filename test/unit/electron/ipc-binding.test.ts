import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL, JOB_EVENT_CHANNEL, type JobEvent } from '../../../src-main/contract/channels';
import type { Dispatcher } from '../../../src-main/contract/dispatcher';
import { ContractErrorCode, ok } from '../../../src-main/contract/result';
import { bindIpc, handleInvoke, type IpcBindingOptions } from '../../../src-main/electron/ipc-binding';
import {
  APP_LOCATION,
  applyRequest,
  describeEnvironment,
  fakeContents,
  fakeIpcMain,
  mainFrameEvent,
  manualTimers,
  progress,
  recordingHandlers,
  recordingLog,
} from './fakes';

const stepDone = { kind: 'applied' as const, verification: { stepId: '4.2.1', ok: true, checks: [], at: '2026-11-25T03:00:00.000Z' } };

describe('bindIpc', () => {
  it('registers the single invoke channel and removes it again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { dispatcher } = recordingHandlers();
    const unbind = bindIpc({ ipcMain, dispatcher, trustedContents: () => undefined, location: APP_LOCATION, log: recordingLog().log });
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers a malformed message with an error result, not a throw', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const window = fakeContents();
    const { dispatcher, calls } = recordingHandlers();
    bindIpc({ ipcMain, dispatcher, trustedContents: () => window, location: APP_LOCATION, log: recordingLog().log });
    const result = await handlers.get(INVOKE_CHANNEL)?.(mainFrameEvent(window), { channel: 'shell.exec', payload: 'rm -rf /' });
    expect(result).toMatchObject({ ok: false, error: { code: ContractErrorCode.UnknownChannel } });
    expect(calls).toEqual([]);
  });
});

describe('handleInvoke', () => {
  function options(dispatcher: Dispatcher, window = fakeContents()) {
    const clock = manualTimers();
    const { log, entries } = recordingLog();
    const opts: IpcBindingOptions = {
      ipcMain: fakeIpcMain().ipcMain,
      dispatcher,
      trustedContents: () => window,
      location: APP_LOCATION,
      log,
      timers: clock.timers,
    };
    return { opts, window, clock, entries };
  }

  it('passes the envelope to the dispatcher and returns its result', async () => {
    const { dispatcher, calls } = recordingHandlers({ 'environment.describe': describeEnvironment });
    const { opts, window } = options(dispatcher);
    const result = await handleInvoke(mainFrameEvent(window), { channel: 'environment.describe', payload: {} }, opts);
    expect(result).toMatchObject({ ok: true, value: { kind: 'lab' } });
    expect(calls).toEqual(['environment.describe']);
  });

  it('sends job events on the event channel to the asking window, throttled, the last one always', async () => {
    const { dispatcher } = recordingHandlers({
      'step.apply': async (_request, { emit }) => {
        for (let i = 1; i <= 50; i += 1) emit(progress(i / 50));
        emit({ kind: 'log', level: 'info', line: 'group created' } as Parameters<typeof emit>[0]);
        emit(progress(1, 'done'));
        return ok(stepDone);
      },
    });
    const { opts, window } = options(dispatcher);
    const result = await handleInvoke(mainFrameEvent(window), applyRequest('job-12345678'), opts);
    expect(result).toEqual(ok(stepDone));
    expect(window.sent.every((s) => s.channel === JOB_EVENT_CHANNEL)).toBe(true);
    const events = window.sent.map((s) => s.payload as JobEvent);
    expect(events.map((e) => (e.kind === 'progress' ? e.value : e.line))).toEqual([0.02, 1, 'group created', 1]);
    expect(events.every((e) => e.jobId === 'job-12345678')).toBe(true);
  });

  it('lets one progress through per interval while a job runs', async () => {
    let advance: (ms: number) => void = () => undefined;
    const { dispatcher } = recordingHandlers({
      'step.apply': async (_request, { emit }) => {
        for (let i = 1; i <= 30; i += 1) {
          emit(progress(i / 30));
          advance(10);
        }
        return ok(stepDone);
      },
    });
    const { opts, window, clock } = options(dispatcher);
    advance = clock.advance;
    await handleInvoke(mainFrameEvent(window), applyRequest('job-12345678'), opts);
    // 30 events 10 ms apart: one at once, then one per 100 ms, then the final one.
    expect(window.sent.length).toBe(4);
    expect((window.sent.at(-1)?.payload as JobEvent & { value: number }).value).toBe(1);
  });

  it('sends nothing to a window that is gone', async () => {
    const { dispatcher } = recordingHandlers({
      'step.apply': async (_request, { emit }) => {
        window.destroyed = true;
        emit(progress(0.5));
        return ok(stepDone);
      },
    });
    const window = fakeContents();
    const { opts } = options(dispatcher, window);
    await expect(handleInvoke(mainFrameEvent(window), applyRequest('job-12345678'), opts)).resolves.toEqual(ok(stepDone));
    expect(window.sent).toEqual([]);
  });

  it('turns a throwing dispatcher into an error result', async () => {
    const broken: Dispatcher = {
      dispatch: () => Promise.reject(new Error('boom')),
      cancelAll: () => undefined,
    };
    const { opts, window, entries } = options(broken);
    const result = await handleInvoke(mainFrameEvent(window), { channel: 'environment.describe', payload: {} }, opts);
    expect(result).toMatchObject({ ok: false, error: { code: ContractErrorCode.HandlerFailed } });
    expect(entries.some((e) => e.level === 'error')).toBe(true);
  });

  it('refuses before dispatching when there is no window', async () => {
    const { dispatcher, calls } = recordingHandlers({ 'environment.describe': describeEnvironment });
    const { opts } = options(dispatcher);
    const result = await handleInvoke(
      mainFrameEvent(fakeContents()),
      { channel: 'environment.describe', payload: {} },
      { ...opts, trustedContents: () => undefined },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'contract/untrusted-sender', message: expect.any(String) as string },
    });
    expect(calls).toEqual([]);
  });
});
