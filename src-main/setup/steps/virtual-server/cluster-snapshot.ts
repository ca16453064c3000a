import type { ClusterPort, GroupInfo, NodeInfo, ResourceInfo } from '../../../cluster/port';
import { sameClusterName } from '../../setup-actions';

/** One reading of a cluster (nodes, groups, resources) that a plan or a verification compares against. */
export interface ClusterSnapshot {
  readonly port: ClusterPort;
  readonly nodes: readonly NodeInfo[];
  readonly groups: readonly GroupInfo[];
  readonly resources: readonly ResourceInfo[];
}

/** Reads the cluster now. */
export async function readCluster(port: ClusterPort): Promise<ClusterSnapshot> {
  const [nodes, groups, resources] = await Promise.all([port.nodes(), port.groups(), port.resources()]);
  return { port, nodes, groups, resources };
}

export function findGroup(snapshot: ClusterSnapshot, name: string): GroupInfo | undefined {
  return snapshot.groups.find((g) => sameClusterName(g.name, name));
}

export function findResource(snapshot: ClusterSnapshot, name: string): ResourceInfo | undefined {
  return snapshot.resources.find((r) => sameClusterName(r.name, name));
}

/** The resources of one group, in the cluster's order. */
export function groupResources(snapshot: ClusterSnapshot, group: string): ResourceInfo[] {
  return snapshot.resources.filter((r) => sameClusterName(r.group, group));
}

/** Whether a list of cluster names holds `name` (compared as the cluster database does). */
export function includesClusterName(list: readonly string[], name: string): boolean {
  return list.some((x) => sameClusterName(x, name));
}

/** Everything that depends on `name`, directly or not, in the order found. */
export function dependentsOf(snapshot: ClusterSnapshot, name: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  const visit = (n: string): void => {
    for (const r of snapshot.resources) {
      if (includesClusterName(r.dependencies, n) && !out.includes(r)) {
        out.push(r);
        visit(r.name);
      }
    }
  };
  visit(name);
  return out;
}
