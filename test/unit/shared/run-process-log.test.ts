import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/shared/logger';
import { runProcess } from '../../../src-main/shared/run-process';

const node = process.execPath;

function memoryLog() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) } }).child({ subsystem: 'cluster' });
  return { logger, text: () => lines.join(''), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('runProcess in the diagnostic log', () => {
  it('never writes standard input (where a script with a password goes)', async () => {
    const log = memoryLog();
    const script = 'LOGIN SRC1 Administrator S3cret-In-Stdin-77';
    await runProcess({ command: [node, '-e', 'process.stdin.resume()'], args: [], name: 'dtcl.exe', timeoutMs: 10_000, stdin: script, logger: log.logger });
    expect(log.entries()).toEqual([expect.objectContaining({ program: 'dtcl.exe', outcome: 'exited', exitCode: 0 })]);
    expect(log.text()).not.toContain('S3cret-In-Stdin-77');
  });

  it('logs a run past its time limit as an error with outcome timeout', async () => {
    const log = memoryLog();
    await expect(runProcess({ command: [node, '-e', 'setTimeout(() => {}, 10000)'], args: [], name: 'cluster.exe', timeoutMs: 200, logger: log.logger })).rejects.toThrow(
      'did not finish within 200 ms',
    );
    expect(log.entries()).toEqual([expect.objectContaining({ level: 'error', subsystem: 'cluster', outcome: 'timeout' })]);
  });

  it('logs a cancelled run as cancelled', async () => {
    const log = memoryLog();
    const controller = new AbortController();
    const running = runProcess({ command: [node, '-e', 'setTimeout(() => {}, 10000)'], args: [], name: 'cluster.exe', timeoutMs: 10_000, signal: controller.signal, logger: log.logger });
    setTimeout(() => controller.abort(new Error('stopped')), 100);
    await expect(running).rejects.toThrow('stopped');
    expect(log.entries()).toEqual([expect.objectContaining({ level: 'info', outcome: 'cancelled' })]);
  });

  it('keeps only the first lines of standard error of a failed run, each line redacted', async () => {
    const log = memoryLog();
    const code = 'for (let i = 1; i <= 9; i++) console.error("line " + i + " password=hunter2"); process.exit(5)';
    const out = await runProcess({ command: [node, '-e', code], args: ['flag'], name: 'cluster.exe', timeoutMs: 10_000, logger: log.logger });
    expect(out.exitCode).toBe(5);
    const [entry] = log.entries();
    expect(entry).toMatchObject({ level: 'warn', exitCode: 5, args: ['flag'] });
    expect(entry?.['stderr']).toHaveLength(5);
    expect(log.text()).not.toContain('hunter2');
  });
});
