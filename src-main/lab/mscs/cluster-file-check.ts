import { clusterDataSchema, type ClusterData } from './cluster-data';
import { hasCycle } from './dependency-order';
import { findPropertySpec, findResourceType, hasFormat } from './resource-types';
import { includesName, sameName } from '../../cluster/object-names';

/** A saved cluster that cannot be loaded; the message names the file and the field at fault. */
export class ClusterFileError extends Error {
  override readonly name = 'ClusterFileError';
  constructor(
    readonly source: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${source}: ${field === '' ? '(top level)' : field}: ${problem}`);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/**
 * Reads saved cluster data: its shape (zod), then what the shape cannot say — names unique, references that
 * resolve, dependencies inside one group and without cycles, property formats. Throws ClusterFileError.
 */
export function parseClusterData(input: unknown, source: string): ClusterData {
  const parsed = clusterDataSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClusterFileError(source, fieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const data = parsed.data;
  const fail = (field: string, problem: string): never => {
    throw new ClusterFileError(source, field, problem);
  };
  const unique = (list: readonly { name: string }[], what: string): void => {
    list.forEach((x, i) => {
      if (list.findIndex((y) => sameName(x.name, y.name)) !== i) fail(`${what}[${i}].name`, `duplicate name "${x.name}"`);
    });
  };
  unique(data.nodes, 'nodes');
  unique(data.groups, 'groups');
  unique(data.resources, 'resources');
  const nodeNames = data.nodes.map((n) => n.name);
  const anyNodeRunning = data.nodes.some((n) => n.state !== 'Down');
  data.groups.forEach((g, i) => {
    g.preferredOwners.forEach((o, j) => {
      if (!includesName(nodeNames, o)) fail(`groups[${i}].preferredOwners[${j}]`, `no node named "${o}"`);
    });
    if (g.owner === null) {
      if (anyNodeRunning) fail(`groups[${i}].owner`, 'a group has an owner while any node is up');
    } else if (!includesName(nodeNames, g.owner)) fail(`groups[${i}].owner`, `no node named "${g.owner}"`);
  });
  data.resources.forEach((r, i) => {
    const at = `resources[${i}]`;
    const group = data.groups.find((g) => sameName(g.name, r.group));
    if (group === undefined) return fail(`${at}.group`, `no group named "${r.group}"`);
    const type = findResourceType(r.type);
    if (type === undefined) return fail(`${at}.type`, `unknown resource type "${r.type}"`);
    for (const [key, value] of Object.entries(r.privateProperties)) {
      const spec = findPropertySpec(type, key);
      if (spec !== undefined && !hasFormat(value, spec.format)) {
        fail(`${at}.privateProperties.${key}`, `must be a ${spec.format === 'DWORD' ? 'DWORD number' : 'string'}`);
      }
    }
    r.dependencies.forEach((d, j) => {
      const dep = data.resources.find((x) => sameName(x.name, d));
      if (dep === undefined) fail(`${at}.dependencies[${j}]`, `no resource named "${d}"`);
      else if (sameName(dep.name, r.name)) fail(`${at}.dependencies[${j}]`, 'a resource cannot depend on itself');
      else if (!sameName(dep.group, r.group)) fail(`${at}.dependencies[${j}]`, `"${d}" is in another group`);
      if (r.dependencies.findIndex((x) => sameName(x, d)) !== j) fail(`${at}.dependencies[${j}]`, `duplicate "${d}"`);
    });
    r.possibleOwners.forEach((o, j) => {
      if (!includesName(nodeNames, o)) fail(`${at}.possibleOwners[${j}]`, `no node named "${o}"`);
    });
    if (r.state === 'Online' && group.owner === null) fail(`${at}.state`, 'online although no node is up');
  });
  if (hasCycle(data.resources)) fail('resources', 'the dependencies form a cycle');
  return data;
}
