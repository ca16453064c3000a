import type { ClusterPort, ResourceInfo } from '../../cluster/port';
import type { VerifyCheck } from '../../contract/steps';
import { sameClusterName } from '../../setup/setup-actions';
import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { RunbookStep } from '../runbook/runbook-step';
import { clusterRunbookAction, findResource, guarded, providedBy, sentence } from './failback-actions';
import { failbackNames, type FailbackNames } from './failback-names';

/**
 * Guide 8 step 6 (second half): at the scheduled time, the target's Exchange resources go offline — the System
 * Attendant and what depends on it, the Network Name, the IP addresses, every resource of the group — except the
 * Double-Take Source Connection and what it depends on (the disks it replicates from), which stay online so the
 * queue drains to the source. Dependents are taken offline before what they depend on.
 */

/** The resources of the target's Exchange group split into those kept online and those taken offline (in order). */
export interface OfflineSplit {
  readonly keep: readonly ResourceInfo[];
  /** Dependents first. */
  readonly offline: readonly ResourceInfo[];
}

export function splitTargetGroup(resources: readonly ResourceInfo[], names: FailbackNames, fallbackKeep: readonly string[]): OfflineSplit {
  const inGroup = resources.filter((r) => sameClusterName(r.group, names.targetGroup));
  const keepNames = new Set<string>();
  const connection = findResource(inGroup, names.resource);
  const visit = (name: string): void => {
    const key = name.toLowerCase();
    if (keepNames.has(key)) return;
    keepNames.add(key);
    for (const dependency of findResource(inGroup, name)?.dependencies ?? []) visit(dependency);
  };
  if (connection !== undefined) visit(connection.name);
  else for (const name of fallbackKeep) visit(name);
  const keep = inGroup.filter((r) => keepNames.has(r.name.toLowerCase()));
  const pending = inGroup.filter((r) => !keepNames.has(r.name.toLowerCase()));
  const offline: ResourceInfo[] = [];
  while (pending.length > 0) {
    // A resource goes offline once no resource still pending depends on it.
    const index = pending.findIndex((r) => !pending.some((other) => other !== r && other.dependencies.some((d) => sameClusterName(d, r.name))));
    const [next] = pending.splice(index < 0 ? 0 : index, 1);
    if (next !== undefined) offline.push(next);
  }
  return { keep, offline };
}

/** Why the Exchange resources must not go offline now (the Source Connection is not online), or undefined. */
async function sourceConnectionNotOnline(port: ClusterPort, names: FailbackNames): Promise<string | undefined> {
  const connection = findResource(await port.resources(), names.resource);
  if (connection?.state === 'Online') return undefined;
  return (
    `"${names.resource}" is ${connection === undefined ? 'missing' : connection.state} on ${names.targetCluster}: it must stay online while the Exchange resources go offline, ` +
    'or the changes users make until then never reach the source (steps 3 and 4 make it and bring it online).'
  );
}

export const targetExchangeOfflineStep: RunbookStep = {
  id: 'target-exchange-offline',
  title: "The target's Exchange resources offline, the Source Connection left online",
  guide: '8 step 6',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    const port = world.setup.target;
    const read = await readCluster(port.cluster, () => port.resources());
    if (!read.ok) return { actions: [], warnings: [], findings: [], refusal: `${sentence(read.problem)} The target cluster must answer.` };
    const connection = findResource(read.value, names.resource);
    const findings: string[] = [];
    if (connection?.state !== 'Online') findings.push(providedBy(`"${names.resource}" is ${connection === undefined ? 'not there yet' : connection.state}; it must be online`, '4'));
    const split = splitTargetGroup(read.value, names, pair.target.physicalDisks.map((d) => d.resourceName));
    const actions = split.offline.map((r) =>
      guarded(
        clusterRunbookAction(port, { kind: 'resource-offline', resource: r.name }, r.state === 'Offline' ? `"${r.name}" is offline` : `Take "${r.name}" (${r.type}) offline`, r.state !== 'Offline'),
        (run) => sourceConnectionNotOnline(run.world.setup.target, names),
      ),
    );
    findings.push(`Left online: ${split.keep.map((r) => `"${r.name}" (${r.state})`).join(', ') || 'nothing'}.`);
    return { actions, warnings: [], findings };
  },

  async verify({ pair, world }) {
    const names = failbackNames(pair);
    const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
    if (!read.ok) return [{ what: `${names.targetCluster}: the Exchange resources are offline`, ok: false, detail: read.problem }];
    const split = splitTargetGroup(read.value, names, pair.target.physicalDisks.map((d) => d.resourceName));
    const checks: VerifyCheck[] = split.offline.map((r) => ({ what: `${names.targetCluster}: "${r.name}" is offline`, ok: r.state === 'Offline', detail: `"${r.name}" is ${r.state}.` }));
    const connection = findResource(read.value, names.resource);
    checks.push({
      what: `${names.targetCluster}: "${names.resource}" is still online`,
      ok: connection?.state === 'Online',
      detail: connection === undefined ? `${names.targetCluster} has no resource "${names.resource}".` : `"${connection.name}" is ${connection.state}.`,
    });
    return checks;
  },
};
