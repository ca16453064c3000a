import type { ResourceInfo } from '../../cluster/port';
import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import { clusterAction, recordAction, sameClusterName } from '../setup-actions';
import type { SetupStep, SetupStepContext } from '../setup-step';
import { findGroup, findResource, groupResources, readCluster, type ClusterSnapshot } from './virtual-server/cluster-snapshot';
import {
  monitorByHandFinding,
  monitorFieldsDiffering,
  monitorHandwork,
  monitorHandworkCheck,
  monitorSettings,
  monitorSettingsLines,
} from './virtual-server/monitor-settings';

/**
 * Guide 6: bring the source Exchange group online (every resource, the Double-Take Source Connection of step 4.5
 * included) and record the settings of the monitor each target node runs. The target group stays offline but for
 * the replication IP. The Failover Control Center monitor itself is set by hand on each target node: the plan
 * lists the exact settings per node, and since the program can neither enter nor read them, the step verifies only
 * once the administrator has confirmed, with a note, that they entered them (the step's handwork).
 */

const STEP = '6';
const SOURCE_CONNECTION_TYPE = 'Double-Take Source Connection';

const describeStates = (resources: readonly ResourceInfo[]): string => resources.map((r) => `"${r.name}" (${r.state})`).join(', ');

/** The target group's resources that are online though only the replication IP should be. */
function targetOnlineExtras(target: ClusterSnapshot, pair: PairDocument): ResourceInfo[] {
  return groupResources(target, pair.target.group.name).filter(
    (r) => r.state !== 'Offline' && !sameClusterName(r.name, pair.target.replicationIpAddress.resourceName),
  );
}

/**
 * The guide's "Double-Take is now replicating from the source to the target cluster": the node that owns the group
 * has a connection of the replication set to the Double-Take target (the Source Connection resource's online.dtcl
 * made it when the group came online there).
 */
async function replicationCheck(context: SetupStepContext, owner: string | undefined): Promise<VerifyCheck> {
  const { pair, world } = context;
  const set = pair.replicationSet.name;
  const targetAddress = pair.source.sourceConnection.targetAddress;
  const what = `Double-Take on the owning node replicates "${set}" to ${targetAddress}`;
  if (owner === undefined) return { what, ok: false, detail: `No node owns "${pair.source.group.name}".` };
  let connections;
  try {
    connections = await world.doubleTake(owner).connections();
  } catch (error) {
    return { what, ok: false, detail: `${owner}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const connection = connections.find((c) => c.replicationSet === set && c.target.toLowerCase() === targetAddress.toLowerCase());
  if (connection === undefined) {
    const others = connections.map((c) => `"${c.replicationSet}" to ${c.target}`).join(', ');
    return {
      what: `${what} (${owner})`,
      ok: false,
      detail: `${owner} has no such connection${others === '' ? '' : ` (it has ${others})`}: the Source Connection resource did not connect; look at its state and at online.dtcl on ${owner}.`,
    };
  }
  const ok = connection.state === 'connected';
  return {
    what: `${what} (${owner}, connection ${connection.id}, mirror ${connection.mirrorState})`,
    ok,
    ...(ok ? {} : { detail: `Connection ${connection.id} is ${connection.state}.` }),
  };
}

const targetNodesOf = (pair: PairDocument): string[] => pair.target.cluster.nodes.map((n) => n.name);

/** The monitor entered on every target node, as the pair document asks for it now. */
const handworkOf = (pair: PairDocument) => monitorHandwork(monitorSettings(pair), targetNodesOf(pair));

function monitorChecks(context: SetupStepContext): VerifyCheck[] {
  const { pair } = context;
  const wanted = monitorSettings(pair);
  const differing = monitorFieldsDiffering(context.recorded(STEP), wanted);
  const addressOk = wanted.monitoredAddress === pair.source.ipAddress.address;
  const nameOk = sameClusterName(wanted.monitoredName, pair.source.networkName.name);
  return [
    {
      what: 'The monitor settings (address, name, Items to Failover, .SHR mapping) are recorded for step 6',
      ok: differing.length === 0,
      ...(differing.length > 0
        ? { detail: context.recorded(STEP) === undefined ? 'Nothing is recorded yet.' : `Recorded values differ in: ${differing.join(', ')}.` }
        : {}),
    },
    {
      what: `The monitored address is the source virtual server's address ${pair.source.ipAddress.address}`,
      ok: addressOk,
      ...(addressOk ? {} : { detail: `monitor.monitoredAddress is ${wanted.monitoredAddress}, not source.ipAddress.address ${pair.source.ipAddress.address}.` }),
    },
    {
      what: `The monitored name is the source virtual server's name ${pair.source.networkName.name}`,
      ok: nameOk,
      ...(nameOk ? {} : { detail: `monitor.monitoredName is ${wanted.monitoredName}, not source.networkName.name ${pair.source.networkName.name}.` }),
    },
  ];
}

export const bringOnlineAndMonitor: SetupStep = {
  id: STEP,

  async plan(context) {
    const { pair, world } = context;
    const [source, target] = await Promise.all([readCluster(world.source), readCluster(world.target)]);
    const groupName = pair.source.group.name;
    const group = findGroup(source, groupName);
    const members = groupResources(source, groupName);
    const notOnline = members.filter((r) => r.state !== 'Online');
    const warnings: string[] = [];
    if (group === undefined) warnings.push(`Group "${groupName}" does not exist on ${source.port.cluster}: apply steps 4.2.1-4.2.5 first.`);
    const connection = findResource(source, pair.source.sourceConnection.resourceName);
    if (connection === undefined || !sameClusterName(connection.group, groupName)) {
      warnings.push(
        `The Double-Take Source Connection "${pair.source.sourceConnection.resourceName}" is not in "${groupName}" on ${source.port.cluster}: apply step 4.5 first, or the group comes online without replication.`,
      );
    }
    for (const r of targetOnlineExtras(target, pair)) {
      warnings.push(`"${r.name}" is ${r.state} on ${target.port.cluster}: the target's Exchange resources stay offline while it is the Double-Take target (step 5.2 takes them offline).`);
    }
    const replication = findResource(target, pair.target.replicationIpAddress.resourceName);
    if (replication?.state !== 'Online') {
      warnings.push(`The replication address "${pair.target.replicationIpAddress.resourceName}" is not online on ${target.port.cluster}: apply step 5.2 first.`);
    }
    const wantedMonitor = monitorSettings(pair);
    if (wantedMonitor.monitoredAddress !== pair.source.ipAddress.address || !sameClusterName(wantedMonitor.monitoredName, pair.source.networkName.name)) {
      warnings.push(`The monitor does not watch the source virtual server (${pair.source.ipAddress.address}, ${pair.source.networkName.name}): correct monitor in the pair document.`);
    }
    const targetNodes = targetNodesOf(pair);
    const groupNeeded = group === undefined || members.length === 0 || notOnline.length > 0;
    const actions = [
      clusterAction(
        world.source,
        { kind: 'group-online', group: groupName },
        groupNeeded
          ? `Bring the group "${groupName}" online${notOnline.length > 0 ? `: ${describeStates(notOnline)}` : ''}`
          : `Bring the group "${groupName}" online (every resource is online)`,
        groupNeeded,
      ),
      recordAction(
        context,
        STEP,
        { ...wantedMonitor },
        monitorSettingsLines(wantedMonitor, targetNodes).join('\n'),
        'Record the monitor settings to enter on each target node',
        monitorFieldsDiffering(context.recorded(STEP), wantedMonitor).length > 0,
      ),
    ];
    const confirmed = monitorHandworkCheck(handworkOf(pair), context.confirmation(STEP), STEP);
    const findings = [
      `The Failover Control Center monitor is set by hand on each target node (${targetNodes.join(', ')}); the program records the settings but can neither enter nor read them, so the step verifies once you confirm, with a note, that you entered them:`,
      ...targetNodes.map((node) => monitorByHandFinding(wantedMonitor, node)),
      `${confirmed.ok ? 'Confirmed' : 'Not confirmed'}: ${confirmed.detail ?? ''}`,
    ];
    return { actions, warnings, findings };
  },

  async verify(context) {
    const { pair, world } = context;
    const [source, target] = await Promise.all([readCluster(world.source), readCluster(world.target)]);
    const groupName = pair.source.group.name;
    const members = groupResources(source, groupName);
    const notOnline = members.filter((r) => r.state !== 'Online');
    const connection = findResource(source, pair.source.sourceConnection.resourceName);
    const connectionOk = connection !== undefined && sameClusterName(connection.group, groupName) && sameClusterName(connection.type, SOURCE_CONNECTION_TYPE);
    const extras = targetOnlineExtras(target, pair);
    const replication = findResource(target, pair.target.replicationIpAddress.resourceName);
    const checks: VerifyCheck[] = [
      {
        what: `Every resource of "${groupName}" on ${source.port.cluster} is Online`,
        ok: findGroup(source, groupName) !== undefined && members.length > 0 && notOnline.length === 0,
        ...(findGroup(source, groupName) === undefined
          ? { detail: `There is no group "${groupName}".` }
          : members.length === 0
            ? { detail: 'The group holds no resource.' }
            : notOnline.length > 0
              ? { detail: `Not online: ${describeStates(notOnline)}.` }
              : {}),
      },
      {
        what: `The ${SOURCE_CONNECTION_TYPE} resource "${pair.source.sourceConnection.resourceName}" is in "${groupName}" on ${source.port.cluster}`,
        ok: connectionOk,
        ...(connectionOk
          ? {}
          : {
              detail:
                connection === undefined
                  ? 'It does not exist (step 4.5 creates it).'
                  : `It is of type "${connection.type}" in group "${connection.group}".`,
            }),
      },
      {
        what: `The Exchange resources of "${pair.target.group.name}" on ${target.port.cluster} are offline`,
        ok: extras.length === 0,
        ...(extras.length > 0 ? { detail: `Not offline: ${describeStates(extras)}.` } : {}),
      },
      {
        what: `The replication address "${pair.target.replicationIpAddress.resourceName}" on ${target.port.cluster} is Online`,
        ok: replication?.state === 'Online' && sameClusterName(replication.group, pair.target.group.name),
        ...(replication === undefined
          ? { detail: 'It does not exist (step 5.2 creates it).' }
          : replication.state !== 'Online' || !sameClusterName(replication.group, pair.target.group.name)
            ? { detail: `It is ${replication.state} in group "${replication.group}".` }
            : {}),
      },
      await replicationCheck(context, findGroup(source, groupName)?.owner),
      ...monitorChecks(context),
      monitorHandworkCheck(handworkOf(pair), context.confirmation(STEP), STEP),
    ];
    return checks;
  },

  handwork: handworkOf,
};
