import { channels, type ChannelName } from '../../../src-main/contract/channels';
import { createDispatcher, type Handler, type HandlerContext, type Handlers } from '../../../src-main/contract/dispatcher';
import { err, ok } from '../../../src-main/contract/result';
import { fileAppLocation } from '../../../src-main/electron/app-location';
import type { IpcMainLike, InvokeEventLike } from '../../../src-main/electron/ipc-binding';
import type { ShellLog } from '../../../src-main/electron/shell-log';
import type { Timers } from '../../../src-main/shared/timers';

/** The built renderer of a program installed in /opt. */
export const INDEX_PATH = '/opt/exchange-ha-wizard/resources/app.asar/out/renderer/index.html';
export const APP_LOCATION = fileAppLocation(INDEX_PATH);
export const APP_URL = 'file:///opt/exchange-ha-wizard/resources/app.asar/out/renderer/index.html';

/** A progress event as a handler emits it (the contract's `emit` parameter type). */
export type Emitted = Parameters<HandlerContext['emit']>[0];
export const progress = (value: number, title = `at ${value}`): Emitted =>
  ({ kind: 'progress', value, title }) as Emitted;

/**
 * Real contract handlers that record every call: the ones a test names do their work, every other channel answers
 * an error. A refused message must leave `calls` empty.
 */
export function recordingHandlers(overrides: Partial<{ [C in keyof Handlers]: Handler<C> }> = {}) {
  const calls: string[] = [];
  const entries = (Object.keys(channels) as ChannelName[])
    .filter((name) => name !== 'job.cancel')
    .map((name) => {
      const override = (overrides as Record<string, Handler<ChannelName> | undefined>)[name];
      const handler: Handler<ChannelName> = async (request, context) => {
        calls.push(name);
        return override !== undefined ? override(request, context) : err('contract/handler-failed', `${name} is not used here`);
      };
      return [name, handler] as const;
    });
  const handlers = Object.fromEntries(entries) as unknown as Handlers;
  return { calls, handlers, dispatcher: createDispatcher(handlers) };
}

export const describeEnvironment: Handler<'environment.describe'> = async () =>
  ok({ kind: 'lab', name: 'Lab', title: 'Lab — SRCCLUS → TGTCLUS', warnings: [], sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.1.0' });

export const applyRequest = (jobId: string) => ({
  channel: 'step.apply',
  payload: { jobId, stepId: '4.2.1', planDigest: 'a'.repeat(64) },
});

export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
}

/** A WebContents with a main frame, recording what is sent to it. */
export function fakeContents(url = APP_URL, processId = 7) {
  const contents = {
    mainFrame: { url, processId, routingId: 1 } as FakeFrame,
    sent: [] as Array<{ channel: string; payload: unknown }>,
    destroyed: false,
    send(channel: string, ...args: unknown[]) {
      contents.sent.push({ channel, payload: args[0] });
    },
    isDestroyed() {
      return contents.destroyed;
    },
  };
  return contents;
}
export type FakeContents = ReturnType<typeof fakeContents>;

export const mainFrameEvent = (contents: FakeContents): InvokeEventLike => ({ sender: contents, senderFrame: contents.mainFrame });

/** An ipcMain that keeps its handlers so a test can invoke them as the renderer would. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

/** A log that keeps its entries. */
export function recordingLog() {
  const entries: Array<{ level: string; message: string; fields?: Readonly<Record<string, unknown>> }> = [];
  const log: ShellLog = {
    info: (message, fields) => void entries.push({ level: 'info', message, ...(fields && { fields }) }),
    warn: (message, fields) => void entries.push({ level: 'warn', message, ...(fields && { fields }) }),
    error: (message, fields) => void entries.push({ level: 'error', message, ...(fields && { fields }) }),
  };
  return { log, entries };
}

/** A clock the test moves by hand; timers fire when the clock passes them. */
export function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pendingCount: () => pending.size,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}
