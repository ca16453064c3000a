import { afterEach, describe, expect, it, vi } from 'vitest';
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
    await expect(session.call((port) => port.modify('b', []))).rejects.toThrow(/the directory did not answer for 0\.1 s \(\d+ reconnection attempt\(s\)\); last error: connection refused/);
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

/** A port as a lazy client hands it out: created without reaching anything, every operation failing. */
function unreachablePort(closed: { count: number }): DirectoryPort {
  const down = (): never => {
    throw new DirectoryError('unavailable', 'connect ECONNREFUSED 127.0.0.1:1');
  };
  return {
    rootDse: async () => down(),
    // eslint-disable-next-line require-yield
    search: async function* () {
      down();
    },
    modify: async () => down(),
    add: async () => down(),
    delete: async () => down(),
    close: async () => {
      closed.count += 1;
    },
  };
}

describe('DirectorySession outages', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not count a connection that never reached the server: bounded attempts, one line each, lost ports closed', async () => {
    vi.useFakeTimers();
    const closed = { count: 0 };
    const lines: string[] = [];
    let connects = 0;
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        return unreachablePort(closed);
      },
      retryForMs: 60_000,
      initialDelayMs: 250,
      maxDelayMs: 10_000,
      random: () => 0.5,
      onLog: (level, line) => lines.push(`${level} ${line}`),
    });
    const outcome = session.call((port) => port.modify('a', [])).then(
      () => 'resolved',
      (error: unknown) => (error instanceof RunStopped ? error.message : `other: ${String(error)}`),
    );
    await vi.advanceTimersByTimeAsync(61_000);
    const message = await outcome;
    expect(message).toMatch(/^the directory did not answer for 60 s \(\d+ reconnection attempt\(s\)\); last error: .*ECONNREFUSED/);
    // 250 ms doubling to 10 s, with jitter in [d/2, d): about a dozen attempts in a minute, never thousands.
    expect(connects).toBeGreaterThan(5);
    expect(connects).toBeLessThan(25);
    // One line when the outage starts, at most one per attempt, never "reconnected".
    expect(lines.length).toBeLessThanOrEqual(connects + 1);
    expect(lines.some((line) => line.includes('reconnected'))).toBe(false);
    // Every connection but the one the session still holds was closed.
    expect(closed.count).toBeGreaterThanOrEqual(connects - 1);
    expect(session.connectionsOpened).toBe(connects);
  });

  it('keeps the outage (deadline and backoff) when a reconnection binds and reads but the next operation fails again', async () => {
    vi.useFakeTimers();
    let connects = 0;
    const times: number[] = [];
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        times.push(Date.now());
        // Binds and answers the root DSE read, then fails every modify.
        return fakePort(`p${connects}`, [], () => new DirectoryError('unavailable', 'reset by peer'));
      },
      retryForMs: 30_000,
      initialDelayMs: 1000,
      maxDelayMs: 8000,
      random: () => 0,
    });
    const outcome = session.call((port) => port.modify('a', [])).then(
      () => 'resolved',
      (error: unknown) => (error as Error).message,
    );
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await outcome).toMatch(/did not answer for 30 s/);
    // With no jitter the waits are half the delay: 0 (first attempt at once), 500, 1000, 2000, 4000, 4000, ...
    const gaps = times.slice(2).map((time, index) => time - (times[index + 1] ?? 0));
    expect(gaps.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(connects).toBeLessThan(15);
  });

  it('ends the outage when an operation succeeds, so the next outage gets its own full window', async () => {
    let down = true;
    let connects = 0;
    const lines: string[] = [];
    const session = await DirectorySession.open({
      connect: async () => {
        connects += 1;
        return fakePort(`p${connects}`, [], () => (down && connects === 1 ? new DirectoryError('unavailable', 'reset') : undefined));
      },
      retryForMs: 5000,
      initialDelayMs: 1,
      onLog: (_level, line) => lines.push(line),
    });
    await session.call((port) => port.modify('a', []));
    down = false;
    expect(lines).toEqual([
      'lost the directory connection (reset); reconnecting for up to 5 s',
      'reconnected to the directory (attempt 1)',
      'the directory answers again (after 1 reconnection attempt(s))',
    ]);
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
