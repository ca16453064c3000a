import type { ConnectionInfo } from '../doubletake/port';
import type { GroupState, ResourceState } from '../cluster/port';

/**
 * What the lab shows of one cluster: its nodes (up or down, and each node's Double-Take connections), and while the
 * cluster answers, its groups and their resources. The lab's own view, not the contract's: the app hands it to the
 * renderer as the contract's ClusterSummary, whose schema it must fit (src-main/app/lab-cluster-summary.ts).
 */
export interface LabClusterView {
  readonly name: string;
  readonly up: boolean;
  readonly nodes: readonly LabNodeView[];
  readonly groups: readonly LabGroupView[];
}

export interface LabNodeView {
  readonly name: string;
  readonly up: boolean;
  /** The node's Double-Take connections (none while the node is down). */
  readonly replication: readonly LabReplicationView[];
}

export interface LabReplicationView {
  readonly replicationSet: string;
  readonly target: string;
  readonly state: ConnectionInfo['state'];
  readonly mirror: ConnectionInfo['mirrorState'];
  readonly queuedBytes: number;
}

export interface LabGroupView {
  readonly name: string;
  readonly state: GroupState;
  readonly owner?: string;
  readonly resources: readonly { readonly name: string; readonly type: string; readonly state: ResourceState }[];
}
