import type { ClusterSummary } from '../contract/channels';
import type { LabClusterView } from '../lab/lab-cluster-view';

/**
 * The lab's cluster view as the contract's ClusterSummary. The lab does not know the contract, so the fit is checked
 * here: this compiles only while every LabClusterView is a valid ClusterSummary (the schema's arrays are mutable, so
 * each level is copied rather than cast).
 */
export function labClusterSummaries(views: readonly LabClusterView[]): ClusterSummary[] {
  return views.map((view) => ({
    name: view.name,
    up: view.up,
    nodes: view.nodes.map((node) => ({ name: node.name, up: node.up, replication: node.replication.map((r) => ({ ...r })) })),
    groups: view.groups.map((group) => ({
      name: group.name,
      state: group.state,
      ...(group.owner !== undefined ? { owner: group.owner } : {}),
      resources: group.resources.map((resource) => ({ ...resource })),
    })),
  }));
}
