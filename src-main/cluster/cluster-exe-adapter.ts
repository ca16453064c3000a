import { spawn } from 'node:child_process';
import { win32Text, parseSystemErrorNumber } from '../lab/mscs/errors';
import { clusterExeArgv } from './cluster-exe-argv';
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
}

/** What one cluster.exe run printed and returned. */
export interface ClusterExeOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** 5024 (properties stored, effective at next online) is a success with a warning, not a refusal. */
const SUCCESS_CODES = new Set([0, 5024]);

/**
 * Runs cluster.exe once with `spawn` (never a shell: each argument reaches it as one argument). Resolves with its
 * output whatever the exit code; rejects when it cannot start, runs too long, or `signal` aborts (the child is
 * killed).
 */
export function runClusterExe(
  options: Omit<ClusterExeAdapterOptions, 'cluster'>,
  args: readonly string[],
  signal?: AbortSignal,
): Promise<ClusterExeOutput> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const [program, ...lead] = options.command;
    const child = spawn(program, [...lead, ...args], {
      shell: false,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
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
    const timeoutMs = options.timeoutMs ?? 300_000;
    const timer = setTimeout(() => {
      child.kill();
      finish(() => reject(new Error(`cluster.exe did not finish within ${timeoutMs} ms: ${args.join(' ')}`)));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(() => reject(e)));
    child.on('close', (code) => {
      finish(() => {
        if (code === null) {
          reject(new Error(`cluster.exe was killed: ${args.join(' ')}`));
          return;
        }
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code });
      });
    });
  });
}

/**
 * The refusal a failed run stands for: the number from "System error N" (else the exit code), with its text. The
 * printed number is preferred because only Windows keeps a 32-bit exit code; elsewhere (the emulator on Linux)
 * the exit status is its low 8 bits.
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

  /** Runs one command; resolves on exit 0 (or 5024, properties stored), else throws ClusterError. */
  async run(command: ClusterCommand, signal?: AbortSignal): Promise<void> {
    const output = await runClusterExe(this.options, clusterExeArgv(this.cluster, command), signal);
    if (output.exitCode === 0) return;
    const error = clusterErrorFromOutput(output);
    if (!SUCCESS_CODES.has(error.code)) throw error;
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
        preferredOwners: parseOwnerList(await this.query(['group', g.group, '/listowners'])),
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
          this.query(['res', r.resource, '/listdep']),
          this.query(['res', r.resource, '/listowners']),
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

  private async query(args: readonly string[]): Promise<string> {
    const output = await runClusterExe(this.options, [this.cluster, ...args]);
    if (output.exitCode !== 0) throw clusterErrorFromOutput(output);
    return output.stdout;
  }
}

function stringProperty(rows: readonly { object: string; name: string; value: PrivateValue }[], object: string, name: string): string {
  const row = rows.find((p) => p.object === object && p.name === name);
  return row === undefined ? '' : String(row.value);
}
