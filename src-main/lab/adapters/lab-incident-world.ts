/**
 * The lab's incident world: what the monitor probes and the runbooks drive, answered by the lab's models. The
 * lab never opens a socket: an address of its own (fictional, 10.x) answers when an IP Address resource with that
 * Address (or a Network Name with that Name) is online on a running node and no split cuts the monitor off from it; only a probe of the loopback address
 * (127.0.0.1, what tests listen on) goes to the real probe the composition passes in.
 */
import { ClusterError, type ClusterPort } from '../../cluster/port';
import { sameName } from '../../cluster/object-names';
import { borrowedDirectory } from '../../directory/borrowed-directory';
import type { DirectoryPort } from '../../directory/port';
import type { IncidentWorld, MailboxCheck, Probe, ProbeReply, ProbeSpec, StoreMount } from '../../incident/incident-world';
import { askSourceCluster } from '../../incident/probes/cluster-second-path';
import type { SetupWorld } from '../../setup/setup-world';
import type { Lab } from '../lab';
import { sleepFor } from '../../shared/timers';

export interface LabIncidentWorldDeps {
  /** The real probe (ICMP through ping, or a TCP connect), used only for a spec on the loopback address. */
  readonly realProbe: (spec: ProbeSpec) => Probe;
  readonly now?: () => Date;
}

/** The lab's failures as a split needs them; present once the lab has failures (`lab.failures()`). */
interface LabWithFailures {
  readonly failures?: () => readonly { readonly kind: string }[];
}

/** Whether a host is this machine's loopback (127.0.0.0/8, localhost, ::1): the only addresses really probed. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function hostOf(spec: ProbeSpec): string {
  return spec.kind === 'lab' ? spec.address : spec.host;
}

function isSplit(lab: Lab): boolean {
  const failures = (lab as Lab & LabWithFailures).failures?.() ?? [];
  return failures.some((f) => f.kind === 'split');
}

/** Where an address is online in the lab: its resource, group, node and cluster; or why it does not answer. */
async function findAddress(lab: Lab, address: string): Promise<ProbeReply> {
  const down: string[] = [];
  for (const port of [lab.source, lab.target]) {
    let resources;
    let nodes;
    try {
      [resources, nodes] = await Promise.all([port.resources(), port.nodes()]);
    } catch (e) {
      if (e instanceof ClusterError && e.failure === 'unreachable') {
        down.push(port.cluster);
        continue;
      }
      throw e;
    }
    const online = resources.find(
      (r) =>
        ((sameName(r.type, 'IP Address') && String(r.privateProperties['Address'] ?? '') === address) ||
          (sameName(r.type, 'Network Name') && sameName(String(r.privateProperties['Name'] ?? ''), address))) &&
        r.state === 'Online' &&
        r.owner !== undefined &&
        nodes.some((n) => sameName(n.name, r.owner ?? '') && n.state !== 'Down'),
    );
    if (online === undefined) continue;
    if (sameName(port.cluster, lab.source.cluster) && isSplit(lab)) {
      return { ok: false, detail: `no reply from ${address}: a split cuts this side off from ${port.cluster} (${online.name} is online on ${online.owner ?? '?'})` };
    }
    return { ok: true, detail: `reply from ${address} (${online.name} online on ${online.owner ?? '?'}, ${port.cluster})`, rttMs: 0 };
  }
  const none = 'no IP Address resource with that address (nor Network Name with that name) is online';
  const why = down.length === 0 ? none : `${none} (${down.join(' and ')} ${down.length === 1 ? 'does' : 'do'} not answer)`;
  return { ok: false, detail: `no reply from ${address}: ${why}` };
}

/** The lab's own probe of one of its addresses: answers at once, never opens a socket. */
export function labProbe(lab: Lab, address: string): Probe {
  return {
    description: `the lab's answer for ${address}: an IP Address (or Network Name) with that address online on a running node`,
    async probe(_timeoutMs, signal) {
      signal.throwIfAborted();
      return findAddress(lab, address);
    },
  };
}

/** The Exchange group of a lab cluster: the group holding a System Attendant there (named by the second path). */
function exchangeGroupOn(lab: Lab, cluster: string): string | undefined {
  return lab.exchange.virtualServers().find((v) => sameName(v.cluster, cluster))?.group;
}

/** A cluster the lab does not have: answers nothing, as an unreachable cluster (RPC server unavailable). */
function unknownCluster(lab: Lab, name: string): ClusterPort {
  const fail = async (): Promise<never> => {
    throw new ClusterError(1722, `The lab has no cluster ${name}; its clusters are ${lab.source.cluster} and ${lab.target.cluster}.`, 'unreachable');
  };
  return { cluster: name, run: fail, nodes: fail, groups: fail, resources: fail };
}

/** The lab's stores, every server's, with their mount state (for tests and the lab panel). */
export function labStores(lab: Lab, signal?: AbortSignal): Promise<readonly StoreMount[]> {
  return lab.exchange.allStores(signal);
}

/** The lab's client tries every mailbox for `server` (for tests and the lab panel). */
export function labMailboxCheck(lab: Lab, server: string, signal?: AbortSignal): Promise<MailboxCheck> {
  return lab.exchange.openMailboxes(server, signal);
}

/** The incident world of the lab: its setup world, its directory, its Exchange, its probe and its second path. */
export function labIncidentWorld(lab: Lab, setup: SetupWorld, deps: LabIncidentWorldDeps): IncidentWorld {
  return {
    kind: 'lab',
    setup,
    connectDirectory: async (): Promise<DirectoryPort> => borrowedDirectory(lab.directory),
    probe(spec) {
      const host = hostOf(spec);
      if (!isLoopbackHost(host)) return labProbe(lab, host);
      // A lab spec on the loopback address is probed as a real echo would be: the lab has no 127.0.0.1 of its own.
      return deps.realProbe(spec.kind === 'lab' ? { kind: 'icmp', host } : spec);
    },
    secondPath(sourceCluster, signal) {
      const port = [lab.source, lab.target].find((p) => sameName(p.cluster, sourceCluster)) ?? unknownCluster(lab, sourceCluster);
      const exchangeGroup = exchangeGroupOn(lab, sourceCluster);
      return askSourceCluster(port, signal, exchangeGroup === undefined ? {} : { exchangeGroup });
    },
    exchange: lab.exchange,
    async doubleTakeLog(node) {
      // The lab models no write errors on the target's disks: Double-Take's log has none to report.
      return { node, source: 'lab', writeErrors: [] };
    },
    now: deps.now ?? (() => new Date()),
    sleep: sleepFor,
  };
}
