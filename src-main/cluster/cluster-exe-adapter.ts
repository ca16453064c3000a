import type { Logger } from '../shared/log-port';
import { runProcess, type ProcessOutput } from '../shared/run-process';
import { win32Text, parseSystemErrorNumber } from './win32-errors';
import { clusterExeArgv, clusterNameArg } from './cluster-exe-argv';
import { positionalName } from './switch-like-name';
import {
  parseGroupStatus,
  parseNodeStatus,
  parseOwnerList,
  parsePropertyListing,
  parseResourceStatus,
} from './cluster-exe-output';
import {
  ClusterError,
  type ClusterCommand,
  type ClusterPort,
  type GroupInfo,
  type GroupState,
  type NodeInfo,
  type PrivateValue,
  type ResourceInfo,
} from './port';

/** How to reach cluster.exe: the program and any leading arguments, and how long one call may take. */
export interface ClusterExeAdapterOptions {
  /** The cluster's name as cluster.exe is given it. */
  readonly cluster: string;
  /** E.g. `['C:\\Windows\\system32\\cluster.exe']`, or in tests `[process.execPath, '--import', 'tsx', '<emulator>']`. */
  readonly command: readonly [string, ...string[]];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill cluster.exe after this long (default 5 minutes: bringing Exchange online takes a while). */
  readonly timeoutMs?: number;
  /** `'plain'` (default): `cluster SRCCLUS res ...`; `'switch'`: `cluster /cluster:SRCCLUS res ...`. */
  readonly clusterForm?: 'plain' | 'switch';
  /**
   * Given: `res "X" /online /wait:<s>` (cluster.exe waits up to s seconds itself); the final state is still checked.
   * Undefined (default): plain `/online`, and the adapter alone waits.
   */
  readonly onlineWaitSeconds?: number;
  /** How long an online/offline may stay pending before the adapter gives up (default 120 s). */
  readonly pendingTimeoutMs?: number;
  /** Pause between status listings while a resource or group is pending (default 1 s). */
  readonly pollIntervalMs?: number;
  /** The program's diagnostic log: each run is one line of its child `cluster` (nothing written when absent). */
  readonly logger?: Logger;
}

/** What one cluster.exe run printed and returned. */
export type ClusterExeOutput = ProcessOutput;

/** 5024 (properties stored, effective at next online) is a success with a warning, not a refusal. */
const SUCCESS_CODES = new Set([0, 5024]);

/** ERROR_TIMEOUT: the object was still pending when the wait ran out. */
export const PENDING_TIMEOUT_CODE = 1460;
/** ERROR_RESOURCE_FAILED: the object came to rest in another state than the one asked for. */
export const WRONG_FINAL_STATE_CODE = 5038;

/** What an online/offline/move waits for: the object, and the final states that mean success. */
export interface PendingWait {
  readonly kind: 'res' | 'group';
  readonly name: string;
  readonly wanted: readonly string[];
}

/** The wait a command needs after cluster.exe returns (undefined: none). */
export function pendingWaitFor(command: ClusterCommand): PendingWait | undefined {
  switch (command.kind) {
    case 'resource-online':
      return { kind: 'res', name: command.resource, wanted: ['Online'] };
    case 'resource-offline':
      return { kind: 'res', name: command.resource, wanted: ['Offline'] };
    case 'group-online':
    case 'group-move':
      return { kind: 'group', name: command.group, wanted: ['Online'] };
    case 'group-offline':
      return { kind: 'group', name: command.group, wanted: ['Offline'] };
    default:
      return undefined;
  }
}

const PENDING_STATES: ReadonlySet<string> = new Set<ResourceInfo['state'] | GroupState>(['Online Pending', 'Offline Pending', 'Pending']);

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The Win32 number that stands for cluster.exe not running to its end, as Windows' CreateProcess would report it:
 * 2 ERROR_FILE_NOT_FOUND (no such program), 5 ERROR_ACCESS_DENIED (not executable), else 1460 ERROR_TIMEOUT (it did
 * not finish in time, or was killed).
 */
function runFailureCode(error: unknown): number {
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (errno === 'ENOENT') return 2;
  if (errno === 'EACCES' || errno === 'EPERM') return 5;
  return PENDING_TIMEOUT_CODE;
}

/**
 * Runs cluster.exe once with `spawn` (never a shell: each argument reaches it as one argument). Resolves with its
 * output whatever the exit code; rejects with the signal's reason when `signal` aborts (the child is killed), and
 * with an unreachable ClusterError when cluster.exe cannot start or runs too long: the cluster gave no answer.
 */
export async function runClusterExe(
  options: Omit<ClusterExeAdapterOptions, 'cluster'> & { readonly cluster?: string },
  args: readonly string[],
  signal?: AbortSignal,
): Promise<ClusterExeOutput> {
  try {
    return await runProcess({
      ...(options.logger === undefined
        ? {}
        : { logger: options.logger.child({ subsystem: 'cluster', ...(options.cluster === undefined ? {} : { cluster: options.cluster }) }) }),
      command: options.command,
      args,
      name: 'cluster.exe',
      describe: args.join(' '),
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted === true && error === signal.reason) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new ClusterError(runFailureCode(error), `cluster.exe did not run to its end: ${why}`, 'unreachable');
  }
}

/**
 * The refusal a failed run stands for: the number from "System error N" (else the exit code), with its text. The
 * printed number is preferred because only Windows keeps a 32-bit exit code; elsewhere (the emulator on Linux)
 * the exit status is its low 8 bits. The "System error N" lines are left out of the message (the number is the
 * error's code, named once by whoever shows it); 1722 and the other no-answer numbers make it unreachable.
 */
export function clusterErrorFromOutput(output: ClusterExeOutput): ClusterError {
  const code = parseSystemErrorNumber(`${output.stderr}\n${output.stdout}`) ?? output.exitCode;
  const printed = output.stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !/^System (error|warning) \d+/.test(l))
    .join(' ')
    .trim();
  return new ClusterError(code, printed === '' ? win32Text(code) : printed);
}

/**
 * The cluster port over cluster.exe (Windows 2000/2003): commands become cluster.exe argument lists, listings are
 * parsed back. A non-zero exit becomes ClusterError with the number cluster.exe printed.
 */
export class ClusterExeAdapter implements ClusterPort {
  readonly cluster: string;

  constructor(private readonly options: ClusterExeAdapterOptions) {
    this.cluster = options.cluster;
  }

  /**
   * Runs one command; resolves on exit 0 (or 5024, properties stored), else throws ClusterError. After an online,
   * offline or move (cluster.exe may return while the object is still Online/Offline Pending) it polls the object's
   * status listing every `pollIntervalMs` until a final state: the one asked for resolves; another (Failed,
   * Partially Online, ...) throws ClusterError 5038; still pending after `pendingTimeoutMs` throws ClusterError 1460
   * naming the pending state and the timeout. `signal` aborts the wait too.
   */
  async run(command: ClusterCommand, signal?: AbortSignal): Promise<void> {
    const argv = clusterExeArgv(this.cluster, command, {
      ...(this.options.clusterForm === undefined ? {} : { clusterForm: this.options.clusterForm }),
      ...(this.options.onlineWaitSeconds === undefined ? {} : { onlineWaitSeconds: this.options.onlineWaitSeconds }),
    });
    const output = await runClusterExe(this.options, argv, signal);
    if (output.exitCode !== 0) {
      const error = clusterErrorFromOutput(output);
      if (!SUCCESS_CODES.has(error.code)) throw error;
    }
    const wait = pendingWaitFor(command);
    if (wait !== undefined) await this.waitForFinalState(wait, signal);
  }

  /** Polls `res "X" /stat` or `group "G" /stat` until the object leaves its pending state (see `run`). */
  async waitForFinalState(wait: PendingWait, signal?: AbortSignal): Promise<string> {
    const timeoutMs = this.options.pendingTimeoutMs ?? 120_000;
    const intervalMs = this.options.pollIntervalMs ?? 1_000;
    const started = Date.now();
    const what = wait.kind === 'res' ? `resource '${wait.name}'` : `resource group '${wait.name}'`;
    for (;;) {
      const text = await this.query([wait.kind, wait.name, '/stat'], signal);
      const state = wait.kind === 'res' ? parseResourceStatus(text)[0]?.status : parseGroupStatus(text)[0]?.status;
      if (state === undefined) throw new ClusterError(WRONG_FINAL_STATE_CODE, `The status of ${what} could not be read.`);
      if (!PENDING_STATES.has(state)) {
        if (wait.wanted.includes(state)) return state;
        throw new ClusterError(WRONG_FINAL_STATE_CODE, `The ${what} is ${state}, not ${wait.wanted.join(' or ')}.`);
      }
      const elapsed = Date.now() - started;
      if (elapsed >= timeoutMs) {
        throw new ClusterError(
          PENDING_TIMEOUT_CODE,
          `The ${what} is still ${state}; gave up waiting for ${wait.wanted.join(' or ')} after the timeout of ${formatDuration(timeoutMs)}.`,
        );
      }
      await sleep(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed)), signal);
    }
  }

  /** `node /stat`. */
  async nodes(): Promise<readonly NodeInfo[]> {
    const text = await this.query(['node', '/stat']);
    return parseNodeStatus(text).map((n) => ({ name: n.node, state: n.status }));
  }

  /** `group /stat`, `group /prop` and each group's `/listowners` (those side by side). */
  async groups(): Promise<readonly GroupInfo[]> {
    const status = parseGroupStatus(await this.query(['group', '/stat']));
    const names = status.map((g) => g.group);
    const props = parsePropertyListing(await this.query(['group', '/prop']), names);
    return Promise.all(
      status.map(async (g): Promise<GroupInfo> => ({
        name: g.group,
        description: stringProperty(props, g.group, 'Description'),
        state: g.status,
        owner: g.node === '' ? undefined : g.node,
        preferredOwners: parseOwnerList(await this.query(['group', positionalName(g.group, 'group'), '/listowners'])),
      })),
    );
  }

  /** `res /stat`, `res /prop`, `res /priv`, and each resource's `/listdep` and `/listowners` (side by side). */
  async resources(): Promise<readonly ResourceInfo[]> {
    const groups = parseGroupStatus(await this.query(['group', '/stat'])).map((g) => g.group);
    const status = parseResourceStatus(await this.query(['res', '/stat']), groups);
    const names = status.map((r) => r.resource);
    const common = parsePropertyListing(await this.query(['res', '/prop']), names);
    const priv = parsePropertyListing(await this.query(['res', '/priv']), names);
    return Promise.all(
      status.map(async (r): Promise<ResourceInfo> => {
        const [depText, ownerText] = await Promise.all([
          this.query(['res', positionalName(r.resource, 'resource'), '/listdep']),
          this.query(['res', positionalName(r.resource, 'resource'), '/listowners']),
        ]);
        const privateProperties: Record<string, PrivateValue> = {};
        for (const p of priv) if (p.object === r.resource) privateProperties[p.name] = p.value;
        return {
          name: r.resource,
          group: r.group,
          type: stringProperty(common, r.resource, 'Type'),
          description: stringProperty(common, r.resource, 'Description'),
          state: r.status,
          owner: r.node === '' ? undefined : r.node,
          dependencies: parseResourceStatus(depText, groups).map((d) => d.resource),
          possibleOwners: parseOwnerList(ownerText),
          privateProperties,
        };
      }),
    );
  }

  private async query(args: readonly string[], signal?: AbortSignal): Promise<string> {
    const output = await runClusterExe(this.options, [clusterNameArg(this.cluster, this.options.clusterForm), ...args], signal);
    if (output.exitCode !== 0) throw clusterErrorFromOutput(output);
    return output.stdout;
  }
}

function stringProperty(rows: readonly { object: string; name: string; value: PrivateValue }[], object: string, name: string): string {
  const row = rows.find((p) => p.object === object && p.name === name);
  return row === undefined ? '' : String(row.value);
}

/** `120 s`, `1.5 s`, `300 ms`. */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
