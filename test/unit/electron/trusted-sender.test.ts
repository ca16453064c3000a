import { describe, expect, it } from 'vitest';
import { ContractErrorCode, ok } from '../../../src-main/contract/result';
import { devServerAppLocation, type AppLocation } from '../../../src-main/electron/app-location';
import { bindIpc } from '../../../src-main/electron/ipc-binding';
import { checkSender, isSameFrame } from '../../../src-main/electron/trusted-sender';
import { INVOKE_CHANNEL } from '../../../src-main/contract/channels';
import {
  APP_LOCATION,
  APP_URL,
  describeEnvironment,
  fakeContents,
  fakeIpcMain,
  mainFrameEvent,
  recordingHandlers,
  recordingLog,
  type FakeContents,
} from './fakes';
import type { InvokeEventLike } from '../../../src-main/electron/ipc-binding';

describe('checkSender', () => {
  const window = fakeContents();

  it('accepts the main frame of the app window showing the app', () => {
    expect(checkSender(mainFrameEvent(window), window, APP_LOCATION)).toEqual({ trusted: true });
  });

  it('accepts a second WebFrameMain object for the same frame (same process and routing id)', () => {
    const sameFrame = { ...window.mainFrame };
    expect(isSameFrame(sameFrame, window.mainFrame)).toBe(true);
    expect(checkSender({ sender: window, senderFrame: sameFrame }, window, APP_LOCATION).trusted).toBe(true);
  });

  it.each<[string, () => [InvokeEventLike, FakeContents | undefined]]>([
    ['a subframe', () => [{ sender: window, senderFrame: { url: APP_URL, processId: 7, routingId: 2 } }, window]],
    ['a frame of another process', () => [{ sender: window, senderFrame: { url: APP_URL, processId: 8, routingId: 1 } }, window]],
    ['another web contents', () => [mainFrameEvent(fakeContents()), window]],
    ['a frame that is gone', () => [{ sender: window, senderFrame: null }, window]],
    ['a main frame that navigated elsewhere', () => {
      const moved = fakeContents('https://example.com/');
      return [mainFrameEvent(moved), moved];
    }],
    ['anything while there is no window', () => [mainFrameEvent(window), undefined]],
  ])('refuses %s', (_name, make) => {
    const [event, trusted] = make();
    const verdict = checkSender(event, trusted, APP_LOCATION);
    expect(verdict.trusted).toBe(false);
    expect(verdict).toHaveProperty('reason');
  });

  it('refuses the dev server origin when the app is the built files, and the other way round', () => {
    const dev = devServerAppLocation('http://localhost:5173') as AppLocation;
    const devWindow = fakeContents('http://localhost:5173/');
    expect(checkSender(mainFrameEvent(devWindow), devWindow, dev).trusted).toBe(true);
    expect(checkSender(mainFrameEvent(devWindow), devWindow, APP_LOCATION).trusted).toBe(false);
    expect(checkSender(mainFrameEvent(window), window, dev).trusted).toBe(false);
  });
});

describe('the IPC binding refuses untrusted senders before the dispatcher', () => {
  function bound() {
    const window = fakeContents();
    const { calls, dispatcher } = recordingHandlers({ 'environment.describe': describeEnvironment });
    const { ipcMain, handlers } = fakeIpcMain();
    const { log, entries } = recordingLog();
    bindIpc({ ipcMain, dispatcher, trustedContents: () => window, location: APP_LOCATION, log });
    const invoke = (event: InvokeEventLike, message: unknown) => {
      const handler = handlers.get(INVOKE_CHANNEL);
      if (handler === undefined) throw new Error('not bound');
      return handler(event, message);
    };
    return { window, calls, invoke, entries };
  }
  const message = { channel: 'environment.describe', payload: {} };

  it('runs a message from the main frame', async () => {
    const { window, calls, invoke } = bound();
    await expect(invoke(mainFrameEvent(window), message)).resolves.toEqual(
      ok({ kind: 'lab', name: 'Lab', title: 'Lab — SRCCLUS → TGTCLUS', warnings: [], sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.1.0' }),
    );
    expect(calls).toEqual(['environment.describe']);
  });

  it.each<[string, (window: FakeContents) => InvokeEventLike]>([
    ['a subframe', (window) => ({ sender: window, senderFrame: { url: APP_URL, processId: 7, routingId: 9 } })],
    ['another web contents', () => mainFrameEvent(fakeContents())],
    ['another URL in the window', (window) => {
      window.mainFrame.url = 'https://example.com/';
      return mainFrameEvent(window);
    }],
    ['a frame that is gone', (window) => ({ sender: window, senderFrame: null })],
  ])('answers %s with contract/untrusted-sender and never calls a handler', async (_name, makeEvent) => {
    const { window, calls, invoke, entries } = bound();
    const result = await invoke(makeEvent(window), message);
    expect(result).toMatchObject({ ok: false, error: { code: ContractErrorCode.UntrustedSender } });
    expect(calls).toEqual([]);
    expect(entries.some((e) => e.level === 'warn' && e.message.includes('untrusted'))).toBe(true);
  });
});
