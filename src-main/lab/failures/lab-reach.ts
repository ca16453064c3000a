import { sameName } from '../../cluster/object-names';
import type { ClusterData, ResourceData } from '../mscs/cluster-data';
import { LAB } from '../topology';
import type { LabFailure } from './lab-failure';

/**
 * Who answers whom in the lab, from the clusters' state and the failures pulled: the one place the lab's Double-Take
 * (program and dtcl.exe emulator alike), the lab's probe and the lab panel ask, so they agree.
 */

/** The resource type whose resource makes a cluster group an Exchange virtual server. */
export const SYSTEM_ATTENDANT_TYPE = 'Microsoft Exchange System Attendant';

function nodeUp(cluster: ClusterData, node: string | null): boolean {
  return node !== null && cluster.nodes.some((n) => sameName(n.name, node) && n.state !== 'Down');
}

function ownerOf(cluster: ClusterData, resource: ResourceData): string | null {
  return cluster.groups.find((g) => sameName(g.name, resource.group))?.owner ?? null;
}

/** A private property's value as text (names of private properties are not case-sensitive). */
function property(resource: ResourceData, name: string): string | undefined {
  const entry = Object.entries(resource.privateProperties).find(([key]) => sameName(key, name));
  return entry === undefined ? undefined : String(entry[1]);
}

/** The cluster a node belongs to, by name. */
export function clusterOfNode(clusters: readonly ClusterData[], node: string): ClusterData | undefined {
  return clusters.find((c) => c.nodes.some((n) => sameName(n.name, node)));
}

/**
 * The cluster where `address` answers now: an IP Address resource with that Address, or a Network Name resource
 * with that Name, online on a node that is up; or a node of that name that is up.
 */
export function clusterAnswering(clusters: readonly ClusterData[], address: string): ClusterData | undefined {
  return clusters.find(
    (cluster) =>
      cluster.resources.some((r) => {
        if (r.state !== 'Online' || !nodeUp(cluster, ownerOf(cluster, r))) return false;
        const value = sameName(r.type, 'IP Address') ? property(r, 'Address') : sameName(r.type, 'Network Name') ? property(r, 'Name') : undefined;
        return value !== undefined && sameName(value, address);
      }) || nodeUp(cluster, cluster.nodes.find((n) => sameName(n.name, address))?.name ?? null),
  );
}

/** Whether a failure cuts the network between two clusters (the link, or a split): Double-Take cannot cross it. */
export function cutBetween(failures: readonly LabFailure[], a: ClusterData, b: ClusterData): boolean {
  return !sameName(a.name, b.name) && failures.some((f) => f.kind === 'link' || f.kind === 'split');
}

/** Double-Take's reach: `target` answers the node `from` (it answers somewhere, and no cut lies between them). */
export function doubleTakeReach(clusters: readonly ClusterData[], failures: readonly LabFailure[]): (target: string, from: string) => boolean {
  return (target, from) => {
    const there = clusterAnswering(clusters, target);
    if (there === undefined) return false;
    const here = clusterOfNode(clusters, from);
    return here === undefined || !cutBetween(failures, here, there);
  };
}

/**
 * The lab's default answer to "does Exchange write on this node": a group holding a System Attendant resource is
 * online there (its System Attendant online) on a node that is up.
 */
export function systemAttendantOnline(clusters: readonly ClusterData[]): (node: string) => boolean {
  return (node) =>
    clusters.some((cluster) =>
      cluster.resources.some((r) => sameName(r.type, SYSTEM_ATTENDANT_TYPE) && r.state === 'Online' && nodeUp(cluster, node) && sameName(ownerOf(cluster, r) ?? '', node)),
    );
}

/**
 * Whether `address` answers the monitor's lab probe, which looks from the target side: it answers somewhere, and
 * not on the source cluster while a split hides the source from the target.
 */
export function answersTargetSide(clusters: readonly ClusterData[], failures: readonly LabFailure[], address: string): boolean {
  const there = clusterAnswering(clusters, address);
  if (there === undefined) return false;
  return !(sameName(there.name, LAB.source.cluster) && failures.some((f) => f.kind === 'split'));
}
