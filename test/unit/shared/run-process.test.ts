import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src-main/shared/run-process';

const node = process.execPath;
const script = (source: string) => [node, '-e', source];

describe('runProcess', () => {
  it('passes each argument as one argument (no shell) and returns output and exit code', async () => {
    const output = await runProcess({
      command: script('console.log(JSON.stringify(process.argv.slice(1))); console.error("warn"); process.exit(3)'),
      args: ['a b', '$(whoami)', '"; rm -rf /'],
      name: 'probe',
      timeoutMs: 10_000,
    });
    expect(JSON.parse(output.stdout)).toEqual(['a b', '$(whoami)', '"; rm -rf /']);
    expect(output.stderr.trim()).toBe('warn');
    expect(output.exitCode).toBe(3);
  });

  it('feeds standard input and closes it', async () => {
    const output = await runProcess({
      command: script('let t="";process.stdin.on("data",d=>t+=d).on("end",()=>process.stdout.write(t.toUpperCase()))'),
      args: [],
      name: 'probe',
      timeoutMs: 10_000,
      stdin: 'login lab\n',
    });
    expect(output.stdout).toBe('LOGIN LAB\n');
  });

  it('kills a tool that runs too long, and says which', async () => {
    await expect(
      runProcess({ command: script('setTimeout(() => {}, 60_000)'), args: [], name: 'slowtool', describe: 'res /stat', timeoutMs: 200 }),
    ).rejects.toThrow('slowtool did not finish within 200 ms: res /stat');
  });

  it('kills the tool when the caller cancels', async () => {
    const controller = new AbortController();
    const running = runProcess({ command: script('setTimeout(() => {}, 60_000)'), args: [], name: 'probe', timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    await expect(running).rejects.toThrow('cancelled by the user');
  });

  it('rejects when the program cannot start', async () => {
    await expect(runProcess({ command: ['/nonexistent/tool'], args: [], name: 'probe', timeoutMs: 1_000 })).rejects.toThrow(/ENOENT/);
  });
});
