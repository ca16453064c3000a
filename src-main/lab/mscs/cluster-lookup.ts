import type { ClusterData, GroupData, NodeData, ResourceData } from './cluster-data';
import { clusterError, WIN32 } from '../../cluster/win32-errors';
import { sameName } from '../../cluster/object-names';
import { findResourceType, type ResourceTypeSpec } from './resource-types';

/** Finding a cluster's objects by name (without regard to case), each miss refused with cluster.exe's number. */

export function findNodeIn(data: ClusterData, name: string): NodeData {
  const n = data.nodes.find((x) => sameName(x.name, name));
  if (n === undefined) throw clusterError(WIN32.ERROR_CLUSTER_NODE_NOT_FOUND, `node '${name}'`);
  return n;
}

export function findGroupIn(data: ClusterData, name: string): GroupData {
  const g = data.groups.find((x) => sameName(x.name, name));
  if (g === undefined) throw clusterError(WIN32.ERROR_GROUP_NOT_FOUND, `group '${name}'`);
  return g;
}

export function findResourceIn(data: ClusterData, name: string): ResourceData {
  const r = data.resources.find((x) => sameName(x.name, name));
  if (r === undefined) throw clusterError(WIN32.ERROR_RESOURCE_NOT_FOUND, `resource '${name}'`);
  return r;
}

export function resourceTypeOf(r: ResourceData): ResourceTypeSpec {
  const t = findResourceType(r.type);
  if (t === undefined) throw clusterError(WIN32.ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, `type '${r.type}'`);
  return t;
}
