import type { GroupInfo, ResourceInfo } from '../../cluster/port';
import type { ClusterData, GroupData, ResourceData } from './cluster-data';
import { clusterError, WIN32 } from '../../cluster/win32-errors';
import { deriveGroupState } from './group-state';
import { sameName } from '../../cluster/object-names';

/** A group as the port shows it: its state derived from its resources' states, as Cluster Administrator does. */
export function groupInfo(data: ClusterData, g: GroupData): GroupInfo {
  return {
    name: g.name,
    description: g.description,
    state: deriveGroupState(data.resources.filter((r) => sameName(r.group, g.name)).map((r) => r.state)),
    owner: g.owner ?? undefined,
    preferredOwners: [...g.preferredOwners],
  };
}

/** A resource as the port shows it: its owner is its group's owner. */
export function resourceInfo(data: ClusterData, r: ResourceData): ResourceInfo {
  const g = data.groups.find((x) => sameName(x.name, r.group));
  if (g === undefined) throw clusterError(WIN32.ERROR_GROUP_NOT_FOUND, `group '${r.group}'`);
  return {
    name: r.name,
    group: g.name,
    type: r.type,
    description: r.description,
    state: r.state,
    owner: g.owner ?? undefined,
    dependencies: [...r.dependencies],
    possibleOwners: [...r.possibleOwners],
    privateProperties: { ...r.privateProperties },
  };
}
