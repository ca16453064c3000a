import { LAB } from './topology';
import type { PairDocument } from '../pair/pair-document-schema';

/**
 * The pair document of the lab: the names of lab/topology.ts and the addresses of lab/mscs/lab-clusters.ts
 * (source 10.0.0.0/24, target 10.1.0.0/24, network "Public", the clusters' own addresses at .10).
 * [assumed] client addresses .20 on each side, the target's replication address 10.1.0.21, and the Exchange
 * disks' signatures 0x5A17E0E0 (source) and 0x7A12E0E0 (target), distinct from the quorum disks' signatures.
 */

/** The lab's source Exchange disk (drive E) signature. */
export const LAB_SOURCE_EXCHANGE_DISK_SIGNATURE = 0x5a17e0e0;
/** The lab's target Exchange disk (drive E) signature. */
export const LAB_TARGET_EXCHANGE_DISK_SIGNATURE = 0x7a12e0e0;

/** A complete, valid pair document for the lab; a new object on every call. */
export function labPairDocument(): PairDocument {
  const side = (role: 'source' | 'target') => {
    const lab = LAB[role];
    const subnet = role === 'source' ? '10.0.0' : '10.1.0';
    return {
      cluster: {
        name: lab.cluster,
        nodes: lab.nodes.map((name) => ({ name, doubleTakeFolder: LAB.doubleTakeFolder })),
      },
      group: { name: 'Exchange Group', description: `Exchange virtual server ${lab.virtualServer}` },
      ipAddress: { resourceName: 'Exchange IP Address', address: `${subnet}.20`, subnetMask: '255.255.255.0', network: 'Public' },
      networkName: { resourceName: 'Exchange Network Name', name: lab.virtualServer },
      physicalDisks: [
        {
          resourceName: `Disk ${LAB.exchangeDrive}:`,
          drive: LAB.exchangeDrive,
          signature: role === 'source' ? LAB_SOURCE_EXCHANGE_DISK_SIGNATURE : LAB_TARGET_EXCHANGE_DISK_SIGNATURE,
        },
      ],
      systemAttendant: { resourceName: 'Exchange System Attendant', dataPath: LAB.exchangeDataPath },
    };
  };
  const replicationAddress = '10.1.0.21';
  return {
    version: 1,
    source: {
      ...side('source'),
      sourceConnection: { resourceName: 'Double-Take Source Connection', targetAddress: replicationAddress },
    },
    target: {
      ...side('target'),
      replicationIpAddress: {
        resourceName: 'Double-Take Replication IP Address',
        address: replicationAddress,
        subnetMask: '255.255.255.0',
        network: 'Public',
      },
    },
    replicationSet: {
      name: 'Exchange',
      rules: [{ path: LAB.exchangeDataPath, mode: 'include', recursive: true }],
    },
    monitor: {
      monitoredAddress: '10.0.0.20',
      monitoredName: LAB.source.virtualServer,
      clearItemsToFailover: true,
      useShrShareMapping: false,
      // Short, so that a new user lives through a whole incident in the lab in seconds (Time to Fail 6 s).
      intervalSeconds: 2,
      missedReplies: 3,
      probe: { kind: 'icmp' },
      secondPath: 'source-cluster',
    },
    incident: {
      rules: [],
      noRus: false,
      noSpn: false,
      // The source cluster's own address (Cluster Group), online while the source's Exchange group stays offline.
      failbackAddress: '10.0.0.10',
      guardMinutes: 60,
    },
  };
}
