/**
 * The Double-Take port: what the setup steps may ask of Double-Take on ONE node (guide sections 4.3, 4.4, 5.3).
 * Two adapters implement it — the lab (the Double-Take model in process) and dtcl.exe (spawned, the script fed on
 * standard input, never through a shell). Commands that change something are data, so a plan can be previewed as
 * the exact DTCL lines it stands for (see dtcl-script.ts) and applied by either adapter.
 */

/** The server options the guide changes, by their registry names. */
export type DoubleTakeOptionName = 'AutoReconnect' | 'ChecksumAll';
export type DoubleTakeOptionBit = 0 | 1;
export type DoubleTakeOptions = Readonly<Record<DoubleTakeOptionName, DoubleTakeOptionBit>>;

/** Option names in their registry spelling, in the order a listing shows them. */
export const DOUBLE_TAKE_OPTION_NAMES: readonly DoubleTakeOptionName[] = ['AutoReconnect', 'ChecksumAll'];

/** One replication set rule: a row of the guide's "Replication Set Properties" table. */
export interface DoubleTakeRule {
  readonly path: string;
  readonly mode: 'include' | 'exclude';
  readonly recursive: boolean;
}

/** A change to one node's Double-Take. Replication set names are case-sensitive and kept exactly. */
export type DoubleTakeCommand =
  | { readonly kind: 'set-option'; readonly option: DoubleTakeOptionName; readonly value: DoubleTakeOptionBit }
  | { readonly kind: 'repset-create'; readonly replicationSet: string }
  | { readonly kind: 'repset-rule-add'; readonly replicationSet: string; readonly rule: DoubleTakeRule }
  /** Saves every replication set of the server, so the sets survive a service restart. */
  | { readonly kind: 'repset-save' };

export interface ReplicationSetInfo {
  readonly name: string;
  readonly rules: readonly DoubleTakeRule[];
  /** True when the rules shown are not what a service restart would keep (never saved, or changed since). */
  readonly unsavedChanges: boolean;
}

export interface ConnectionInfo {
  readonly id: number;
  readonly replicationSet: string;
  readonly target: string;
  readonly state: 'connected' | 'paused';
  readonly mirrorState: 'idle' | 'started' | 'complete';
  readonly bytesToMirror: number;
  readonly mirroredBytes: number;
  /** The console's "Queued Replication Bytes" (`STATUS CON` prints "Replication bytes in queue"). */
  readonly queuedReplicationBytes: number;
}

/**
 * Why a request failed. `login-failed`: the user name or password was refused; `unreachable`: the server did not
 * answer, or dtcl.exe could not run or did not finish; `refused`: Double-Take refused a command (`reason` carries
 * the lab's finer code when known); `failed`: dtcl.exe printed something unreadable. Messages never hold a password.
 */
export type DoubleTakeFailure = 'login-failed' | 'unreachable' | 'refused' | 'failed';

export class DoubleTakePortError extends Error {
  override readonly name = 'DoubleTakePortError';
  constructor(
    readonly failure: DoubleTakeFailure,
    readonly node: string,
    message: string,
    /** A finer reason, e.g. `replication-set-exists` (the lab's DoubleTakeErrorCode), when known. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface DoubleTakePort {
  /** The node (server) this port talks to, upper case. */
  readonly node: string;
  /**
   * Runs the commands in order, stopping at the first refusal (which throws DoubleTakePortError); what ran before it
   * stays done, as with dtcl.exe. Honours `signal` before starting.
   */
  run(commands: readonly DoubleTakeCommand[], signal?: AbortSignal): Promise<void>;
  options(): Promise<DoubleTakeOptions>;
  replicationSets(): Promise<readonly ReplicationSetInfo[]>;
  connections(): Promise<readonly ConnectionInfo[]>;
}
