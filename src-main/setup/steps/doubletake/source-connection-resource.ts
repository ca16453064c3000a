import type { ClusterPort, PrivateValue, ResourceInfo } from '../../../cluster/port';
import type { VerifyCheck } from '../../../contract/steps';
import type { PairDocument } from '../../../pair/pair-document-schema';
import { clusterAction, clusterCommandLine, sameClusterName } from '../../setup-actions';
import type { SetupAction, SetupStepPlan } from '../../setup-step';
import { readCluster } from './node-reads';

/**
 * Guide 4.5 steps 1-8: the Double-Take Source Connection resource in the Exchange group — its type, its parameters
 * (the case-sensitive replication set name and the Double-Take Target address), a dependency on the physical
 * disk(s) so it never comes online before them, and every node as a possible owner. It is created offline and left
 * offline: step 6 brings the group online. Only what differs is changed; a same-named resource of another type or
 * in another group is reported and never touched.
 */

/** The resource type Double-Take installs on the cluster. */
export const SOURCE_CONNECTION_TYPE = 'Double-Take Source Connection';
const PHYSICAL_DISK_TYPE = 'Physical Disk';

/** What the pair document asks of the resource. */
interface WantedResource {
  readonly name: string;
  readonly group: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly disks: readonly string[];
  readonly owners: readonly string[];
}

function wantedResource(pair: PairDocument): WantedResource {
  return {
    name: pair.source.sourceConnection.resourceName,
    group: pair.source.group.name,
    // [assumed] the resource's private property names after the dialog's labels: ReplicationSet, Target.
    properties: { ReplicationSet: pair.replicationSet.name, Target: pair.source.sourceConnection.targetAddress },
    disks: pair.source.physicalDisks.map((disk) => disk.resourceName),
    owners: pair.source.cluster.nodes.map((node) => node.name),
  };
}

/** A private property's value by name (names compare case-insensitively, as the cluster database does). */
function privateValue(resource: ResourceInfo, name: string): PrivateValue | undefined {
  const key = Object.keys(resource.privateProperties).find((k) => sameClusterName(k, name));
  return key === undefined ? undefined : resource.privateProperties[key];
}

const shown = (value: PrivateValue | undefined): string => (value === undefined ? 'not set' : typeof value === 'string' ? `"${value}"` : String(value));

/** What the cluster has now, or why it could not be read. */
async function readSourceCluster(port: ClusterPort) {
  return await readCluster(port.cluster, async () => ({ groups: await port.groups(), resources: await port.resources() }));
}

/** Plans the resource from what the source cluster has now. */
export async function planSourceConnectionResource(pair: PairDocument, port: ClusterPort): Promise<SetupStepPlan> {
  const wanted = wantedResource(pair);
  const cluster = port.cluster;
  const read = await readSourceCluster(port);
  if (!read.ok) return { actions: [], warnings: [`${read.problem} The Source Connection resource is not planned.`], findings: [] };
  const { groups, resources } = read.value;
  if (!groups.some((g) => sameClusterName(g.name, wanted.group))) {
    return { actions: [], warnings: [`The group "${wanted.group}" does not exist on ${cluster} yet: apply step 4.2.1 first. The Source Connection resource is not planned.`], findings: [] };
  }
  const existing = resources.find((r) => sameClusterName(r.name, wanted.name));
  if (existing !== undefined) {
    const refusal = misplaced(cluster, existing, wanted);
    if (refusal !== undefined) return { actions: [], warnings: [refusal], findings: [] };
  }
  const actions: SetupAction[] = [];
  const warnings: string[] = [];
  const findings: string[] = [];
  const label = `"${wanted.name}"`;

  actions.push(
    clusterAction(
      port,
      { kind: 'resource-create', resource: wanted.name, group: wanted.group, type: SOURCE_CONNECTION_TYPE },
      existing === undefined ? `Create ${label} (${SOURCE_CONNECTION_TYPE}) in "${wanted.group}"; it stays offline until step 6` : `${label} exists in "${wanted.group}"`,
      existing === undefined,
    ),
  );

  const differing = Object.entries(wanted.properties).filter(([name, value]) => existing === undefined || privateValue(existing, name) !== value);
  if (existing !== undefined) {
    for (const [name] of differing) findings.push(`${cluster}: ${label} has ${name} ${shown(privateValue(existing, name))}; the pair document wants ${shown(wanted.properties[name])}.`);
  }
  const properties = Object.fromEntries(differing.length > 0 ? differing : Object.entries(wanted.properties));
  actions.push(
    clusterAction(
      port,
      { kind: 'resource-set-private', resource: wanted.name, properties },
      differing.length > 0
        ? `Set ${differing.map(([name, value]) => `${name} = "${value}"`).join(' and ')} on ${label} (Replication Set is case-sensitive; Double-Take Target is the target's replication address)`
        : `${label} already has ${Object.entries(wanted.properties).map(([name, value]) => `${name} = "${value}"`).join(' and ')}`,
      differing.length > 0,
    ),
  );

  for (const disk of wanted.disks) {
    const diskResource = resources.find((r) => sameClusterName(r.name, disk));
    const problem = diskProblem(cluster, disk, diskResource, wanted.group);
    if (problem !== undefined) {
      warnings.push(`${problem} The dependency of ${label} on it is not planned.`);
      continue;
    }
    const has = existing?.dependencies.some((d) => sameClusterName(d, disk)) ?? false;
    if (!has && existing !== undefined && existing.state !== 'Offline' && existing.state !== 'Failed') {
      warnings.push(
        `${cluster}: ${label} is ${existing.state}, and the cluster adds no dependency to a resource that is online: take it offline ` +
          `(${clusterCommandLine(port, { kind: 'resource-offline', resource: wanted.name })}) and plan again. The dependency on "${disk}" is not planned.`,
      );
      continue;
    }
    actions.push(
      clusterAction(
        port,
        { kind: 'resource-add-dependency', resource: wanted.name, dependsOn: disk },
        has ? `${label} depends on "${disk}" already` : `Make ${label} depend on "${disk}" so it never comes online before the disk`,
        !has,
      ),
    );
  }

  for (const node of wanted.owners) {
    // [assumed] MSCS makes every node a possible owner of a new resource, so a new resource needs no /addowner.
    const has = existing === undefined || existing.possibleOwners.some((o) => sameClusterName(o, node));
    actions.push(
      clusterAction(
        port,
        { kind: 'resource-add-owner', resource: wanted.name, node },
        has ? `${node} is a possible owner of ${label}${existing === undefined ? ' (a new resource has every node as a possible owner)' : ''}` : `Make ${node} a possible owner of ${label}`,
        !has,
      ),
    );
  }
  findings.push(`${label} is not brought online here: step 6 brings the group "${wanted.group}" online.`);
  return { actions, warnings, findings };
}

/** Checks the resource as the pair document describes it, one check per property, dependency and owner. */
export async function verifySourceConnectionResource(pair: PairDocument, port: ClusterPort): Promise<VerifyCheck[]> {
  const wanted = wantedResource(pair);
  const cluster = port.cluster;
  const label = `"${wanted.name}"`;
  const what = `${cluster}: resource ${label} of type ${SOURCE_CONNECTION_TYPE} in group "${wanted.group}"`;
  const read = await readSourceCluster(port);
  if (!read.ok) return [{ what, ok: false, detail: read.problem }];
  const existing = read.value.resources.find((r) => sameClusterName(r.name, wanted.name));
  if (existing === undefined) return [{ what, ok: false, detail: `${cluster} has no resource named ${label}.` }];
  const refusal = misplaced(cluster, existing, wanted);
  if (refusal !== undefined) return [{ what, ok: false, detail: refusal }];
  const checks: VerifyCheck[] = [{ what, ok: true, detail: `Found, ${existing.state}.` }];
  for (const [name, value] of Object.entries(wanted.properties)) {
    const found = privateValue(existing, name);
    checks.push({ what: `${cluster}: ${label} has ${name} = "${value}"`, ok: found === value, detail: `Found ${shown(found)}.` });
  }
  for (const disk of wanted.disks) {
    const ok = existing.dependencies.some((d) => sameClusterName(d, disk));
    checks.push({ what: `${cluster}: ${label} depends on "${disk}"`, ok, detail: `Dependencies: ${existing.dependencies.map((d) => `"${d}"`).join(', ') || 'none'}.` });
  }
  for (const node of wanted.owners) {
    const ok = existing.possibleOwners.some((o) => sameClusterName(o, node));
    checks.push({ what: `${cluster}: ${node} is a possible owner of ${label}`, ok, detail: `Possible owners: ${existing.possibleOwners.join(', ') || 'none'}.` });
  }
  return checks;
}

/** Why an existing same-named resource is not the one to configure (another type, another group), or undefined. */
function misplaced(cluster: string, existing: ResourceInfo, wanted: WantedResource): string | undefined {
  if (!sameClusterName(existing.type, SOURCE_CONNECTION_TYPE)) {
    return (
      `${cluster} already has a resource "${existing.name}" of type ${existing.type} (in "${existing.group}"); it is never changed. ` +
      `Give the Source Connection resource another name in the pair document, or delete that resource by hand if nothing needs it.`
    );
  }
  if (!sameClusterName(existing.group, wanted.group)) {
    return (
      `${cluster}: "${existing.name}" is in group "${existing.group}", not "${wanted.group}"; the program does not move resources. ` +
      `Move it in Cluster Administrator (or delete it and plan again), then verify.`
    );
  }
  return undefined;
}

/** Why a physical disk cannot be a dependency of the resource, or undefined. */
function diskProblem(cluster: string, disk: string, resource: ResourceInfo | undefined, group: string): string | undefined {
  if (resource === undefined) return `${cluster} has no resource "${disk}" yet: apply step 4.2.4 first.`;
  if (!sameClusterName(resource.type, PHYSICAL_DISK_TYPE)) return `${cluster}: "${disk}" is a ${resource.type} resource, not a ${PHYSICAL_DISK_TYPE}.`;
  if (!sameClusterName(resource.group, group)) return `${cluster}: "${disk}" is in group "${resource.group}", not "${group}" (dependencies stay inside one group).`;
  return undefined;
}
