import { spawn } from 'node:child_process';
import { elapsedMs, firstLines, silentLogger, type Logger } from './log-port';

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
  /**
   * The diagnostic log (a subsystem's child, e.g. `cluster`): one line per run with the program, its arguments, the
   * exit code and the duration, and the first lines of standard error when it failed. Never standard input (where a
   * script with a password goes). Nothing is written when absent.
   */
  readonly logger?: Logger;
}

/** How a run ended, as the diagnostic log names it. */
export type RunOutcome = 'exited' | 'not-started' | 'timeout' | 'killed' | 'cancelled';

/** The one line a run leaves in the diagnostic log. */
function logRun(
  options: RunProcessOptions,
  start: number,
  outcome: RunOutcome,
  detail: { readonly exitCode?: number; readonly stderr?: string; readonly error?: unknown },
): void {
  const logger = options.logger ?? silentLogger;
  const fields = {
    event: 'process',
    program: options.name,
    command: [...options.command],
    args: [...options.args],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    outcome,
    ...(detail.exitCode === undefined ? {} : { exitCode: detail.exitCode }),
    durationMs: elapsedMs(start),
    ...(detail.stderr === undefined || detail.exitCode === 0 || detail.stderr.trim() === '' ? {} : { stderr: firstLines(detail.stderr) }),
    ...(detail.error === undefined ? {} : { error: detail.error instanceof Error ? detail.error.message : String(detail.error) }),
  };
  if (outcome === 'exited' && detail.exitCode === 0) logger.info(`${options.name} exited 0`, fields);
  else if (outcome === 'exited') logger.warn(`${options.name} exited ${detail.exitCode ?? ''}`.trim(), fields);
  else if (outcome === 'cancelled') logger.info(`${options.name} cancelled`, fields);
  else logger.error(`${options.name} did not run to its end (${outcome})`, fields);
}

/**
 * Runs an outside tool once with `spawn`, never through a shell, so each argument reaches it as one argument.
 * Resolves with its output whatever the exit code; rejects when it cannot start, runs past `timeoutMs`, is killed,
 * or `signal` aborts (the child is killed then).
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessOutput> {
  const { signal } = options;
  const suffix = options.describe === undefined ? '' : `: ${options.describe}`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      logRun(options, start, 'cancelled', {});
      reject(signal.reason);
      return;
    }
    const [program, ...lead] = options.command;
    if (program === undefined) {
      const error = new Error(`no program given for ${options.name}`);
      logRun(options, start, 'not-started', { error });
      reject(error);
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
    const fail = (outcome: RunOutcome, error: unknown): void => {
      logRun(options, start, outcome, { error, stderr: Buffer.concat(err).toString('utf8') });
      reject(error);
    };
    const onAbort = (): void => {
      child.kill();
      finish(() => fail('cancelled', signal?.reason));
    };
    const timer = setTimeout(() => {
      child.kill();
      finish(() => fail('timeout', new Error(`${options.name} did not finish within ${options.timeoutMs} ms${suffix}`)));
    }, options.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(() => fail('not-started', e)));
    child.on('close', (code) => {
      finish(() => {
        if (code === null) {
          fail('killed', new Error(`${options.name} was killed${suffix}`));
          return;
        }
        const output = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code };
        logRun(options, start, 'exited', { exitCode: code, stderr: output.stderr });
        resolve(output);
      });
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin, 'utf8');
  });
}
