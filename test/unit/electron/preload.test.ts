import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as contractChannels from '../../../src-main/contract/channels';
import { readFileSync } from 'node:fs';
import { createPreloadApi, type PreloadIpc } from '../../../src-main/electron/preload-api';

const exposed = vi.hoisted(() => ({ worlds: [] as Array<{ key: string; api: unknown }> }));

// `require('electron')` throws without Electron's binary: the preload's two Electron objects are replaced.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.worlds.push({ key, api }) },
  ipcRenderer: { invoke: () => Promise.resolve(undefined), on: () => undefined, removeListener: () => undefined },
}));

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: PreloadIpc = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: 'reply' });
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event-object' }, payload);
  };
  return { ipc, invoked, emit, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('the preload API', () => {
  it('invokes the single contract channel with just the envelope', async () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const message = { channel: 'steps.list', payload: {}, extra: 'dropped' } as { channel: string; payload: unknown };
    await expect(api.invoke(message)).resolves.toEqual({ ok: true, value: 'reply' });
    expect(fake.invoked).toEqual([{ channel: contractChannels.INVOKE_CHANNEL, args: [{ channel: 'steps.list', payload: {} }] }]);
  });

  it('forwards job events without the IPC event object, and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const received: unknown[] = [];
    const unsubscribe = api.onEvent((event) => received.push(event));
    fake.emit(contractChannels.JOB_EVENT_CHANNEL, { jobId: 'job-12345678', kind: 'log', level: 'info', line: 'x' });
    fake.emit('some.other.channel', 'ignored');
    expect(received).toEqual([{ jobId: 'job-12345678', kind: 'log', level: 'info', line: 'x' }]);
    unsubscribe();
    expect(fake.listenerCount(contractChannels.JOB_EVENT_CHANNEL)).toBe(0);
    fake.emit(contractChannels.JOB_EVENT_CHANNEL, 'after');
    expect(received).toHaveLength(1);
  });

  it('takes the channel names from a contract module that imports nothing, so the sandboxed preload stays free of zod', () => {
    const source = readFileSync(new URL('../../../src-main/contract/channel-names.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export\s.*\sfrom)\s/m);
    const preloadApi = readFileSync(new URL('../../../src-main/electron/preload-api.ts', import.meta.url), 'utf8');
    expect(preloadApi).toContain("from '../contract/channel-names'");
    expect(preloadApi).not.toMatch(/from '\.\.\/contract\/(channels|index)'/);
  });
});

describe('preload.ts', () => {
  beforeEach(() => {
    exposed.worlds.length = 0;
    vi.resetModules();
  });

  it('exposes exactly one object, window.api, with exactly invoke and onEvent', async () => {
    await import('../../../src-main/electron/preload');
    expect(exposed.worlds.map((w) => w.key)).toEqual(['api']);
    const api = exposed.worlds[0]?.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof api['invoke']).toBe('function');
    expect(typeof api['onEvent']).toBe('function');
  });
});
