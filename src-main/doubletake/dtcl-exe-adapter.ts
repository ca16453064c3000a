import type { Logger } from '../shared/log-port';
import { runProcess, type ProcessOutput } from '../shared/run-process';
import type { DtclCommand, DtclSecret } from './dtcl-ast';
import { DtclOutputError, failureForExit, parseConnections, parseErrorText, parseOptionValues, parseReplicationSets } from './dtcl-output';
import { buildCommandScript, buildDtclScript, type DtclLogin, type DtclScript } from './dtcl-script';
import {
  DOUBLE_TAKE_OPTION_NAMES,
  DoubleTakePortError,
  type ConnectionInfo,
  type DoubleTakeCommand,
  type DoubleTakeOptionBit,
  type DoubleTakeOptionName,
  type DoubleTakeOptions,
  type DoubleTakePort,
  type ReplicationSetInfo,
} from './port';

/**
 * The Double-Take port over dtcl.exe, for one node.
 *
 * How the script reaches dtcl.exe: on STANDARD INPUT (`dtcl.exe -i`), not in a `-f` script file. The LOGIN line
 * holds the password; on stdin it goes through a pipe from this process to the child and touches no disk — no file
 * to protect with permissions, none to leave behind when this process is killed before a `finally` could delete it,
 * none for a virus scanner or a backup to copy. The argument list is fixed (`-i`), so the password is never on the
 * command line either (where other users of the machine could read it from the process table).
 * [assumed] dtcl.exe reads its commands from standard input when `-i` is given and stdin is not a console.
 */

export interface DtclExeAdapterOptions {
  /** The Double-Take server (node) to log in to. */
  readonly node: string;
  /** An account allowed to manage Double-Take on the node. */
  readonly user: string;
  readonly password: DtclSecret;
  /** E.g. `['C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe']`, or in tests the emulator under node. */
  readonly command: readonly [string, ...string[]];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill dtcl.exe after this long (default 2 minutes). */
  readonly timeoutMs?: number;
  /** The program's diagnostic log: each run is one line of its child `doubletake`, never the script (absent: none). */
  readonly logger?: Logger;
}

/** What one dtcl.exe run printed and returned. */
export type DtclExeOutput = ProcessOutput;

/** The arguments dtcl.exe gets (after the command prefix): constant, so never a credential. */
export const DTCL_EXE_ARGS: readonly string[] = ['-i'];

/**
 * Runs dtcl.exe once with `spawn` (no shell), the script written to its stdin. Resolves with its output whatever the
 * exit status; rejects when it cannot start, runs too long, or `signal` aborts (the child is killed). No message
 * holds the script.
 */
export function runDtclExe(
  options: Pick<DtclExeAdapterOptions, 'command' | 'cwd' | 'env' | 'timeoutMs' | 'logger'> & { readonly node?: string },
  script: DtclScript,
  signal?: AbortSignal,
): Promise<DtclExeOutput> {
  return runProcess({
    ...(options.logger === undefined
      ? {}
      : { logger: options.logger.child({ subsystem: 'doubletake', ...(options.node === undefined ? {} : { node: options.node.toUpperCase() }) }) }),
    command: options.command,
    args: DTCL_EXE_ARGS,
    name: 'dtcl.exe',
    timeoutMs: options.timeoutMs ?? 120_000,
    stdin: script.reveal(),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(signal === undefined ? {} : { signal }),
  });
}

/** Replaces every occurrence of the password in `text` (defence in depth: the tool should never print it). */
function scrub(text: string, password: DtclSecret): string {
  const secret = password.reveal();
  return secret === '' ? text : text.split(secret).join('********');
}

export class DtclExeAdapter implements DoubleTakePort {
  readonly node: string;
  private readonly login: DtclLogin;

  constructor(private readonly settings: DtclExeAdapterOptions) {
    this.node = settings.node.toUpperCase();
    this.login = { host: this.node, user: settings.user, password: settings.password };
  }

  /** The script `run(commands)` sends, for a preview (`.preview` masks the password). */
  script(commands: readonly DoubleTakeCommand[]): DtclScript {
    return buildCommandScript(this.login, commands);
  }

  async run(commands: readonly DoubleTakeCommand[], signal?: AbortSignal): Promise<void> {
    if (commands.length === 0) return;
    await this.execute(this.script(commands), signal);
  }

  /** `GET` each option. */
  async options(): Promise<DoubleTakeOptions> {
    const body: DtclCommand[] = DOUBLE_TAKE_OPTION_NAMES.map((option) => ({ kind: 'get', option }));
    const values = parseOptionValues(await this.query(body));
    const result: Partial<Record<DoubleTakeOptionName, DoubleTakeOptionBit>> = {};
    for (const option of DOUBLE_TAKE_OPTION_NAMES) {
      const value = values.get(option.toLowerCase());
      if (value === undefined) throw new DoubleTakePortError('failed', this.node, `dtcl.exe printed no value for ${option}.`);
      result[option] = value;
    }
    return result as DoubleTakeOptions;
  }

  /** `REPSET LIST`. */
  async replicationSets(): Promise<readonly ReplicationSetInfo[]> {
    return this.readOutput([{ kind: 'repset-list' }], parseReplicationSets);
  }

  /** `CONNECTION LIST` ([assumed] keyword). */
  async connections(): Promise<readonly ConnectionInfo[]> {
    return this.readOutput([{ kind: 'connection-list' }], parseConnections);
  }

  private async readOutput<T>(body: readonly DtclCommand[], parse: (stdout: string) => T): Promise<T> {
    const stdout = await this.query(body);
    try {
      return parse(stdout);
    } catch (error) {
      if (error instanceof DtclOutputError) {
        throw new DoubleTakePortError('failed', this.node, `dtcl.exe printed output this program cannot read: ${scrub(error.message, this.settings.password)}`);
      }
      throw error;
    }
  }

  private async query(body: readonly DtclCommand[]): Promise<string> {
    return this.execute(buildDtclScript(this.login, body));
  }

  private async execute(script: DtclScript, signal?: AbortSignal): Promise<string> {
    let output: DtclExeOutput;
    try {
      output = await runDtclExe(this.settings, script, signal);
    } catch (error) {
      if (signal?.aborted === true && error === signal.reason) throw error;
      const why = error instanceof Error ? error.message : String(error);
      // Not started, or no end within the timeout: the server gave no answer, so nothing was decided there.
      throw new DoubleTakePortError('unreachable', this.node, `dtcl.exe could not be run: ${scrub(why, this.settings.password)}`);
    }
    if (output.exitCode === 0) return output.stdout;
    const printed = parseErrorText(output.stderr) || output.stderr.trim() || `dtcl.exe exited with status ${output.exitCode}`;
    throw new DoubleTakePortError(failureForExit(output.exitCode), this.node, scrub(printed, this.settings.password));
  }
}
