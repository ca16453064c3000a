import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createClient } from '../../../src-main/contract/client';
import * as wire from '../../../src-main/preview/wire';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/preview-server';
import {
  PREVIEW_PROTOCOL,
  SOCKET_PATH,
  TOKEN_PROTOCOL_PREFIX,
  createPreviewSocketTransport,
  tokenFromHash,
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

/** The browser preview end to end in Node: the renderer's transport (over `ws`) against the real preview server. */
async function connectedClient(origin?: string) {
  dir = await mkdtemp(join(tmpdir(), 'renderer-socket-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  const fake = createFakeMain();
  const app = { dispatcher: fake.dispatcher, environment: { kind: 'lab' as const, sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0' }, close: async () => undefined };
  server = await startPreviewServer({ app, rendererDir: dir, host: '127.0.0.1', port: 0 });
  const token = tokenFromHash(new URL(server.url).hash)!;
  const url = `${server.origin.replace('http:', 'ws:')}${SOCKET_PATH}`;
  const connect = (u: string, protocols: string[]) => new WebSocket(u, protocols, { origin: origin ?? server!.origin }) as unknown as SocketLike;
  const transport = createPreviewSocketTransport({ url, token, connect });
  return { transport, client: createClient(transport) };
}

describe('the preview socket transport', () => {
  it('speaks the preview server’s wire constants', () => {
    expect(PREVIEW_PROTOCOL).toBe(wire.PREVIEW_PROTOCOL);
    expect(TOKEN_PROTOCOL_PREFIX).toBe(wire.TOKEN_PROTOCOL_PREFIX);
    expect(SOCKET_PATH).toBe(wire.SOCKET_PATH);
  });

  it('reads only a well-formed token from the hash', () => {
    const token = 'ab'.repeat(32);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash('#token=abc')).toBeUndefined();
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash(`#token=${token.toUpperCase()}`)).toBeUndefined();
  });

  it('invokes channels through the real server and receives job events', async () => {
    const { client } = await connectedClient();
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

  it('reports a lost connection and fails what is pending', async () => {
    const { transport, client } = await connectedClient('http://evil.example');
    const closed = new Promise<void>((resolve) => transport.onClose(resolve));
    const reply = await client.invoke('environment.describe', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'transport/failed' } });
    await closed;
  });
});
