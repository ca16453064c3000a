import { describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { BoundedPipeline } from '../../../src-main/failover/bounded-pipeline';
import { DirectorySession, RunStopped } from '../../../src-main/failover/directory-session';

/** A port whose modify fails with `error` while `failing()` says so. */
function fakePort(name: string, log: string[], failing: () => DirectoryError | undefined): DirectoryPort {
  return {
    rootDse: async () => ({ defaultNamingContext: 'DC=x', configurationNamingContext: 'CN=Configuration,DC=x', namingContexts: [] }),
    search: async function* () {},
    async modify(dn) {
      const error = failing();
      if (error !== undefined) throw error;
      log.push(`${name}:${dn}`);
    },
    add: async () => undefined,
    delete: async () => undefined,
    close: async () => {
      log.push(`${name}:closed`);
    },
  };
}

describe('DirectorySession', () => {
  it('reconnects once for operations that fail together and retries them, telling each it was retried', async () => {
    const log: string[] = [];
    let connects = 0;
    let down = true;
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        const name = `port${connects}`;
        return fakePort(name, log, () => (name === 'port1' && down ? new DirectoryError('unavailable', 'reset') : undefined));
      },
      retryForMs: 5000,
      initialDelayMs: 1,
    });
    let retries = 0;
    await Promise.all(['a', 'b', 'c'].map((dn) => session.call((port) => port.modify(dn, []), () => (retries += 1))));
    down = false;
    expect(connects).toBe(2);
    expect(retries).toBe(3);
    expect(log.filter((line) => line.startsWith('port2:') && !line.endsWith('closed')).sort()).toEqual(['port2:a', 'port2:b', 'port2:c']);
    expect(log).toContain('port1:closed');
    await session.close();
  });

  it('stops the run when the directory stays away longer than retryForMs', async () => {
    let connects = 0;
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        if (connects > 1) throw new DirectoryError('unavailable', 'connection refused');
        return fakePort('p', [], () => new DirectoryError('timeout', 'timed out'));
      },
      retryForMs: 120,
      initialDelayMs: 10,
    });
    const started = Date.now();
    await expect(session.call((port) => port.modify('a', []))).rejects.toThrow(RunStopped);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(connects).toBeGreaterThan(2);
    await expect(session.call((port) => port.modify('b', []))).rejects.toThrow(/could not reconnect within/);
  });

  it('does not retry refusals, and stops at once when a reconnection is refused for another reason', async () => {
    const session = await DirectorySession.open({
      connect: async () => fakePort('p', [], () => new DirectoryError('no-such-attribute', 'no such value')),
      retryForMs: 1000,
    });
    await expect(session.call((port) => port.modify('a', []))).rejects.toMatchObject({ code: 'no-such-attribute' });
    let connects = 0;
    const refusing = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        if (connects > 1) throw new DirectoryError('invalid-credentials', 'invalid credentials');
        return fakePort('p', [], () => new DirectoryError('unavailable', 'reset'));
      },
      retryForMs: 10_000,
    });
    await expect(refusing.call((port) => port.modify('a', []))).rejects.toThrow('could not reconnect to the directory: invalid credentials');
  });

  it('stops reconnecting when the operator cancels', async () => {
    const controller = new AbortController();
    let connects = 0;
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        if (connects === 3) controller.abort();
        if (connects > 1) throw new DirectoryError('unavailable', 'refused');
        return fakePort('p', [], () => new DirectoryError('unavailable', 'reset'));
      },
      retryForMs: 60_000,
      initialDelayMs: 1,
      signal: controller.signal,
    });
    await expect(session.call((port) => port.modify('a', []))).rejects.toThrow('cancelled while reconnecting to the directory');
  });
});

describe('BoundedPipeline', () => {
  it('never has more than the limit in flight and drains', async () => {
    const pipeline = new BoundedPipeline(4);
    let active = 0;
    let peak = 0;
    let done = 0;
    for (let i = 0; i < 50; i += 1) {
      await pipeline.submit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, i % 3));
        active -= 1;
        done += 1;
      });
      expect(pipeline.active).toBeLessThanOrEqual(4);
    }
    await pipeline.drain();
    expect(peak).toBe(4);
    expect(done).toBe(50);
  });

  it('rethrows an error a task let escape when drained', async () => {
    const pipeline = new BoundedPipeline(2);
    await pipeline.submit(async () => {
      throw new Error('bug');
    });
    await expect(pipeline.drain()).rejects.toThrow('bug');
  });
});
