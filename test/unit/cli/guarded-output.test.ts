import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardOutput } from '../../../src-main/cli/guarded-output';

const epipe = (): Error => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });

/** A pipe whose reader went away: every write fails with EPIPE (Node then emits 'error' on the stream). */
function brokenPipe(): { stream: Writable; attempts: () => number } {
  let attempts = 0;
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      attempts += 1;
      callback(epipe());
    },
  });
  return { stream, attempts: () => attempts };
}

/** A pipe whose reader does not read: writes are held until `release`; full after 4 bytes. */
function stalledPipe(): { stream: Writable; release: () => void } {
  const held: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(_chunk, _encoding, callback) {
      held.push(() => callback());
    },
  });
  return { stream, release: () => held.splice(0).forEach((callback) => callback()) };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('guardOutput', () => {
  it('a broken pipe (EPIPE) is never an uncaught error: the stream counts as closed and later writes are dropped', async () => {
    const { stream, attempts } = brokenPipe();
    const output = guardOutput(stream);
    output.write('Phase mailboxes: finished\n');
    await tick();
    expect(output.closed).toBe(true);
    for (let i = 0; i < 100; i += 1) output.write(`line ${i}\n`);
    expect(attempts()).toBe(1);
    expect(output.ready()).toBeUndefined();
    await output.flushed();
  });

  it('ready() waits while the pipe is full and lets go when it drains', async () => {
    const { stream, release } = stalledPipe();
    const output = guardOutput(stream);
    expect(output.ready()).toBeUndefined();
    output.write('Plan (test mode: nothing is changed):\n');
    const ready = output.ready();
    expect(ready).toBeInstanceOf(Promise);
    let drained = false;
    void ready?.then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    release();
    await ready;
    expect(output.closed).toBe(false);
  });

  it('a full pipe that is then closed ends the waiting (no drain ever comes), and flushing does not wait on it', async () => {
    const { stream } = stalledPipe();
    const output = guardOutput(stream);
    output.write('a plan line that fills the pipe\n');
    const ready = output.ready();
    const flushed = output.flushed();
    expect(ready).toBeInstanceOf(Promise);
    stream.destroy(epipe());
    await Promise.all([ready, flushed]);
    expect(output.closed).toBe(true);
    expect(output.ready()).toBeUndefined();
    await output.flushed();
  });

  it('flushed() waits for what was written to be handed on while the stream is open', async () => {
    const { stream, release } = stalledPipe();
    const output = guardOutput(stream);
    output.write('Exit code: 0\n');
    let flushed = false;
    void output.flushed().then(() => (flushed = true));
    await tick();
    expect(flushed).toBe(false);
    release();
    await tick();
    release();
    await tick();
    expect(flushed).toBe(true);
  });

  it('a stream already destroyed (a closed terminal) takes writes without throwing', async () => {
    const stream = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    stream.destroy();
    const output = guardOutput(stream);
    expect(output.closed).toBe(true);
    output.write('dropped\n');
    await output.flushed();
  });
});
