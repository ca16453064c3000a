import type { ClusterCommand, ClusterPort } from '../../../../src-main/cluster/port';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { exchangeDns } from '../../../../src-main/lab/directory/exchange-names';
import { SEED_STORAGE_GROUPS, storeName } from '../../../../src-main/lab/directory/exchange-seed';
import type { DirectoryStore } from '../../../../src-main/lab/exchange/exchange-directory';
import { normalizeDn } from '../../../../src-main/directory/dn';
import { LAB, type LabClusterRole } from '../../../../src-main/lab/topology';

/** The names of the guide's Exchange group in the lab (as the lab pair document names them). */
export const GROUP = {
  name: 'Exchange Group',
  ip: 'Exchange IP Address',
  networkName: 'Exchange Network Name',
  disk: 'Disk E:',
  systemAttendant: 'Exchange System Attendant',
} as const;

/** The Exchange virtual server's address on each side (the lab pair document's). */
export const ADDRESS = { source: '10.0.0.20', target: '10.1.0.20' } as const;

/** The commands that build the guide's Exchange group on one lab cluster, offline. */
export function exchangeGroupCommands(role: LabClusterRole): ClusterCommand[] {
  const side = LAB[role];
  return [
    { kind: 'group-create', group: GROUP.name },
    { kind: 'resource-create', resource: GROUP.ip, group: GROUP.name, type: 'IP Address' },
    { kind: 'resource-set-private', resource: GROUP.ip, properties: { Address: ADDRESS[role], SubnetMask: '255.255.255.0', Network: 'Public' } },
    { kind: 'resource-create', resource: GROUP.networkName, group: GROUP.name, type: 'Network Name' },
    { kind: 'resource-set-private', resource: GROUP.networkName, properties: { Name: side.virtualServer } },
    { kind: 'resource-add-dependency', resource: GROUP.networkName, dependsOn: GROUP.ip },
    { kind: 'resource-create', resource: GROUP.disk, group: GROUP.name, type: 'Physical Disk' },
    { kind: 'resource-set-private', resource: GROUP.disk, properties: { Signature: role === 'source' ? 0x5a17e0e0 : 0x7a12e0e0, Drive: 'E:' } },
    { kind: 'resource-create', resource: GROUP.systemAttendant, group: GROUP.name, type: 'Microsoft Exchange System Attendant' },
    { kind: 'resource-add-dependency', resource: GROUP.systemAttendant, dependsOn: GROUP.networkName },
    { kind: 'resource-add-dependency', resource: GROUP.systemAttendant, dependsOn: GROUP.disk },
  ];
}

/** Builds the Exchange group through a cluster port (the lab adapter), offline. */
export async function buildExchangeGroup(port: ClusterPort, role: LabClusterRole): Promise<void> {
  for (const command of exchangeGroupCommands(role)) await port.run(command);
}

/** A lab cluster model with the Exchange group built (offline). */
export function exchangeClusterModel(role: LabClusterRole): MscsCluster {
  const model = createLabCluster(role);
  for (const command of exchangeGroupCommands(role)) model.apply(command);
  return model;
}

/** The directory's stores of a lab server as the lab's Exchange reads them (the seed's layout). */
export function seededStores(server: string, patchAllowed = false): DirectoryStore[] {
  const dns = exchangeDns();
  const serverEntry = { dn: dns.server(server), key: normalizeDn(dns.server(server)), name: server };
  return SEED_STORAGE_GROUPS.flatMap((group) =>
    group.stores.map((store) => {
      const dn = dns.store(server, group.name, storeName(store, server));
      return {
        dn,
        key: normalizeDn(dn),
        name: storeName(store, server),
        storageGroup: group.name,
        kind: store.kind === 'private' ? ('mailbox' as const) : ('public' as const),
        edbFile: store.edbFile,
        patchAllowed,
        server: serverEntry,
      };
    }),
  );
}
