import { spawn } from 'node:child_process';

/** What a finished tool printed and how it exited. */
export interface ProcessOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface RunProcessOptions {
  /** Program and leading arguments (e.g. `['cluster.exe']`, or an emulator under `node`). */
  readonly command: readonly string[];
  readonly args: readonly string[];
  /** What the tool is called in messages ("cluster.exe"). */
  readonly name: string;
  /** Appended to timeout and kill messages; never put a secret here. */
  readonly describe?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Written to the tool's standard input, then closed (how a script reaches it without touching a disk). */
  readonly stdin?: string;
  readonly signal?: AbortSignal;
}

/**
 * Runs an outside tool once with `spawn`, never through a shell, so each argument reaches it as one argument.
 * Resolves with its output whatever the exit code; rejects when it cannot start, runs past `timeoutMs`, is killed,
 * or `signal` aborts (the child is killed then).
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessOutput> {
  const { signal } = options;
  const suffix = options.describe === undefined ? '' : `: ${options.describe}`;
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const [program, ...lead] = options.command;
    if (program === undefined) {
      reject(new Error(`no program given for ${options.name}`));
      return;
    }
    const child = spawn(program, [...lead, ...options.args], {
      shell: false,
      windowsHide: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    // A child that exits before reading all its input closes the pipe: not an error of ours.
    child.stdin?.on('error', () => undefined);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      child.kill();
      finish(() => reject(signal?.reason));
    };
    const timer = setTimeout(() => {
      child.kill();
      finish(() => reject(new Error(`${options.name} did not finish within ${options.timeoutMs} ms${suffix}`)));
    }, options.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(() => reject(e)));
    child.on('close', (code) => {
      finish(() => {
        if (code === null) {
          reject(new Error(`${options.name} was killed${suffix}`));
          return;
        }
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code });
      });
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin, 'utf8');
  });
}
