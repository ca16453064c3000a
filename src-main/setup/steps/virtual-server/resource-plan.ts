import type { ClusterCommand, ResourceInfo } from '../../../cluster/port';
import { clusterAction, sameClusterName } from '../../setup-actions';
import type { SetupAction } from '../../setup-step';
import { dependentsOf, findGroup, findResource, type ClusterSnapshot } from './cluster-snapshot';
import { compareResource } from './resource-comparison';
import type { WantedResource } from './wanted-resource';

/**
 * Plans the wanted resources against one reading of a cluster: only what differs is `needed`; what is already so is
 * shown as not needed. The order is what MSCS accepts: take offline (when the resource must change while online, or
 * is wanted offline), create, set private properties, add dependencies and possible owners, then bring online.
 * A resource of the wanted name but another type or group is left alone with a warning (verify names the
 * difference).
 */

export interface ResourcesPlan {
  readonly actions: readonly SetupAction[];
  readonly warnings: readonly string[];
}

export interface PlanResourcesOptions {
  /** True when the same plan creates the group first (step 5.2), so a missing group is no warning. */
  readonly groupPlanned?: boolean;
}

const isOnline = (r: ResourceInfo): boolean => r.state === 'Online' || r.state === 'Online Pending';

/** Why an existing dependency cannot be used, or undefined when it can (or does not exist). */
function unusableReason(snapshot: ClusterSnapshot, wanted: WantedResource, dependency: WantedResource['dependencies'][number]): string | undefined {
  const found = findResource(snapshot, dependency.name);
  if (found === undefined) return undefined;
  if (!sameClusterName(found.group, wanted.group)) return `"${found.name}" is in group "${found.group}" (dependencies stay inside one group)`;
  if (!sameClusterName(found.type, dependency.type)) return `"${found.name}" is of type "${found.type}", not "${dependency.type}"`;
  return undefined;
}

export function planResources(snapshot: ClusterSnapshot, wanted: readonly WantedResource[], options: PlanResourcesOptions = {}): ResourcesPlan {
  const port = snapshot.port;
  const cluster = port.cluster;
  const nodes = snapshot.nodes.map((n) => n.name);
  const actions: SetupAction[] = [];
  const warnings: string[] = [];
  const createdHere: string[] = [];
  const add = (command: ClusterCommand, description: string, needed: boolean): void => {
    actions.push(clusterAction(port, command, description, needed));
  };

  const missingGroups = new Set<string>();
  for (const w of wanted) {
    if (options.groupPlanned !== true && findGroup(snapshot, w.group) === undefined && !missingGroups.has(w.group.toLowerCase())) {
      missingGroups.add(w.group.toLowerCase());
      warnings.push(`Group "${w.group}" does not exist on ${cluster} yet: apply the step that creates it first, or the creation below is refused.`);
    }
  }

  for (const w of wanted) {
    const usableDependencies: string[] = [];
    let blocked = false;
    for (const dependency of w.dependencies) {
      const reason = unusableReason(snapshot, w, dependency);
      if (reason !== undefined) {
        blocked = true;
        warnings.push(`"${w.name}" cannot depend on ${reason}: that dependency and bringing "${w.name}" online are left out until it is sorted out by hand.`);
        continue;
      }
      usableDependencies.push(dependency.name);
      if (findResource(snapshot, dependency.name) === undefined && !createdHere.some((n) => sameClusterName(n, dependency.name))) {
        warnings.push(`"${dependency.name}" does not exist on ${cluster} yet: apply the step that creates it first, or the dependency of "${w.name}" on it is refused.`);
      }
    }

    const existing = findResource(snapshot, w.name);
    if (existing === undefined) {
      createdHere.push(w.name);
      add({ kind: 'resource-create', resource: w.name, group: w.group, type: w.type }, `Create the ${w.type} resource "${w.name}" in group "${w.group}" (offline)`, true);
      if (Object.keys(w.privateProperties).length > 0) {
        add({ kind: 'resource-set-private', resource: w.name, properties: w.privateProperties }, `Set the private properties of "${w.name}"`, true);
      }
      for (const d of usableDependencies) {
        add({ kind: 'resource-add-dependency', resource: w.name, dependsOn: d }, `Make "${w.name}" depend on "${d}"`, true);
      }
      // [assumed] MSCS makes every node of the cluster a possible owner of a new resource (the dialogs' default),
      // as the lab's model does; verify checks it, and a re-plan adds any owner that is missing.
      if (w.state === 'Online' && !blocked) add({ kind: 'resource-online', resource: w.name }, `Bring "${w.name}" online`, true);
      continue;
    }

    const comparison = compareResource(existing, w, nodes);
    if (comparison.conflict !== undefined) {
      warnings.push(
        `Resource "${existing.name}" already exists on ${cluster} but ${comparison.conflict}: it is left alone. ` +
          `Delete or rename it by hand, or give another resource name in the pair document.`,
      );
      continue;
    }

    const toSet = Object.keys(comparison.privateToSet).length > 0;
    const depsToAdd = usableDependencies.filter((d) => comparison.missingDependencies.some((m) => sameClusterName(m, d)));
    // A dependency cannot be added to an online resource (5019) and private properties stored on an online
    // resource take effect only when it next comes online (5024): such a change goes offline -> change -> online.
    const restart = isOnline(existing) && (toSet || depsToAdd.length > 0);
    const wantOffline = w.state === 'Offline' && existing.state !== 'Offline';
    const dependentsToRestore = restart && w.state === 'Online' ? dependentsOf(snapshot, existing.name).filter(isOnline) : [];

    add({ kind: 'resource-create', resource: w.name, group: w.group, type: w.type }, `Create the ${w.type} resource "${w.name}" (it exists)`, false);
    if (restart || wantOffline) {
      const also = dependentsOf(snapshot, existing.name).filter(isOnline).map((r) => `"${r.name}"`);
      add(
        { kind: 'resource-offline', resource: existing.name },
        `Take "${existing.name}" offline${restart ? ' to change it' : ''}${also.length > 0 ? ` (with what depends on it: ${also.join(', ')})` : ''}`,
        true,
      );
      if (restart && w.state === 'Online') {
        warnings.push(`"${existing.name}" is online and must change: it goes offline and comes back online${also.length > 0 ? `, taking ${also.join(', ')} with it` : ''}.`);
      }
    }
    if (Object.keys(w.privateProperties).length > 0) {
      add(
        { kind: 'resource-set-private', resource: existing.name, properties: toSet ? comparison.privateToSet : w.privateProperties },
        toSet ? `Set the private properties of "${existing.name}" that differ: ${comparison.privateDifferences.join('; ')}` : `Private properties of "${existing.name}" (already set)`,
        toSet,
      );
    }
    for (const d of usableDependencies) {
      const needed = depsToAdd.some((x) => sameClusterName(x, d));
      add({ kind: 'resource-add-dependency', resource: existing.name, dependsOn: d }, `Make "${existing.name}" depend on "${d}"${needed ? '' : ' (it does)'}`, needed);
    }
    for (const node of comparison.missingOwners) {
      add({ kind: 'resource-add-owner', resource: existing.name, node }, `Make ${node} a possible owner of "${existing.name}"`, true);
    }
    if (w.state === 'Online' && !blocked) {
      const needed = restart || existing.state !== 'Online';
      add({ kind: 'resource-online', resource: existing.name }, `Bring "${existing.name}" online${needed ? '' : ' (it is)'}`, needed);
      for (const dependent of dependentsToRestore) {
        add({ kind: 'resource-online', resource: dependent.name }, `Bring "${dependent.name}" back online (it was online before the change)`, true);
      }
    } else if (w.state === 'Offline' && !wantOffline) {
      add({ kind: 'resource-offline', resource: existing.name }, `Keep "${existing.name}" offline (it is)`, false);
    }
  }
  return { actions, warnings };
}
