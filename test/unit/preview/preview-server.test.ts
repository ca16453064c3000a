import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { App } from '../../../src-main/app/app';
import { createDispatcher, type Handlers } from '../../../src-main/contract/dispatcher';
import { err, ok } from '../../../src-main/contract/result';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/preview-server';
import { contentSecurityPolicy as shellPolicy } from '../../../src-main/electron/content-security-policy';
import { fileAppLocation } from '../../../src-main/electron/app-location';
import { CloseCode, PREVIEW_PROTOCOL, TAB_PROTOCOL_PREFIX, TOKEN_PROTOCOL_PREFIX } from '../../../src-main/preview/wire';

const environment = { kind: 'lab', name: 'Lab', title: 'Lab — SRCCLUS → TGTCLUS', warnings: [] as string[], labFolder: '/tmp/lab', sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.0.0-test' } as const;

/** Handlers that record what ran; the tests override the ones they exercise. */
function recordingApp(overrides: Partial<Handlers> = {}): { app: App; calls: string[] } {
  const calls: string[] = [];
  const unused = (name: string) => async () => {
    calls.push(name);
    return err('contract/handler-failed', `${name} is not used by this test`);
  };
  const handlers: Handlers = {
    'environment.describe': async () => {
      calls.push('environment.describe');
      return ok(environment);
    },
    'steps.list': unused('steps.list'),
    'step.get': unused('step.get'),
    'step.plan': unused('step.plan'),
    'step.apply': unused('step.apply'),
    'step.verify': unused('step.verify'),
    'step.markDone': unused('step.markDone'),
    'step.confirm': unused('step.confirm'),
    'pair.get': unused('pair.get'),
    'incident.state': unused('incident.state'),
    'incident.monitor': unused('incident.monitor'),
    'incident.answer': unused('incident.answer'),
    'incident.plan': unused('incident.plan'),
    'incident.run': unused('incident.run'),
    'lab.failure': unused('lab.failure'),
    'pair.check': unused('pair.check'),
    'pair.save': unused('pair.save'),
    'pair.open': unused('pair.open'),
    'pair.new': unused('pair.new'),
    'pair.saveAs': unused('pair.saveAs'),
    'profile.template': unused('profile.template'),
    'profile.check': unused('profile.check'),
    'profile.saveAs': unused('profile.saveAs'),
    'credentials.status': unused('credentials.status'),
    'credentials.set': unused('credentials.set'),
    'credentials.forget': unused('credentials.forget'),
    'preflight.run': unused('preflight.run'),
    'lab.clusters': unused('lab.clusters'),
    'lab.power': unused('lab.power'),
    'failover.run': unused('failover.run'),
    ...overrides,
  };
  const dispatcher = createDispatcher(handlers);
  return { app: { dispatcher, environment, close: async () => dispatcher.cancelAll() }, calls };
}

let root: string;
let rendererDir: string;
let server: PreviewServer | undefined;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'preview-test-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
  await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = undefined;
  await rm(root, { recursive: true, force: true });
});

async function start(app: App): Promise<PreviewServer> {
  server = await startPreviewServer({ app, rendererDir, host: '127.0.0.1', port: 0 });
  return server;
}

const tokenOf = (s: PreviewServer): string => new URL(s.url).hash.replace('#token=', '');

/** A raw GET: the path goes out exactly as written (no client-side normalisation of `..`). */
function get(s: PreviewServer, path: string, headers: Record<string, string> = {}) {
  const { port } = new URL(s.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Connection = { accepted: true; ws: WebSocket } | { accepted: false; status: number };

function connect(s: PreviewServer, options: { token?: string; tab?: string; origin?: string; protocols?: string[] } = {}): Promise<Connection> {
  const socketUrl = `${s.origin.replace('http:', 'ws:')}/ws`;
  const protocols = options.protocols ?? [
    PREVIEW_PROTOCOL,
    ...(options.token !== undefined ? [`${TOKEN_PROTOCOL_PREFIX}${options.token}`] : []),
    ...(options.tab !== undefined ? [`${TAB_PROTOCOL_PREFIX}${options.tab}`] : []),
  ];
  const ws = new WebSocket(socketUrl, protocols, { origin: options.origin ?? s.origin });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ accepted: true, ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ accepted: false, status: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

async function accepted(s: PreviewServer, tab?: string): Promise<WebSocket> {
  const c = await connect(s, { token: tokenOf(s), ...(tab !== undefined ? { tab } : {}) });
  if (!c.accepted) throw new Error(`refused with ${c.status}`);
  return c.ws;
}

/** Two tabs' ids, as pages choose them. */
const TAB_A = 'a1'.repeat(16);
const TAB_B = 'b2'.repeat(16);

/** Resolves with the close code and reason the server ends the socket with. */
function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

/** A step.apply that runs until it is cancelled; `aborted` resolves with the job ids it saw cancelled. */
function applyUntilCancelled() {
  const cancelled: string[] = [];
  let sawAbort!: () => void;
  const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
  const handlers: Partial<Handlers> = {
    'step.apply': (request, { signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          cancelled.push(request.jobId);
          sawAbort();
          resolve(err('job/cancelled', 'cancelled'));
        });
      }),
  };
  return { handlers, cancelled, aborted };
}

const applyFrame = (id: number, jobId: string): string =>
  JSON.stringify({ id, channel: 'step.apply', payload: { jobId, stepId: '4.2.1', planDigest: 'a'.repeat(64) } });

/** Sends one text frame and resolves with the next reply frame (`{id, result}`). */
function exchange(ws: WebSocket, text: string): Promise<{ id: unknown; result: { ok: boolean; error?: { code: string } ; value?: unknown } }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('result' in frame) {
        ws.off('message', onMessage);
        resolve(frame as never);
      }
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

describe('startPreviewServer', () => {
  it('listens only on 127.0.0.1', async () => {
    const { app } = recordingApp();
    for (const host of ['0.0.0.0', 'localhost', '::1', '::', '192.168.1.10']) {
      await expect(startPreviewServer({ app, rendererDir, host, port: 0 })).rejects.toThrow(/127\.0\.0\.1/);
    }
    const s = await start(app);
    expect(s.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('refuses to start without a built renderer', async () => {
    const { app } = recordingApp();
    await expect(startPreviewServer({ app, rendererDir: join(root, 'nothing'), host: '127.0.0.1', port: 0 })).rejects.toThrow(/electron-vite build/);
  });

  it('serves the renderer with content types and the strict policy plus its own socket origin', async () => {
    const s = await start(recordingApp().app);
    const index = await get(s, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`connect-src 'self' ${s.origin.replace('http:', 'ws:')}`);
    // The desktop shell's policy for its built files, word for word, apart from the socket origin.
    expect(csp.replace(` ${s.origin.replace('http:', 'ws:')}`, '')).toBe(shellPolicy(fileAppLocation('/index.html')));
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(s, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(s, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(s, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses directory traversal, encoded or not, and links that lead outside', async () => {
    const s = await start(recordingApp().app);
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/%00index.html',
      '/%E0%A4%A',
      '/assets/link.txt',
      '//etc/passwd',
    ]) {
      const res = await get(s, path);
      expect([403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('TOP SECRET');
    }
  });

  it('refuses requests whose Host is not its own (DNS rebinding)', async () => {
    const s = await start(recordingApp().app);
    expect((await get(s, '/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses a socket without the token, with a wrong one, or without its protocol, before it opens', async () => {
    const s = await start(recordingApp().app);
    const token = tokenOf(s);
    expect(await connect(s)).toEqual({ accepted: false, status: 401 });
    expect(await connect(s, { token: 'ab'.repeat(32), tab: TAB_A })).toEqual({ accepted: false, status: 401 });
    expect(await connect(s, { protocols: [`${TOKEN_PROTOCOL_PREFIX}${token}`] })).toEqual({ accepted: false, status: 401 });
    const first = await connect(s, { token, tab: TAB_A });
    expect(first.accepted).toBe(true);
    if (first.accepted) expect(first.ws.protocol).toBe(PREVIEW_PROTOCOL);
  });

  it('keeps the token for the next page once the previous one has closed (a reload, or another tab later)', async () => {
    const { app, calls } = recordingApp();
    const s = await start(app);
    const first = await accepted(s, TAB_A);
    const gone = closeOf(first);
    first.close();
    await gone;
    const reloaded = await accepted(s, TAB_A);
    expect(await exchange(reloaded, JSON.stringify({ id: 1, channel: 'environment.describe', payload: {} }))).toMatchObject({ id: 1, result: { ok: true } });
    const left = closeOf(reloaded);
    reloaded.close();
    await left;
    const other = await accepted(s, TAB_B);
    expect(await exchange(other, JSON.stringify({ id: 2, channel: 'environment.describe', payload: {} }))).toMatchObject({ id: 2, result: { ok: true } });
    expect(calls).toEqual(['environment.describe', 'environment.describe']);
  });

  it('closes a second tab’s socket with the reason while the first is open, dispatches nothing of it, and leaves the first alone', async () => {
    const apply = applyUntilCancelled();
    const { app, calls } = recordingApp(apply.handlers);
    const s = await start(app);
    const first = await accepted(s, TAB_A);
    first.send(applyFrame(1, 'job-first-tab'));
    for (const tab of [TAB_B, undefined, 'not-a-tab-id']) {
      const second = await accepted(s, tab);
      const closed = closeOf(second);
      second.send(JSON.stringify({ id: 9, channel: 'environment.describe', payload: {} }));
      expect(await closed, String(tab)).toEqual({ code: CloseCode.InOtherTab, reason: 'The wizard is open in another tab of this preview.' });
    }
    expect(calls).toEqual([]);
    expect(apply.cancelled).toEqual([]);
    expect(first.readyState).toBe(first.OPEN);
    expect(await exchange(first, JSON.stringify({ id: 2, channel: 'environment.describe', payload: {} }))).toMatchObject({ id: 2, result: { ok: true } });
  });

  it('refuses a second page without a tab id too, even when the first had none', async () => {
    const s = await start(recordingApp().app);
    const first = await accepted(s);
    const second = await accepted(s);
    expect((await closeOf(second)).code).toBe(CloseCode.InOtherTab);
    expect(first.readyState).toBe(first.OPEN);
  });

  it('gives the connection to the same tab connecting again while its old socket is still open, cancelling the old one’s jobs', async () => {
    const apply = applyUntilCancelled();
    const { app } = recordingApp(apply.handlers);
    const s = await start(app);
    const old = await accepted(s, TAB_A);
    const oldClosed = closeOf(old);
    old.send(applyFrame(1, 'job-before-reload'));
    // The job has started once the handler runs; wait for it through a reply on the same socket.
    await exchange(old, JSON.stringify({ id: 2, channel: 'environment.describe', payload: {} }));
    const reloaded = await accepted(s, TAB_A);
    expect(await oldClosed).toEqual({ code: CloseCode.Replaced, reason: 'This tab connected again; this older connection is closed.' });
    await apply.aborted;
    expect(apply.cancelled).toEqual(['job-before-reload']);
    expect(await exchange(reloaded, JSON.stringify({ id: 3, channel: 'environment.describe', payload: {} }))).toMatchObject({ id: 3, result: { ok: true } });
    // The new socket holds the preview now: another tab is refused.
    expect((await closeOf(await accepted(s, TAB_B))).code).toBe(CloseCode.InOtherTab);
  });

  it('refuses a socket from another origin without using up the token', async () => {
    const s = await start(recordingApp().app);
    const token = tokenOf(s);
    expect(await connect(s, { token, origin: 'http://evil.example' })).toEqual({ accepted: false, status: 403 });
    expect(await connect(s, { token, origin: 'http://localhost:1' })).toEqual({ accepted: false, status: 403 });
    expect((await connect(s, { token, tab: TAB_A })).accepted).toBe(true);
  });

  it('forwards a request to the dispatcher and returns its result under the same id', async () => {
    const { app, calls } = recordingApp();
    const s = await start(app);
    const ws = await accepted(s);
    const reply = await exchange(ws, JSON.stringify({ id: 7, channel: 'environment.describe', payload: {} }));
    expect(reply).toEqual({ id: 7, result: { ok: true, value: environment } });
    expect(calls).toEqual(['environment.describe']);
  });

  it('answers a malformed message with an error result and runs no handler', async () => {
    const { app, calls } = recordingApp();
    const s = await start(app);
    const ws = await accepted(s);
    const notJson = await exchange(ws, '{"id": 1, "channel": ');
    expect(notJson.id).toBeNull();
    expect(notJson.result.ok).toBe(false);
    const noChannel = await exchange(ws, JSON.stringify({ id: 2, payload: {} }));
    expect(noChannel).toMatchObject({ id: 2, result: { ok: false, error: { code: 'contract/invalid-request' } } });
    const extraKey = await exchange(ws, JSON.stringify({ id: 3, channel: 'environment.describe', payload: {}, admin: true }));
    expect(extraKey).toMatchObject({ id: 3, result: { ok: false } });
    const badPayload = await exchange(ws, JSON.stringify({ id: 4, channel: 'environment.describe', payload: { x: 1 } }));
    expect(badPayload).toMatchObject({ id: 4, result: { ok: false, error: { code: 'contract/invalid-request' } } });
    const unknown = await exchange(ws, JSON.stringify({ id: 5, channel: 'shell.exec', payload: {} }));
    expect(unknown).toMatchObject({ id: 5, result: { ok: false, error: { code: 'contract/unknown-channel' } } });
    const badPlan = await exchange(ws, JSON.stringify({ id: 6, channel: 'step.plan', payload: { stepId: '4.2.x' } }));
    expect(badPlan).toMatchObject({ id: 6, result: { ok: false, error: { code: 'contract/invalid-request' } } });
    expect(calls).toEqual([]);
  });

  it('streams job events and cancels the socket’s jobs when it closes', async () => {
    let sawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    const { app } = recordingApp({
      'step.apply': (_request, { signal, emit }) =>
        new Promise((resolve) => {
          emit({ kind: 'progress', value: 0.25, title: 'Creating the group' });
          signal.addEventListener('abort', () => {
            sawAbort();
            resolve(err('job/cancelled', 'cancelled'));
          });
        }),
    });
    const s = await start(app);
    const ws = await accepted(s);
    const event = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ id: 1, channel: 'step.apply', payload: { jobId: 'job-12345678', stepId: '4.2.1', planDigest: 'a'.repeat(64) } }));
    expect(await event).toEqual({ event: { jobId: 'job-12345678', kind: 'progress', value: 0.25, title: 'Creating the group' } });
    ws.close();
    await aborted;
  });

  it('throttles a job’s progress as the desktop shell does: held back, never a log line, the last before the result', async () => {
    const { app } = recordingApp({
      'step.apply': async (_request, { emit }) => {
        for (let i = 1; i <= 50; i += 1) emit({ kind: 'progress', value: i / 100, title: `part ${i}` });
        emit({ kind: 'log', level: 'info', line: 'group created' });
        emit({ kind: 'progress', value: 1, title: 'done' });
        return err('contract/handler-failed', 'stopped here');
      },
    });
    const s = await start(app);
    const ws = await accepted(s);
    const frames: { id?: unknown; event?: { kind: string; value?: number; line?: string } }[] = [];
    const answered = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as (typeof frames)[number];
        frames.push(frame);
        if (frame.id === 1) resolve();
      }),
    );
    ws.send(JSON.stringify({ id: 1, channel: 'step.apply', payload: { jobId: 'job-12345678', stepId: '4.2.1', planDigest: 'a'.repeat(64) } }));
    await answered;
    expect(frames.map((f) => (f.event === undefined ? `result ${String(f.id)}` : (f.event.line ?? f.event.value)))).toEqual([
      0.01,
      0.5,
      'group created',
      1,
      'result 1',
    ]);
  });

  it('closes the socket on a message larger than 1 MiB, before any handler runs', async () => {
    const { app, calls } = recordingApp();
    const s = await start(app);
    const ws = await accepted(s);
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, channel: 'environment.describe', payload: {}, pad: 'x'.repeat(1024 * 1024) }));
    expect(await closed).toBe(1009);
    expect(calls).toEqual([]);
  });
});
