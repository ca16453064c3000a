import type { PrivateValue } from '../../../cluster/port';
import type { PairIpAddressResource, PairSourceSide } from '../../../pair/pair-document-schema';

/**
 * The Exchange virtual server's resources as the pair document wants them (guide 4.2, repeated on the target in
 * 5.2): one description per resource that both the source steps and the target step plan and verify against.
 */

/** The resource type names MSCS and cluster.exe use (`cluster res "X" /create /type:"IP Address"`). */
export const RESOURCE_TYPE = {
  ipAddress: 'IP Address',
  networkName: 'Network Name',
  physicalDisk: 'Physical Disk',
  systemAttendant: 'Microsoft Exchange System Attendant',
} as const;

/** A resource another one must depend on, with the type it must have. */
export interface WantedDependency {
  readonly name: string;
  readonly type: string;
}

/** A resource as a step wants it: what it is, where, its private properties, dependencies and state. */
export interface WantedResource {
  readonly name: string;
  readonly type: string;
  readonly group: string;
  /** Only the properties the guide's dialogs set; other properties the resource has are left as they are. */
  readonly privateProperties: Readonly<Record<string, PrivateValue>>;
  readonly dependencies: readonly WantedDependency[];
  /** Every resource is wanted with every node of its cluster as a possible owner (the dialogs' default). */
  readonly state: 'Online' | 'Offline';
}

/** The part of a pair side (source or target) that describes the virtual server; both sides have it. */
export type VirtualServerSide = Pick<PairSourceSide, 'cluster' | 'group' | 'ipAddress' | 'networkName' | 'physicalDisks' | 'systemAttendant'>;

export type WantedState = WantedResource['state'];

/**
 * An IP Address resource (guide 4.2.2, and the target's replication address in 5.2 step 2): Address, SubnetMask
 * and Network from the TCP/IP Address Parameters dialog, no dependencies. EnableNetBIOS is not set: the guide's
 * text does not mention it, so the cluster's default stays.
 */
export function ipAddressResource(group: string, ip: PairIpAddressResource, state: WantedState): WantedResource {
  return {
    name: ip.resourceName,
    type: RESOURCE_TYPE.ipAddress,
    group,
    privateProperties: { Address: ip.address, SubnetMask: ip.subnetMask, Network: ip.network },
    dependencies: [],
    state,
  };
}

/** The Network Name resource (guide 4.2.3): the virtual server's NetBIOS name, depending on the IP Address. */
export function networkNameResource(side: VirtualServerSide, state: WantedState): WantedResource {
  return {
    name: side.networkName.resourceName,
    type: RESOURCE_TYPE.networkName,
    group: side.group.name,
    privateProperties: { Name: side.networkName.name },
    dependencies: [{ name: side.ipAddress.resourceName, type: RESOURCE_TYPE.ipAddress }],
    state,
  };
}

/** The Physical Disk resources (guide 4.2.4, one per disk): Signature (DWORD) and Drive (`E:`), no dependencies. */
export function physicalDiskResources(side: VirtualServerSide, state: WantedState): WantedResource[] {
  return side.physicalDisks.map((disk) => ({
    name: disk.resourceName,
    type: RESOURCE_TYPE.physicalDisk,
    group: side.group.name,
    privateProperties: { Signature: disk.signature, Drive: `${disk.drive.toUpperCase()}:` },
    dependencies: [],
    state,
  }));
}

/**
 * The Exchange System Attendant (guide 4.2.5): depends on the Network Name and every Physical Disk. Its data path
 * is asked by the resource's own wizard page, not a private property the lab's resource type knows, so it is not
 * set here (the steps report it as a finding).
 */
export function systemAttendantResource(side: VirtualServerSide, state: WantedState): WantedResource {
  return {
    name: side.systemAttendant.resourceName,
    type: RESOURCE_TYPE.systemAttendant,
    group: side.group.name,
    privateProperties: {},
    dependencies: [
      { name: side.networkName.resourceName, type: RESOURCE_TYPE.networkName },
      ...side.physicalDisks.map((disk) => ({ name: disk.resourceName, type: RESOURCE_TYPE.physicalDisk })),
    ],
    state,
  };
}

/** Every resource of the virtual server in creation order (IP, Network Name, disks, System Attendant). */
export function virtualServerResources(side: VirtualServerSide, state: WantedState): WantedResource[] {
  return [
    ipAddressResource(side.group.name, side.ipAddress, state),
    networkNameResource(side, state),
    ...physicalDiskResources(side, state),
    systemAttendantResource(side, state),
  ];
}

/** The finding every System Attendant plan carries: where its data path is entered. */
export function systemAttendantDataPathFinding(side: VirtualServerSide, cluster: string): string {
  return (
    `The System Attendant's data path ${side.systemAttendant.dataPath} is entered on the resource's own wizard page ` +
    `(guide 4.2.5 step 5); cluster.exe sets no private property for it, so check it in Cluster Administrator on ` +
    `${cluster} (resource "${side.systemAttendant.resourceName}", Properties, Parameters).`
  );
}
