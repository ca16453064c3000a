import type { ClusterData, NodeData, ResourceData } from './cluster-data';
import { findResourceIn, resourceTypeOf } from './cluster-lookup';
import { WIN32 } from '../../cluster/win32-errors';
import { includesName, sameName } from '../../cluster/object-names';

/**
 * Why this resource cannot come online on that node now (a Win32 number and what it is about), or undefined when it
 * can: the node must be a possible owner, the type's required private properties set, and its required dependencies
 * (by type, and on every resource of a type the resource must depend on all of) present.
 */
export function onlineBlocker(data: ClusterData, r: ResourceData, node: NodeData): { code: number; detail: string } | undefined {
  if (!includesName(r.possibleOwners, node.name)) {
    return { code: WIN32.ERROR_NODE_CANT_HOST_RESOURCE, detail: `${node.name} is not a possible owner of '${r.name}'` };
  }
  const spec = resourceTypeOf(r);
  for (const p of spec.properties) {
    if (p.required && !Object.keys(r.privateProperties).some((k) => sameName(k, p.name))) {
      return { code: WIN32.ERROR_INVALID_PARAMETER, detail: `'${r.name}' needs its ${p.name} private property` };
    }
  }
  const deps = r.dependencies.map((d) => findResourceIn(data, d));
  for (const t of spec.requiredDependencyTypes) {
    if (!deps.some((d) => sameName(d.type, t))) {
      return { code: WIN32.ERROR_DEPENDENCY_NOT_FOUND, detail: `'${r.name}' needs a dependency on a ${t} resource` };
    }
  }
  for (const t of spec.allOfType) {
    const missing = data.resources.find(
      (x) => sameName(x.group, r.group) && sameName(x.type, t) && !includesName(r.dependencies, x.name),
    );
    if (missing !== undefined) {
      return { code: WIN32.ERROR_DEPENDENCY_NOT_FOUND, detail: `'${r.name}' needs a dependency on '${missing.name}'` };
    }
  }
  return undefined;
}
