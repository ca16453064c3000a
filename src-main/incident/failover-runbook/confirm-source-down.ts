/**
 * Failover step 1 (guide 7, before the manual intervention): the source is down by both paths, and its Exchange
 * group is not online anywhere. The monitor's probe of `monitor.monitoredAddress` must find no reply and the
 * second path (by default the source cluster answering cluster.exe) must agree; when the source cluster answers and
 * its Exchange group is online, partially online or pending on a node, the run refuses: two clusters serving the
 * same mailboxes is a split brain. The refusal says how to fence the source first.
 */
import { clusterExeCommandLine } from '../../cluster/cluster-exe-argv';
import { ClusterError, type ClusterPort, type GroupInfo } from '../../cluster/port';
import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import type { ProbeReply, ProbeSpec, SecondPathReply } from '../incident-world';
import { errorText } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';

export const CONFIRM_SOURCE_DOWN = 'confirm-source-down';
const PROBE_TIMEOUT_MS = 5_000;

/** What the monitor probes: the pair document's probe on the monitored address. */
export function monitorProbeSpec(pair: PairDocument): ProbeSpec {
  const host = pair.monitor.monitoredAddress;
  return pair.monitor.probe.kind === 'tcp' ? { kind: 'tcp', host, port: pair.monitor.probe.port } : { kind: 'icmp', host };
}

/** The source's Exchange group as its cluster reports it, or why the cluster gave no answer. */
type SourceGroupView =
  | { readonly answered: true; readonly group: GroupInfo | undefined }
  | { readonly answered: false; readonly detail: string };

async function sourceGroup(port: ClusterPort, name: string): Promise<SourceGroupView> {
  try {
    const groups = await port.groups();
    return { answered: true, group: groups.find((g) => g.name.localeCompare(name, 'en', { sensitivity: 'accent' }) === 0) };
  } catch (e) {
    if (e instanceof ClusterError && e.failure === 'unreachable') return { answered: false, detail: `${port.cluster} does not answer: ${e.message} (${e.code})` };
    throw e;
  }
}

/** The lines that fence the source: the group offline, or the nodes powered off. */
export function fencingAdvice(pair: PairDocument): string {
  const line = clusterExeCommandLine(pair.source.cluster.name, { kind: 'group-offline', group: pair.source.group.name }, { clusterForm: 'switch' });
  return `fence the source first: ${line} (or power off ${pair.source.cluster.nodes.map((n) => n.name).join(' and ')}), then run again.`;
}

interface Findings {
  readonly probe: ProbeReply;
  readonly second: SecondPathReply | undefined;
  readonly group: SourceGroupView;
}

async function look(context: RunbookContext): Promise<Findings> {
  const { pair, world, signal } = context;
  const probe = await world.probe(monitorProbeSpec(pair)).probe(PROBE_TIMEOUT_MS, signal);
  const second = pair.monitor.secondPath === 'source-cluster' ? await world.secondPath(pair.source.cluster.name, signal) : undefined;
  const group = await sourceGroup(world.setup.source, pair.source.group.name);
  return { probe, second, group };
}

const RUNNING: readonly GroupInfo['state'][] = ['Online', 'Partially Online', 'Pending'];

function checksOf(pair: PairDocument, found: Findings): VerifyCheck[] {
  const address = pair.monitor.monitoredAddress;
  const groupName = pair.source.group.name;
  const cluster = pair.source.cluster.name;
  const checks: VerifyCheck[] = [
    { what: `The monitor's probe of ${address} gets no reply`, ok: !found.probe.ok, detail: found.probe.detail },
  ];
  if (found.second !== undefined) checks.push({ what: `The second path (${cluster}) also finds the source down`, ok: found.second.down, detail: found.second.detail });
  const group = found.group;
  if (!group.answered) {
    checks.push({ what: `"${groupName}" is not online anywhere on ${cluster}`, ok: true, detail: group.detail });
  } else {
    const running = group.group !== undefined && RUNNING.includes(group.group.state);
    checks.push({
      what: `"${groupName}" is not online anywhere on ${cluster}`,
      ok: !running,
      detail: group.group === undefined ? `${cluster} answers and has no group "${groupName}".` : `${cluster} answers: "${groupName}" is ${group.group.state}${group.group.owner === undefined ? '' : ` on ${group.group.owner}`}.`,
    });
  }
  return checks;
}

export const confirmSourceDown: RunbookStep = {
  id: CONFIRM_SOURCE_DOWN,
  title: 'Confirm the source is down (both paths) and its Exchange group is not online anywhere',
  guide: '7 (Time to Fail reached)',
  async plan(context) {
    const { pair } = context;
    let found: Findings;
    try {
      found = await look(context);
    } catch (e) {
      return { actions: [], warnings: [], findings: [], refusal: `The source's state cannot be told: ${errorText(e)}; nothing was changed.` };
    }
    const checks = checksOf(pair, found);
    const findings = [
      `Probe ${context.world.probe(monitorProbeSpec(pair)).description}: ${found.probe.ok ? 'answers' : 'no reply'} (${found.probe.detail})`,
      found.second === undefined ? 'Second path: none (monitor.secondPath is "none"; the probe alone decides).' : `Second path: ${found.second.down ? 'the source is down' : 'the source answers'} (${found.second.detail})`,
      ...checks.slice(-1).map((c) => `${c.what}: ${c.detail ?? (c.ok ? 'yes' : 'no')}`),
    ];
    const split = found.group.answered && found.group.group !== undefined && RUNNING.includes(found.group.group.state);
    let refusal: string | undefined;
    if (split && found.group.answered) {
      const g = found.group.group as GroupInfo;
      refusal = `Split brain: ${pair.source.cluster.name} answers and "${g.name}" is ${g.state}${g.owner === undefined ? '' : ` on ${g.owner}`}; ${fencingAdvice(pair)}`;
    } else if (found.probe.ok) {
      refusal = `The source answers the monitor's probe (${found.probe.detail}): it is not down; no failover.`;
    } else if (found.second !== undefined && !found.second.down) {
      refusal = `The second path vetoes: ${found.second.detail}. The probe alone does not declare the source failed; no failover.`;
    }
    return { actions: [], warnings: [], findings, ...(refusal === undefined ? {} : { refusal }) };
  },
  async verify(context) {
    return checksOf(context.pair, await look(context));
  },
};
