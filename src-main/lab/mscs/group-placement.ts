import type { ClusterData, GroupData } from './cluster-data';
import { findNodeIn, findResourceIn } from './cluster-lookup';
import { groupOnlineOrder } from './dependency-order';
import { includesName, sameName } from '../../cluster/object-names';
import { onlineBlocker } from './online-blocker';

/** Where a group's resources end up when its node changes under it: a failover, or the first node to start. */

/** Brings each resource of the group to its persistent state on the owner; those that cannot run are Failed. */
export function restorePersistentState(data: ClusterData, g: GroupData, mayOnline: boolean): void {
  const owner = g.owner === null ? undefined : findNodeIn(data, g.owner);
  for (const r of groupOnlineOrder(data.resources, g.name)) {
    if (r.persistentState !== 'Online') {
      if (r.state !== 'Failed') r.state = 'Offline';
      continue;
    }
    if (owner === undefined) {
      r.state = 'Offline';
      continue;
    }
    const depsUp = r.dependencies.every((d) => findResourceIn(data, d).state === 'Online');
    r.state = mayOnline && owner.state === 'Up' && depsUp && onlineBlocker(data, r, owner) === undefined ? 'Online' : 'Failed';
  }
}

/**
 * The group's owner went down: it moves to the first up node (preferred owners first) that is a possible owner of all
 * its resources, where they come back to their persistent state; with none, to another running node with those
 * resources Failed; with no running node, nowhere (owner null, resources Offline).
 */
export function failOver(data: ClusterData, g: GroupData): void {
  const members = data.resources.filter((r) => sameName(r.group, g.name));
  for (const r of members) if (r.state === 'Online') r.state = 'Offline';
  const ordered = [
    ...g.preferredOwners.map((p) => findNodeIn(data, p)),
    ...data.nodes.filter((n) => !includesName(g.preferredOwners, n.name)),
  ];
  const up = ordered.filter((n) => n.state === 'Up');
  const target = up.find((n) => members.every((r) => includesName(r.possibleOwners, n.name)));
  if (target !== undefined) {
    g.owner = target.name;
    restorePersistentState(data, g, true);
    return;
  }
  const fallback = up[0] ?? ordered.find((n) => n.state === 'Paused');
  g.owner = fallback?.name ?? null;
  restorePersistentState(data, g, false);
}
