import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type EntryIo, type EntryOptions, type EntryProcess, runEntry } from '../../../src-main/cli/process-exit';

const epipe = (): Error => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

/** A stream that collects what is written; `broken` fails every write with EPIPE; `stalled` never completes one. */
function stream(kind: 'ok' | 'broken' | 'stalled' = 'ok'): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const writable = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, callback) {
      if (kind === 'broken') return callback(epipe());
      chunks.push(chunk.toString('utf8'));
      if (kind === 'ok') callback();
    },
  });
  return { stream: writable, text: () => chunks.join('') };
}

/** A process stand-in: its streams, its signal and error listeners, and the exit code once it exits. */
class FakeProcess extends EventEmitter implements EntryProcess {
  readonly exits: number[] = [];
  readonly exited: Promise<number>;
  #resolve: (code: number) => void = () => undefined;
  constructor(
    readonly stdout: Writable,
    readonly stderr: Writable,
  ) {
    super();
    this.exited = new Promise((resolve) => (this.#resolve = resolve));
  }
  exit(code: number): void {
    this.exits.push(code);
    this.#resolve(code);
  }
}

const OPTIONS: EntryOptions = {
  program: 'exchfailover',
  interruptMessage: 'stopping after the operations in flight',
  unexpectedExitCode: 2,
  mask: (text) => text.replaceAll('S3cret', '********'),
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('runEntry', () => {
  it('standard error closed (EPIPE): the run goes on to the end and the process exits with its code', async () => {
    const out = stream();
    const err = stream('broken');
    const host = new FakeProcess(out.stream, err.stream);
    const steps: string[] = [];
    runEntry(
      OPTIONS,
      async ({ stdout, stderr }) => {
        for (const phase of ['patch-flag', 'mailboxes', 'rus', 'spn', 'routing-master']) {
          stderr.write(`exchfailover: warning: ${phase}\n`);
          await tick();
          steps.push(phase);
          stdout.write(`Phase ${phase}: finished\n`);
        }
        return 0;
      },
      host,
    );
    expect(await host.exited).toBe(0);
    expect(steps).toEqual(['patch-flag', 'mailboxes', 'rus', 'spn', 'routing-master']);
    expect(out.text()).toContain('Phase routing-master: finished');
    expect(host.exits).toEqual([0]);
  });

  it('standard output closed while full: whoever waits for it to drain is let go, and the exit does not wait on it', async () => {
    const out = stream('stalled');
    const host = new FakeProcess(out.stream, stream().stream);
    runEntry(
      OPTIONS,
      async ({ stdout }) => {
        stdout.write('Plan (test mode: nothing is changed):\n');
        const ready = stdout.ready();
        expect(ready).toBeInstanceOf(Promise);
        setImmediate(() => out.stream.destroy(epipe()));
        await ready;
        stdout.write('  more of the plan\n');
        return 3;
      },
      host,
    );
    expect(await host.exited).toBe(3);
  });

  it('waits for what was written to be flushed before exiting, unless the stream closes first', async () => {
    const out = stream('stalled');
    const host = new FakeProcess(out.stream, stream().stream);
    runEntry(OPTIONS, async ({ stdout }) => (stdout.write('Exit code: 0\n'), 0), host);
    await tick();
    await tick();
    expect(host.exits).toEqual([]);
    out.stream.destroy();
    expect(await host.exited).toBe(0);
  });

  it('an uncaught exception exits with the unexpected-error code (never 1), saying so on one masked, escaped line', async () => {
    const err = stream();
    const host = new FakeProcess(stream().stream, err.stream);
    runEntry(OPTIONS, () => new Promise<number>(() => undefined), host);
    host.emit('uncaughtException', new Error('socket hang up S3cret\n2024-05-01T03:00:00.000Z INFO  Result: done and verified (exit code 0)'));
    expect(await host.exited).toBe(2);
    expect(err.text()).toBe('exchfailover: unexpected error: socket hang up ********\\n2024-05-01T03:00:00.000Z INFO  Result: done and verified (exit code 0)\n');
  });

  it.each<[string, (io: EntryIo) => Promise<number>]>([
    ['a rejected run', async () => Promise.reject(new Error('bug'))],
    [
      'a run that throws at once',
      () => {
        throw new Error('bug');
      },
    ],
  ])('%s exits with the unexpected-error code', async (_, main) => {
    const err = stream();
    const host = new FakeProcess(stream().stream, err.stream);
    runEntry({ ...OPTIONS, unexpectedExitCode: 7 }, main, host);
    expect(await host.exited).toBe(7);
    expect(err.text()).toBe('exchfailover: unexpected error: bug\n');
  });

  it('an unhandled rejection exits with the unexpected-error code too', async () => {
    const host = new FakeProcess(stream().stream, stream().stream);
    runEntry(OPTIONS, () => new Promise<number>(() => undefined), host);
    host.emit('unhandledRejection', 'no reason');
    expect(await host.exited).toBe(2);
  });

  it('Ctrl+C aborts the run once; a second one quits at once with 130; a hang-up (SIGHUP) does not end the run', async () => {
    const err = stream();
    const host = new FakeProcess(stream().stream, err.stream);
    let signal: AbortSignal | undefined;
    let finish: (code: number) => void = () => undefined;
    runEntry(
      OPTIONS,
      (io) => {
        signal = io.signal;
        return new Promise<number>((resolve) => (finish = resolve));
      },
      host,
    );
    host.emit('SIGHUP');
    expect(signal?.aborted).toBe(false);
    expect(host.exits).toEqual([]);
    host.emit('SIGINT');
    expect(signal?.aborted).toBe(true);
    expect(err.text()).toBe('exchfailover: interrupted; stopping after the operations in flight (Ctrl+C again to quit now)\n');
    host.emit('SIGINT');
    expect(host.exits).toEqual([130]);
    finish(0);
  });
});
