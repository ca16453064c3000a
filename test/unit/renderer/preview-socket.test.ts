import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createClient } from '../../../src-main/contract/client';
import * as wire from '../../../src-main/preview/wire';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/preview-server';
import {
  CLOSE_IN_OTHER_TAB,
  CLOSE_REPLACED,
  PREVIEW_PROTOCOL,
  RECONNECT_DELAYS_MS,
  SOCKET_PATH,
  TAB_PROTOCOL_PREFIX,
  TOKEN_PROTOCOL_PREFIX,
  createPreviewSocketTransport,
  describeConnection,
  tokenFromHash,
  type FinalConnectionStatus,
  type PreviewConnectionStatus,
  type PreviewSocketTransport,
  type SocketLike,
} from '../../../src-renderer/transport/preview-socket';
import { createFakeMain } from './fake-main';
import { newJobId, type JobEvent } from '../../../src-main/contract';

let server: PreviewServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

const TAB_A = 'a1'.repeat(16);
const TAB_B = 'b2'.repeat(16);

interface ClientOptions {
  readonly origin?: string;
  readonly tabId?: string;
  readonly reconnectDelaysMs?: readonly number[];
}

/** The browser preview end to end in Node: the renderer's transport (over `ws`) against the real preview server. */
async function connectedClient(options: ClientOptions = {}) {
  dir = await mkdtemp(join(tmpdir(), 'renderer-socket-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  const fake = createFakeMain();
  const app = { dispatcher: fake.dispatcher, environment: { kind: 'lab' as const, name: 'Lab', title: 'Lab', warnings: [], sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0' }, close: async () => undefined };
  server = await startPreviewServer({ app, rendererDir: dir, host: '127.0.0.1', port: 0 });
  return { ...anotherTab(options), fake };
}

/** One more page on the server connectedClient started: its transport and client. */
function anotherTab(options: ClientOptions = {}) {
  const started = server!;
  const token = tokenFromHash(new URL(started.url).hash)!;
  const url = `${started.origin.replace('http:', 'ws:')}${SOCKET_PATH}`;
  const connect = (u: string, protocols: string[]) => new WebSocket(u, protocols, { origin: options.origin ?? started.origin }) as unknown as SocketLike;
  const transport = createPreviewSocketTransport({
    url,
    token,
    connect,
    reconnectDelaysMs: options.reconnectDelaysMs ?? [10, 20],
    ...(options.tabId !== undefined ? { tabId: options.tabId } : {}),
  });
  return { transport, client: createClient(transport) };
}

/** Resolves when the transport's status is of `kind` (at once if it is already). */
function statusOf(transport: PreviewSocketTransport, kind: PreviewConnectionStatus['kind']): Promise<PreviewConnectionStatus> {
  return new Promise((resolve) => {
    const look = (): boolean => {
      if (transport.status().kind !== kind) return false;
      resolve(transport.status());
      return true;
    };
    if (look()) return;
    const stop = transport.onStatus(() => {
      if (look()) stop();
    });
  });
}

const finalOf = (transport: PreviewSocketTransport): Promise<FinalConnectionStatus> =>
  new Promise((resolve) => transport.onClose(resolve));

/**
 * A socket the test drives: `open()`, `reply()`, `drop(code)`; what the transport sent is in `sent`. Each
 * connection attempt makes a new one, kept in `sockets`.
 */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  private readonly listeners = new Map<string, ((event: never) => void)[]>();
  constructor(readonly protocols: string[]) {}
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close(): void {
    this.drop(1000);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  private fire(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }
  open(): void {
    this.readyState = 1;
    this.fire('open', undefined);
  }
  /** Answers the request sent as `index` (0: the first this socket carried). */
  reply(index: number, result: unknown): void {
    const { id } = JSON.parse(this.sent[index] ?? '{}') as { id: number };
    this.fire('message', { data: JSON.stringify({ id, result }) });
  }
  drop(code: number): void {
    this.readyState = 3;
    this.fire('error', undefined);
    this.fire('close', { code });
  }
}

function fakeTransport(delays: readonly number[] = [100, 200, 400]) {
  const sockets: FakeSocket[] = [];
  const scheduled: { run: () => void; ms: number }[] = [];
  const transport = createPreviewSocketTransport({
    url: 'ws://127.0.0.1:1/ws',
    token: 'ab'.repeat(32),
    tabId: TAB_A,
    reconnectDelaysMs: delays,
    connect: (_url, protocols) => {
      const socket = new FakeSocket(protocols);
      sockets.push(socket);
      return socket;
    },
    schedule: (run, ms) => scheduled.push({ run, ms }),
  });
  const statuses: PreviewConnectionStatus[] = [];
  transport.onStatus(() => statuses.push(transport.status()));
  /** The socket of the latest attempt. */
  const latest = (): FakeSocket => sockets[sockets.length - 1]!;
  /** Runs the reconnection the transport scheduled last. */
  const runScheduled = (): void => scheduled[scheduled.length - 1]!.run();
  return { transport, client: createClient(transport), sockets, scheduled, statuses, latest, runScheduled };
}


describe('the preview socket transport', () => {
  it('speaks the preview server’s wire constants', () => {
    expect(PREVIEW_PROTOCOL).toBe(wire.PREVIEW_PROTOCOL);
    expect(TOKEN_PROTOCOL_PREFIX).toBe(wire.TOKEN_PROTOCOL_PREFIX);
    expect(TAB_PROTOCOL_PREFIX).toBe(wire.TAB_PROTOCOL_PREFIX);
    expect(SOCKET_PATH).toBe(wire.SOCKET_PATH);
    expect(CLOSE_IN_OTHER_TAB).toBe(wire.CloseCode.InOtherTab);
    expect(CLOSE_REPLACED).toBe(wire.CloseCode.Replaced);
  });

  it('offers the token and the tab id as sub-protocols, and no tab id that is malformed', () => {
    const { sockets } = fakeTransport();
    expect(sockets[0]!.protocols).toEqual([PREVIEW_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${'ab'.repeat(32)}`, `${TAB_PROTOCOL_PREFIX}${TAB_A}`]);
    const offered: string[][] = [];
    createPreviewSocketTransport({ url: 'ws://127.0.0.1:1/ws', token: 'ab'.repeat(32), tabId: 'TAB', connect: (_u, p) => (offered.push(p), new FakeSocket(p)) });
    expect(offered).toEqual([[PREVIEW_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${'ab'.repeat(32)}`]]);
  });

  it('sends what was asked before the socket opened once it opens, in order', async () => {
    const { transport, latest } = fakeTransport();
    const first = transport.invoke({ channel: 'environment.describe', payload: {} });
    const second = transport.invoke({ channel: 'steps.list', payload: {} });
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((text) => (JSON.parse(text) as { channel: string }).channel)).toEqual(['environment.describe', 'steps.list']);
    latest().reply(1, { ok: true, value: [] });
    expect(await second).toEqual({ ok: true, value: [] });
    latest().reply(0, { ok: true, value: 'first' });
    expect(await first).toEqual({ ok: true, value: 'first' });
  });

  it('reconnects after a drop with growing delays, failing only what the dropped socket carried', async () => {
    const { transport, client, sockets, scheduled, statuses, latest, runScheduled } = fakeTransport([100, 200, 400]);
    const closes: FinalConnectionStatus[] = [];
    transport.onClose((status) => closes.push(status));
    latest().open();
    const inFlight = client.invoke('environment.describe', {});
    latest().drop(1006);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'transport/failed', detail: expect.stringMatching(/dropped before it answered/) } });
    expect(transport.status()).toEqual({ kind: 'reconnecting', attempt: 1, of: 3 });
    const asked = client.invoke('steps.list', {});
    runScheduled();
    latest().drop(1006);
    expect(transport.status()).toEqual({ kind: 'reconnecting', attempt: 2, of: 3 });
    runScheduled();
    expect(scheduled.map((s) => s.ms)).toEqual([100, 200]);
    latest().open();
    expect(transport.status()).toEqual({ kind: 'open' });
    expect(latest().sent.map((text) => (JSON.parse(text) as { channel: string }).channel)).toEqual(['steps.list']);
    latest().reply(0, { ok: true, value: [] });
    expect(await asked).toEqual({ ok: true, value: [] });
    expect(sockets).toHaveLength(3);
    expect(statuses.map((s) => s.kind)).toEqual(['open', 'reconnecting', 'reconnecting', 'open']);
    // The next drop starts the count again from the shortest delay.
    latest().drop(1006);
    expect(transport.status()).toEqual({ kind: 'reconnecting', attempt: 1, of: 3 });
    expect(scheduled.at(-1)!.ms).toBe(100);
    expect(closes).toEqual([]);
  });

  it('gives up after the last attempt: lost, once, and fails what waits and whatever is asked later', async () => {
    const { transport, client, latest, runScheduled, scheduled } = fakeTransport([100, 200]);
    const closes: FinalConnectionStatus[] = [];
    transport.onClose((status) => closes.push(status));
    latest().drop(1006);
    const waiting = client.invoke('environment.describe', {});
    runScheduled();
    latest().drop(1006);
    runScheduled();
    latest().drop(1006);
    expect(transport.status()).toEqual({ kind: 'lost' });
    expect(scheduled).toHaveLength(2);
    expect(closes).toEqual([{ kind: 'lost' }]);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    expect(await client.invoke('steps.list', {})).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    const late: FinalConnectionStatus[] = [];
    transport.onClose((status) => late.push(status));
    expect(late).toEqual([{ kind: 'lost' }]);
    expect(describeConnection(transport.status())?.text).toMatch(/npm run preview/);
  });

  it('does not retry when the server says another tab holds the preview, or that this tab connected again', async () => {
    for (const [code, kind] of [
      [CLOSE_IN_OTHER_TAB, 'in-other-tab'],
      [CLOSE_REPLACED, 'replaced'],
    ] as const) {
      const { transport, client, latest, scheduled, sockets } = fakeTransport();
      const closes: FinalConnectionStatus[] = [];
      transport.onClose((status) => closes.push(status));
      // The server opens such a socket only to close it: what was asked meanwhile fails.
      const asked = client.invoke('environment.describe', {});
      latest().open();
      latest().drop(code);
      expect(transport.status()).toEqual({ kind });
      expect(closes).toEqual([{ kind }]);
      expect(scheduled).toEqual([]);
      expect(sockets).toHaveLength(1);
      expect(await asked).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    }
    expect(describeConnection({ kind: 'in-other-tab' })?.text).toMatch(/another tab/);
    expect(describeConnection({ kind: 'reconnecting', attempt: 2, of: 6 })?.text).toMatch(/attempt 2 of 6/);
    expect(describeConnection({ kind: 'open' })).toBeUndefined();
    expect(RECONNECT_DELAYS_MS.length).toBeGreaterThan(1);
  });

  it('a socket that cannot even be made counts as a failed attempt', () => {
    const scheduled: number[] = [];
    const transport = createPreviewSocketTransport({
      url: 'ws://127.0.0.1:1/ws',
      token: 'ab'.repeat(32),
      reconnectDelaysMs: [50],
      connect: () => {
        throw new Error('SecurityError');
      },
      schedule: (run, ms) => {
        scheduled.push(ms);
        run();
      },
    });
    expect(scheduled).toEqual([50]);
    expect(transport.status()).toEqual({ kind: 'lost' });
  });

  it('reads only a well-formed token from the hash', () => {
    const token = 'ab'.repeat(32);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash('#token=abc')).toBeUndefined();
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash(`#token=${token.toUpperCase()}`)).toBeUndefined();
  });

  it('invokes channels through the real server and receives job events', async () => {
    const { client } = await connectedClient({ tabId: TAB_A });
    const env = await client.invoke('environment.describe', {});
    expect(env).toMatchObject({ ok: true, value: { sourceCluster: 'SRCCLUS' } });
    const jobId = newJobId();
    const events: JobEvent[] = [];
    client.onJobEvent(jobId, (event) => events.push(event));
    const plan = await client.invoke('step.plan', { stepId: '4.2.1' });
    if (!plan.ok) throw new Error(plan.error.message);
    const applied = await client.invoke('step.apply', { jobId, stepId: '4.2.1', planDigest: plan.value.digest });
    expect(applied).toMatchObject({ ok: true, value: { kind: 'applied', verification: { ok: true } } });
    expect(events.filter((e) => e.kind === 'progress').map((e) => e.kind === 'progress' && e.value)).toEqual([0.25, 1]);
    expect(events.filter((e) => e.kind === 'log').length).toBeGreaterThan(0);
  });

  it('reports a lost connection once its attempts are spent, and fails what is pending', async () => {
    const { transport, client } = await connectedClient({ origin: 'http://evil.example', reconnectDelaysMs: [5, 10] });
    const closed = finalOf(transport);
    const reply = await client.invoke('environment.describe', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    expect(await closed).toEqual({ kind: 'lost' });
  });

  it('against the real server: a second tab is told another tab holds the preview, and the first goes on', async () => {
    const first = await connectedClient({ tabId: TAB_A });
    await statusOf(first.transport, 'open');
    const second = anotherTab({ tabId: TAB_B });
    expect(await finalOf(second.transport)).toEqual({ kind: 'in-other-tab' });
    expect(await second.client.invoke('environment.describe', {})).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    expect(await first.client.invoke('environment.describe', {})).toMatchObject({ ok: true });
  });

  it('against the real server: the same tab connecting again takes over, the older page is told so', async () => {
    const old = await connectedClient({ tabId: TAB_A });
    await statusOf(old.transport, 'open');
    const reloaded = anotherTab({ tabId: TAB_A });
    expect(await finalOf(old.transport)).toEqual({ kind: 'replaced' });
    expect(await reloaded.client.invoke('environment.describe', {})).toMatchObject({ ok: true });
    expect(reloaded.transport.status()).toEqual({ kind: 'open' });
  });
});
