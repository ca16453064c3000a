import { sameName } from '../../cluster/object-names';
import type { DoubleTakeLab } from '../doubletake/doubletake-lab';
import type { ClusterData } from '../mscs/cluster-data';
import type { MscsCluster } from '../mscs/mscs-cluster';
import { labFailureWords, sameLabFailure, type LabFailure } from './lab-failure';
import { writeLabFailures, type PulledFailure } from './lab-failures-file';
import { answersTargetSide, SYSTEM_ATTENDANT_TYPE } from './lab-reach';

/** A failure the lab cannot pull or restore (a node it does not have): nothing was changed. */
export class LabFailureError extends Error {
  override readonly name = 'LabFailureError';
}

/** What the failure controls need of the open lab. */
export interface LabFailureDeps {
  readonly folder: string;
  readonly source: MscsCluster;
  readonly target: MscsCluster;
  readonly doubleTake: DoubleTakeLab;
  readonly now: () => Date;
  /** The failures pulled when the lab was opened (from `<lab>/failures.json`). */
  readonly pulled: readonly PulledFailure[];
  /** After nodes were powered off or on: run the resource DLLs that must run, save the clusters, settle Exchange. */
  afterPowerChange(model: MscsCluster, before: ClusterData): Promise<void>;
  /** Saves the lab's Double-Take (lab time caught up first). */
  saveDoubleTake(): Promise<void>;
}

/** The lab's failures: pull, restore, list, and what the monitor's lab probe sees. */
export interface LabFailureControls {
  /** Pulls a failure; resolves with one sentence saying what was pulled and what it means. */
  fail(failure: LabFailure): Promise<string>;
  /** Restores a failure; says so (and changes nothing) when it is not pulled. */
  restore(failure: LabFailure): Promise<string>;
  /** The failures pulled now, oldest first, each with when. */
  failures(): readonly PulledFailure[];
  /** Whether the source cluster is seen from the target side: a node of it is up, and no split hides it. */
  isSourceVisible(): boolean;
  /** Whether `address` answers the monitor's lab probe, which looks from the target side. */
  answers(address: string): boolean;
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;

export function createLabFailureControls(deps: LabFailureDeps): LabFailureControls {
  const models = [deps.source, deps.target];
  let pulled: PulledFailure[] = [...deps.pulled];

  const nodesOf = (model: MscsCluster): string[] => model.toJSON().nodes.map((n) => n.name);
  const modelOfNode = (node: string): MscsCluster | undefined => models.find((m) => nodesOf(m).some((n) => sameName(n, node)));

  /** The failure with the lab's spelling of its node; a node the lab does not have is refused. */
  function checked(failure: LabFailure): LabFailure {
    if (failure.kind !== 'node') return { kind: failure.kind };
    const model = modelOfNode(failure.node);
    if (model === undefined) {
      const known = models.flatMap(nodesOf).join(', ');
      throw new LabFailureError(`The lab has no node named "${failure.node}" (it has ${known}).`);
    }
    return { kind: 'node', node: nodesOf(model).find((n) => sameName(n, failure.node)) ?? failure.node };
  }

  /** The nodes a power failure keeps off, with the cluster they belong to. */
  function poweredOffBy(failure: LabFailure): { model: MscsCluster; nodes: string[] } | undefined {
    if (failure.kind === 'source') return { model: deps.source, nodes: nodesOf(deps.source) };
    if (failure.kind === 'target') return { model: deps.target, nodes: nodesOf(deps.target) };
    if (failure.kind === 'node') {
      const model = modelOfNode(failure.node);
      return model === undefined ? undefined : { model, nodes: [failure.node] };
    }
    return undefined;
  }

  const heldOff = (node: string): boolean => pulled.some((f) => poweredOffBy(f)?.nodes.some((n) => sameName(n, node)) ?? false);
  const stateOf = (model: MscsCluster, node: string): string | undefined => model.toJSON().nodes.find((n) => sameName(n.name, node))?.state;

  /** Where each group of the cluster is now: `Exchange Group on SRC2`. */
  function placement(model: MscsCluster, groups: readonly string[]): string {
    const data = model.toJSON();
    return list(
      groups.map((name) => {
        const owner = data.groups.find((g) => sameName(g.name, name))?.owner ?? null;
        return owner === null ? `${name} nowhere` : `${name} on ${owner}`;
      }),
    );
  }

  async function powerOff(model: MscsCluster, nodes: readonly string[]): Promise<string[]> {
    const before = model.toJSON();
    const stopped = nodes.filter((n) => stateOf(model, n) !== 'Down');
    for (const node of stopped) model.stopNode(node);
    if (stopped.length > 0) await deps.afterPowerChange(model, before);
    return stopped;
  }

  /** Boots the nodes no other failure holds off; a source cluster back from a total outage keeps Exchange offline. */
  async function powerOn(model: MscsCluster, nodes: readonly string[]): Promise<{ started: string[]; heldOffline: string[]; takenOffline: boolean }> {
    const before = model.toJSON();
    const wholeOutage = !model.isReachable();
    const started = nodes.filter((n) => !heldOff(n) && stateOf(model, n) === 'Down');
    for (const node of started) {
      model.startNode(node);
      // The node booted: its Double-Take service starts afresh (connections back only with AutoReconnect 1).
      if (deps.doubleTake.nodes().some((n) => sameName(n, node))) deps.doubleTake.server(node).restartService();
    }
    let heldOffline: string[] = [];
    let takenOffline = false;
    if (started.length > 0 && wholeOutage && model === deps.source) {
      // Guide section 8 step 1: "bring one or both of the production cluster nodes online, but do not allow the
      // Exchange group to start" — as its note says, the node is brought up off the production network, the
      // Exchange group taken offline, then the node reconnected. MSCS's own rules (startNode, offlineGroup) do it.
      const data = model.toJSON();
      heldOffline = data.groups
        .filter((g) => data.resources.some((r) => sameName(r.group, g.name) && sameName(r.type, SYSTEM_ATTENDANT_TYPE)))
        .map((g) => g.name);
      takenOffline = data.resources.some((r) => r.state !== 'Offline' && heldOffline.some((g) => sameName(g, r.group)));
      for (const group of heldOffline) model.offlineGroup(group);
    }
    if (started.length > 0) await deps.afterPowerChange(model, before);
    return { started, heldOffline, takenOffline };
  }

  function describePulled(failure: LabFailure, stopped: readonly string[], moved: string): string {
    switch (failure.kind) {
      case 'source':
      case 'target': {
        const model = failure.kind === 'source' ? deps.source : deps.target;
        const off = stopped.length > 0 ? `${list(stopped)} lost power` : 'its nodes were off already';
        return failure.kind === 'source'
          ? `Pulled the plug on the source cluster ${model.name} (${off}): its Exchange is down and nothing replicates from it; the monitor's countdown runs out unless it comes back.`
          : `Pulled the plug on the target cluster ${model.name} (${off}): Double-Take cannot send to it, so the source's changes queue up; the source keeps serving mailboxes.`;
      }
      case 'node':
        return stopped.length > 0
          ? `Pulled the plug on ${failure.node}: MSCS moved its groups to the other node${moved === '' ? '' : ` (${moved})`}; the cluster keeps running.`
          : `${failure.node} was off already; it now stays off until "restore node ${failure.node}".`;
      case 'link':
        return `Cut the replication link between ${deps.source.name} and ${deps.target.name}: Double-Take cannot send either way, so the changes queue up on the sending node; the monitor still sees the source, so no failover is due.`;
      case 'split':
        return `Split the network: the target side (and the monitor's lab probe) cannot see ${deps.source.name}, which keeps running and still answers cluster.exe from the admin workstation; Double-Take cannot send, so the changes queue up on the source.`;
    }
  }

  async function fail(input: LabFailure): Promise<string> {
    const failure = checked(input);
    const words = labFailureWords(failure);
    const already = pulled.find((f) => sameLabFailure(f, failure));
    if (already !== undefined) return `${words} is already pulled (since ${already.since}); nothing changed.`;
    // Lab time up to now passes as things were; from now on it passes with the failure.
    deps.doubleTake.catchUp();
    pulled = [...pulled, { ...failure, since: deps.now().toISOString() }];
    await writeLabFailures(deps.folder, pulled);
    const power = poweredOffBy(failure);
    let stopped: string[] = [];
    let moved = '';
    if (power !== undefined) {
      const data = power.model.toJSON();
      const movedGroups = data.groups.filter((g) => g.owner !== null && power.nodes.some((n) => sameName(n, g.owner ?? ''))).map((g) => g.name);
      stopped = await powerOff(power.model, power.nodes);
      moved = failure.kind === 'node' ? placement(power.model, movedGroups) : '';
    }
    await deps.saveDoubleTake();
    return describePulled(failure, stopped, moved);
  }

  async function restore(input: LabFailure): Promise<string> {
    const failure = checked(input);
    const words = labFailureWords(failure);
    if (!pulled.some((f) => sameLabFailure(f, failure))) {
      const now = pulled.map(labFailureWords);
      return `${words} is not pulled (${now.length === 0 ? 'nothing is' : `pulled now: ${now.join(', ')}`}); nothing changed.`;
    }
    deps.doubleTake.catchUp();
    pulled = pulled.filter((f) => !sameLabFailure(f, failure));
    await writeLabFailures(deps.folder, pulled);
    const power = poweredOffBy(failure);
    let message: string;
    if (power !== undefined) {
      const { started, heldOffline, takenOffline } = await powerOn(power.model, power.nodes);
      const stillOff = power.nodes.filter((n) => heldOff(n));
      const parts = [started.length > 0 ? `Powered ${list(started)} back on` : `Nothing was powered on`];
      if (stillOff.length > 0) parts.push(`${list(stillOff)} ${stillOff.length === 1 ? 'stays' : 'stay'} off (${pulled.filter((f) => poweredOffBy(f)?.nodes.some((n) => stillOff.includes(n))).map(labFailureWords).join(', ')} still pulled)`);
      message = `${parts.join('; ')}.`;
      if (heldOffline.length > 0) {
        const how = takenOffline ? 'was taken offline as the nodes came back' : 'stays offline';
        message += ` ${list(heldOffline)} ${how} (guide section 8 step 1: bring the production cluster nodes online, but do not allow the Exchange group to start), so Exchange does not run on the source; Double-Take's service restarted on each node.`;
      } else if (started.length > 0 && failure.kind === 'node') {
        message += ' Its groups stay where they are: MSCS does not move them back by itself.';
      } else if (started.length > 0) {
        message += " Double-Take's service restarted on each node; the groups are as MSCS brought them back.";
      }
    } else {
      const cut = pulled.some((f) => f.kind === 'link' || f.kind === 'split');
      const sends = cut ? `Double-Take still cannot send: ${pulled.filter((f) => f.kind === 'link' || f.kind === 'split').map(labFailureWords).join(', ')} still pulled` : 'Double-Take sends again and the queued changes drain';
      message =
        failure.kind === 'link'
          ? `Restored the replication link between ${deps.source.name} and ${deps.target.name}: ${sends}.`
          : `Healed the split: the target side sees ${deps.source.name} again; ${sends}.`;
    }
    await deps.saveDoubleTake();
    return message;
  }

  return {
    fail,
    restore,
    failures: () => pulled.map((f) => ({ ...f })),
    isSourceVisible: () => deps.source.isReachable() && !pulled.some((f) => f.kind === 'split'),
    answers: (address) => answersTargetSide(models.map((m) => m.toJSON()), pulled, address),
  };
}
