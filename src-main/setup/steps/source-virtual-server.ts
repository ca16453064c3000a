import type { PairDocument } from '../../pair/pair-document-schema';
import { sameClusterName } from '../setup-actions';
import type { SetupStep } from '../setup-step';
import { groupResources, readCluster } from './virtual-server/cluster-snapshot';
import { groupChecks, planGroup } from './virtual-server/group-plan';
import { resourceChecks } from './virtual-server/resource-checks';
import { planResources } from './virtual-server/resource-plan';
import {
  ipAddressResource,
  networkNameResource,
  physicalDiskResources,
  RESOURCE_TYPE,
  systemAttendantDataPathFinding,
  systemAttendantResource,
  type WantedResource,
} from './virtual-server/wanted-resource';

/**
 * Guide 4.2: the Exchange virtual server on the source cluster, one step per dialog of the guide. Each resource
 * step compares the resources it wants (from `pair.source`) with what the cluster has, plans only what differs and
 * verifies every property of the result; all are online at the end.
 */

/** 4.2.1: the Exchange group with its description (no preferred owners). */
const exchangeGroup: SetupStep = {
  id: '4.2.1',
  async plan({ pair, world }) {
    const snapshot = await readCluster(world.source);
    const plan = planGroup(snapshot, pair.source.group);
    return { ...plan, findings: [`The Exchange resources of steps 4.2.2-4.2.5 go into "${pair.source.group.name}" on ${world.source.cluster}.`] };
  },
  async verify({ pair, world }) {
    return groupChecks(await readCluster(world.source), pair.source.group);
  },
};

/** A step that makes some of the source virtual server's resources, online. */
function resourceStep(id: string, wanted: (pair: PairDocument) => WantedResource[]): SetupStep {
  return {
    id,
    async plan({ pair, world }) {
      const snapshot = await readCluster(world.source);
      const plan = planResources(snapshot, wanted(pair));
      return { ...plan, findings: [] };
    },
    async verify({ pair, world }) {
      const snapshot = await readCluster(world.source);
      return wanted(pair).flatMap((w) => resourceChecks(snapshot, w));
    },
  };
}

/** What 4.2.4 and 4.2.5 say about the disks: those the pair document lists. */
function disksFinding(pair: PairDocument): string {
  const disks = pair.source.physicalDisks;
  return `${disks.length} disk${disks.length === 1 ? '' : 's'} in the pair document: ${disks
    .map((d) => `"${d.resourceName}" (${d.drive.toUpperCase()}:, signature ${d.signature})`)
    .join(', ')}.`;
}

const ipAddress = resourceStep('4.2.2', (pair) => [ipAddressResource(pair.source.group.name, pair.source.ipAddress, 'Online')]);
const networkName = resourceStep('4.2.3', (pair) => [networkNameResource(pair.source, 'Online')]);
const disks = resourceStep('4.2.4', (pair) => physicalDiskResources(pair.source, 'Online'));

/** 4.2.4: the Physical Disks; it warns of another resource that already holds a disk of the same signature. */
const physicalDisks: SetupStep = {
  id: '4.2.4',
  async plan(context) {
    const plan = await disks.plan(context);
    const snapshot = await readCluster(context.world.source);
    const taken = context.pair.source.physicalDisks.flatMap((disk) =>
      snapshot.resources
        .filter(
          (r) =>
            sameClusterName(r.type, RESOURCE_TYPE.physicalDisk) &&
            r.privateProperties['Signature'] === disk.signature &&
            !sameClusterName(r.name, disk.resourceName),
        )
        .map((r) => `Resource "${r.name}" (group "${r.group}") already holds the disk of signature ${disk.signature} wanted for "${disk.resourceName}": a disk has one resource; sort this out by hand.`),
    );
    return { ...plan, warnings: [...plan.warnings, ...taken], findings: [disksFinding(context.pair)] };
  },
  verify: (context) => disks.verify(context),
};

/** 4.2.5: the System Attendant; it also warns of Physical Disks in the group that the pair document does not list. */
const systemAttendant: SetupStep = {
  id: '4.2.5',
  async plan(context) {
    const { pair, world } = context;
    const snapshot = await readCluster(world.source);
    const wanted = systemAttendantResource(pair.source, 'Online');
    const plan = planResources(snapshot, [wanted]);
    const unlisted = groupResources(snapshot, pair.source.group.name).filter(
      (r) => sameClusterName(r.type, RESOURCE_TYPE.physicalDisk) && !wanted.dependencies.some((d) => sameClusterName(d.name, r.name)),
    );
    const warnings = [
      ...plan.warnings,
      ...unlisted.map(
        (r) => `Physical Disk "${r.name}" is in "${pair.source.group.name}" but not in the pair document: the System Attendant must depend on every disk of its group, so it cannot come online until the disk is listed or moved out.`,
      ),
    ];
    return { actions: plan.actions, warnings, findings: [disksFinding(pair), systemAttendantDataPathFinding(pair.source, world.source.cluster)] };
  },
  async verify({ pair, world }) {
    return resourceChecks(await readCluster(world.source), systemAttendantResource(pair.source, 'Online'));
  },
};

export const sourceVirtualServerSteps: readonly SetupStep[] = [exchangeGroup, ipAddress, networkName, physicalDisks, systemAttendant];
