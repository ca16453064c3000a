import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTcpProbe } from '../../../../src-main/incident/probes/tcp-probe';

async function listen(): Promise<{ server: Server; port: number; accepted: () => number }> {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, accepted: () => accepted };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('the TCP probe', () => {
  it('answers when 127.0.0.1 accepts the connection, closing it at once', async () => {
    const { server, port, accepted } = await listen();
    const probe = createTcpProbe('127.0.0.1', port);
    expect(probe.description).toBe(`TCP connect to 127.0.0.1:${port}`);
    const reply = await probe.probe(2000, new AbortController().signal);
    expect(reply.ok).toBe(true);
    expect(reply.detail).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} accepted a connection in \\d+ ms$`));
    await new Promise((r) => setTimeout(r, 20));
    expect(accepted()).toBe(1);
    await close(server);
  });

  it('is a missed reply when nothing listens any more (connection refused)', async () => {
    const { server, port } = await listen();
    await close(server);
    expect(await createTcpProbe('127.0.0.1', port).probe(2000, new AbortController().signal)).toEqual({ ok: false, detail: `127.0.0.1:${port}: connection refused` });
  });

  it('rejects with the reason when stopped, and refuses a bad host or port', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(createTcpProbe('127.0.0.1', 9).probe(1000, controller.signal)).rejects.toThrow('stopped');
    expect(() => createTcpProbe('-x', 80)).toThrow(/begins with "-"/);
    expect(() => createTcpProbe('127.0.0.1', 70000)).toThrow(/1 to 65535/);
  });
});
