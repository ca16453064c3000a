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
 * A refusal by the cluster, with the Win32 error number cluster.exe prints ("System error 5019 has occurred").
 * Names of the numbers used are in `src-main/lab/mscs/errors.ts`.
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly code: number,
    message: string,
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
