import type { ResourceData } from './cluster-data';
import { includesName, sameName } from '../../cluster/object-names';

/**
 * Dependency walks over one cluster's resources. MSCS brings a resource's dependencies online before it and takes
 * its dependents offline before it; these functions give those orders.
 */

function byName(resources: readonly ResourceData[], name: string): ResourceData | undefined {
  return resources.find((r) => sameName(r.name, name));
}

/** The resource and everything it depends on, directly or not, dependencies first (the order to bring online). */
export function onlineOrder(resources: readonly ResourceData[], start: string): ResourceData[] {
  const out: ResourceData[] = [];
  const visit = (name: string): void => {
    const r = byName(resources, name);
    if (r === undefined || out.includes(r)) return;
    for (const d of r.dependencies) visit(d);
    out.push(r);
  };
  visit(start);
  return out;
}

/** The resource and everything that depends on it, directly or not, dependents first (the order to take offline). */
export function offlineOrder(resources: readonly ResourceData[], start: string): ResourceData[] {
  const out: ResourceData[] = [];
  const visit = (name: string): void => {
    const r = byName(resources, name);
    if (r === undefined || out.includes(r)) return;
    for (const dependent of resources.filter((x) => includesName(x.dependencies, r.name))) visit(dependent.name);
    out.push(r);
  };
  visit(start);
  return out;
}

/** All resources of one group, each after everything it depends on (creation order otherwise). */
export function groupOnlineOrder(resources: readonly ResourceData[], group: string): ResourceData[] {
  const members = resources.filter((r) => sameName(r.group, group));
  const out: ResourceData[] = [];
  for (const r of members) for (const x of onlineOrder(members, r.name)) if (!out.includes(x)) out.push(x);
  return out;
}

/** Whether `from` depends on `to` through any chain of dependencies (or is it). */
export function dependsOn(resources: readonly ResourceData[], from: string, to: string): boolean {
  return onlineOrder(resources, from).some((r) => sameName(r.name, to));
}

/** Whether the dependencies among these resources contain a cycle (a file check; the model never makes one). */
export function hasCycle(resources: readonly ResourceData[]): boolean {
  const state = new Map<ResourceData, 'visiting' | 'done'>();
  const visit = (r: ResourceData): boolean => {
    const s = state.get(r);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(r, 'visiting');
    for (const d of r.dependencies) {
      const dep = byName(resources, d);
      if (dep !== undefined && visit(dep)) return true;
    }
    state.set(r, 'done');
    return false;
  };
  return resources.some((r) => visit(r));
}
