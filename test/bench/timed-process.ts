/**
 * Runs one contender or peer as a child process and times it from spawn to exit (start-up included), reading its
 * output as it comes so a full pipe never slows it down. argv is never passed through a shell. Children still
 * running when the benchmark is interrupted are killed by `killAllTimedProcesses`.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** How a timed run ended. */
export interface TimedRun {
  readonly argv: readonly string[];
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Wall-clock time from spawn to exit, in milliseconds. */
  readonly ms: number;
  /** `performance.now()` at spawn and at exit: several runs started together are timed from the first start to the last exit. */
  readonly startedAt: number;
  readonly exitedAt: number;
  readonly timedOut: boolean;
  /** The last few kilobytes of each stream, for error messages. */
  readonly stdoutTail: string;
  readonly stderrTail: string;
}

/** Options of a timed run. */
export interface TimedRunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long; default 20 minutes. */
  readonly timeoutMs?: number;
  /** Every stdout chunk, e.g. to count entries or keep a JSON summary. */
  readonly onStdout?: (chunk: Buffer) => void;
}

const TAIL_BYTES = 4096;
const children = new Set<ChildProcess>();

function keepTail(tail: string, chunk: Buffer): string {
  const joined = tail + chunk.toString('utf8');
  return joined.length > TAIL_BYTES ? joined.slice(-TAIL_BYTES) : joined;
}

/** Spawns argv[0] with the rest as arguments and resolves when it has exited and its streams are drained. */
export function runTimed(argv: readonly string[], options: TimedRunOptions = {}): Promise<TimedRun> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new Error('runTimed: empty command'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let exitedAt: number | undefined;
    let stdoutTail = '';
    let stderrTail = '';
    let timedOut = false;
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20 * 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutTail = keepTail(stdoutTail, chunk);
      options.onStdout?.(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = keepTail(stderrTail, chunk);
    });
    child.once('exit', () => {
      exitedAt = performance.now();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(new Error(`could not start ${file}: ${error.message}`, { cause: error }));
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const ended = exitedAt ?? performance.now();
      resolve({ argv, exitCode, signal, ms: ended - started, startedAt: started, exitedAt: ended, timedOut, stdoutTail, stderrTail });
    });
  });
}

/** Kills every child still running (SIGKILL): used when the benchmark itself is interrupted. */
export function killAllTimedProcesses(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** A one-line account of a run that did not exit 0: code or signal, and the end of its error output. */
export function describeFailure(run: TimedRun): string {
  const how = run.timedOut ? 'timed out' : run.signal !== null ? `killed by ${run.signal}` : `exit code ${run.exitCode}`;
  const lines = (run.stderrTail.trim() || run.stdoutTail.trim())
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at |^Node\.js v|^\^|^[{}]$|triggerUncaughtException/.test(line));
  const said = (lines.filter((line) => /error|exchfailover:|ldap_/i.test(line)).slice(0, 2).join(' | ') || lines.slice(-2).join(' | ')).slice(0, 400);
  return `${run.argv.slice(0, 3).join(' ')}… ${how}${said === '' ? '' : `: ${said}`}`;
}
