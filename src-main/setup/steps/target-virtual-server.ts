import type { PairDocument } from '../../pair/pair-document-schema';
import type { SetupStep } from '../setup-step';
import { readCluster } from './virtual-server/cluster-snapshot';
import { groupChecks, planGroup } from './virtual-server/group-plan';
import { resourceChecks } from './virtual-server/resource-checks';
import { planResources } from './virtual-server/resource-plan';
import { ipAddressResource, systemAttendantDataPathFinding, virtualServerResources, type WantedResource } from './virtual-server/wanted-resource';

/**
 * Guide 5.2: on the target cluster, the same Exchange group and resources as 4.2 (from `pair.target`), every one
 * of them offline ("Make sure that none of the resources are online"), plus the IP Address Double-Take replicates
 * to (`pair.target.replicationIpAddress`) in the same group, online. The replication address has no dependency,
 * so bringing it online brings nothing else with it and the group is Partially Online. One plan: the group, then
 * the resources in the source's order, with the same planner as the source steps.
 */

/** Everything 5.2 wants on the target, in creation order (the replication IP last). */
export function targetWantedResources(pair: PairDocument): WantedResource[] {
  return [
    ...virtualServerResources(pair.target, 'Offline'),
    ipAddressResource(pair.target.group.name, pair.target.replicationIpAddress, 'Online'),
  ];
}

export const targetVirtualServer: SetupStep = {
  id: '5.2',

  async plan({ pair, world }) {
    const snapshot = await readCluster(world.target);
    const group = planGroup(snapshot, pair.target.group);
    const resources = planResources(snapshot, targetWantedResources(pair), { groupPlanned: true });
    const replication = pair.target.replicationIpAddress;
    const findings = [
      `The Exchange resources on ${world.target.cluster} stay offline while it is the Double-Take target; failover brings them online.`,
      `Double-Take replicates to ${replication.address} ("${replication.resourceName}"), the only resource online in "${pair.target.group.name}".`,
      systemAttendantDataPathFinding(pair.target, world.target.cluster),
    ];
    const warnings = [...group.warnings, ...resources.warnings];
    if (replication.address !== pair.source.sourceConnection.targetAddress) {
      warnings.push(
        `The source's Double-Take Source Connection targets ${pair.source.sourceConnection.targetAddress}, not the replication address ${replication.address}: the guide wants them the same.`,
      );
    }
    return { actions: [...group.actions, ...resources.actions], warnings, findings };
  },

  async verify({ pair, world }) {
    const snapshot = await readCluster(world.target);
    return [...groupChecks(snapshot, pair.target.group), ...targetWantedResources(pair).flatMap((w) => resourceChecks(snapshot, w))];
  },
};
