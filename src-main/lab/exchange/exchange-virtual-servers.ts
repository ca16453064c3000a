import { includesName, sameName } from '../../cluster/object-names';
import type { ClusterData, ResourceData } from '../mscs/cluster-data';
import { deriveGroupState } from '../mscs/group-state';

/** The resource type that makes a cluster group an Exchange virtual server. */
export const SYSTEM_ATTENDANT_TYPE = 'Microsoft Exchange System Attendant';

/**
 * An Exchange virtual server as a cluster holds it: the Network Name (its `Name` private property) of a group
 * holding a "Microsoft Exchange System Attendant" resource, and where it runs now.
 */
export interface ExchangeVirtualServer {
  /** The virtual server's name: the Network Name resource's `Name`. */
  readonly server: string;
  readonly cluster: string;
  readonly group: string;
  readonly systemAttendant: string;
  /** The node it runs on: the System Attendant, the Network Name and every Physical Disk of the group online there. */
  readonly runningOn?: string;
  /** Why it does not run, in words ("the group Exchange Group on TGTCLUS is offline"), when `runningOn` is absent. */
  readonly notRunning?: string;
}

function privateText(resource: ResourceData, property: string): string | undefined {
  const entry = Object.entries(resource.privateProperties).find(([key]) => sameName(key, property));
  return entry === undefined || typeof entry[1] !== 'string' ? undefined : entry[1];
}

/** The Network Name of an Exchange group: the one the System Attendant depends on, else the group's first. */
function networkNameOf(members: readonly ResourceData[], systemAttendant: ResourceData): ResourceData | undefined {
  const names = members.filter((r) => sameName(r.type, 'Network Name'));
  return names.find((r) => includesName(systemAttendant.dependencies, r.name)) ?? names[0];
}

/** Every Exchange virtual server of one cluster (as its data says, even while the cluster does not answer). */
export function exchangeVirtualServers(data: ClusterData): ExchangeVirtualServer[] {
  const servers: ExchangeVirtualServer[] = [];
  const reachable = data.nodes.some((n) => n.state !== 'Down');
  for (const group of data.groups) {
    const members = data.resources.filter((r) => sameName(r.group, group.name));
    const systemAttendant = members.find((r) => sameName(r.type, SYSTEM_ATTENDANT_TYPE));
    if (systemAttendant === undefined) continue;
    const networkName = networkNameOf(members, systemAttendant);
    const server = networkName === undefined ? undefined : privateText(networkName, 'Name');
    if (networkName === undefined || server === undefined) continue;
    const base = { server, cluster: data.name, group: group.name, systemAttendant: systemAttendant.name };
    const where = `the group ${group.name} on ${data.name}`;
    const owner = group.owner === null ? undefined : data.nodes.find((n) => sameName(n.name, group.owner ?? ''));
    if (!reachable || owner === undefined || owner.state === 'Down') {
      servers.push({ ...base, notRunning: `${where} is offline: ${data.name} does not answer (every node is down)` });
      continue;
    }
    const groupState = deriveGroupState(members.map((r) => r.state));
    const notOnline = [systemAttendant, networkName, ...members.filter((r) => sameName(r.type, 'Physical Disk'))].find((r) => r.state !== 'Online');
    if (notOnline !== undefined) {
      const detail = groupState === 'Offline' ? '' : `: its resource '${notOnline.name}' is ${notOnline.state.toLowerCase()}`;
      servers.push({ ...base, notRunning: `${where} is ${groupState.toLowerCase()}${detail}` });
      continue;
    }
    servers.push({ ...base, runningOn: owner.name });
  }
  return servers;
}
