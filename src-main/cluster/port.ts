/**
 * The cluster port: what the services may ask of one MSCS cluster. Two adapters implement it — the lab (the MSCS
 * model in process) and cluster.exe (spawned, argv never through a shell). Commands are data so that a plan can be
 * previewed as the exact cluster.exe line it stands for, and applied by either adapter.
 */

export type ResourceState = 'Online' | 'Offline' | 'Failed' | 'Online Pending' | 'Offline Pending';
export type GroupState = 'Online' | 'Offline' | 'Failed' | 'Partially Online' | 'Pending';

/** A private property value as cluster.exe /priv takes it: strings quoted, DWORDs as numbers. */
export type PrivateValue = string | number;

export type ClusterCommand =
  | { readonly kind: 'group-create'; readonly group: string }
  | { readonly kind: 'group-set-description'; readonly group: string; readonly description: string }
  | { readonly kind: 'group-online'; readonly group: string; readonly node?: string }
  | { readonly kind: 'group-offline'; readonly group: string }
  | { readonly kind: 'group-move'; readonly group: string; readonly node: string }
  | { readonly kind: 'group-set-owners'; readonly group: string; readonly nodes: readonly string[] }
  | { readonly kind: 'group-delete'; readonly group: string }
  | { readonly kind: 'resource-create'; readonly resource: string; readonly group: string; readonly type: string }
  | { readonly kind: 'resource-set-description'; readonly resource: string; readonly description: string }
  | {
      readonly kind: 'resource-set-private';
      readonly resource: string;
      readonly properties: Readonly<Record<string, PrivateValue>>;
    }
  | { readonly kind: 'resource-add-dependency'; readonly resource: string; readonly dependsOn: string }
  | { readonly kind: 'resource-remove-dependency'; readonly resource: string; readonly dependsOn: string }
  | { readonly kind: 'resource-add-owner'; readonly resource: string; readonly node: string }
  | { readonly kind: 'resource-remove-owner'; readonly resource: string; readonly node: string }
  | { readonly kind: 'resource-online'; readonly resource: string }
  | { readonly kind: 'resource-offline'; readonly resource: string }
  | { readonly kind: 'resource-delete'; readonly resource: string };

export interface NodeInfo {
  readonly name: string;
  readonly state: 'Up' | 'Down' | 'Paused';
}

export interface GroupInfo {
  readonly name: string;
  readonly description: string;
  readonly state: GroupState;
  /** The node that owns the group now (undefined only when no node is up). */
  readonly owner: string | undefined;
  readonly preferredOwners: readonly string[];
}

export interface ResourceInfo {
  readonly name: string;
  readonly group: string;
  readonly type: string;
  readonly description: string;
  readonly state: ResourceState;
  readonly owner: string | undefined;
  readonly dependencies: readonly string[];
  readonly possibleOwners: readonly string[];
  readonly privateProperties: Readonly<Record<string, PrivateValue>>;
}

/**
 * Whether the cluster answered. `unreachable`: no answer, so nothing was decided there (the RPC server unavailable,
 * no endpoint, the access to the cluster denied, or cluster.exe could not run or did not finish); `refused`: the
 * cluster answered no.
 */
export type ClusterFailure = 'unreachable' | 'refused';

/**
 * The Win32 numbers that mean cluster.exe got no answer from the cluster: 5 ERROR_ACCESS_DENIED (opening the
 * cluster), 1722 RPC_S_SERVER_UNAVAILABLE, 1726 RPC_S_CALL_FAILED, 1727 RPC_S_CALL_FAILED_DNE, 1753
 * EPT_S_NOT_REGISTERED (https://learn.microsoft.com/windows/win32/debug/system-error-codes--1700-3999-).
 */
export const UNREACHABLE_CLUSTER_CODES: ReadonlySet<number> = new Set([5, 1722, 1726, 1727, 1753]);

/**
 * A refusal by the cluster, with the Win32 error number cluster.exe prints ("System error 5019 has occurred"), or
 * no answer at all (`failure` 'unreachable'). The message is the system text (or what went wrong) without the
 * number, so whoever shows it names the number once. Names of the numbers used are in `win32-errors.ts`.
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly code: number,
    message: string,
    readonly failure: ClusterFailure = UNREACHABLE_CLUSTER_CODES.has(code) ? 'unreachable' : 'refused',
  ) {
    super(message);
  }
}

export interface ClusterPort {
  /** The cluster's name as given to cluster.exe. */
  readonly cluster: string;
  /** Runs one command; throws ClusterError when the cluster refuses it. Honours `signal` between steps. */
  run(command: ClusterCommand, signal?: AbortSignal): Promise<void>;
  nodes(): Promise<readonly NodeInfo[]>;
  groups(): Promise<readonly GroupInfo[]>;
  resources(): Promise<readonly ResourceInfo[]>;
}
