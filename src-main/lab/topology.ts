/**
 * The lab's fixed names, in one place: every lab module (MSCS, Double-Take, node disks, directory) and every test
 * takes them from here so the pieces agree.
 */
export const LAB = {
  domain: { dnsName: 'lab.local', netbios: 'LAB', dn: 'DC=lab,DC=local' },
  organization: 'Lab Organization',
  administrativeGroup: 'First Administrative Group',
  routingGroup: 'First Routing Group',
  source: {
    cluster: 'SRCCLUS',
    nodes: ['SRC1', 'SRC2'] as const,
    /** The Exchange virtual server (Network Name) the source cluster runs. */
    virtualServer: 'EXCHVS',
  },
  target: {
    cluster: 'TGTCLUS',
    nodes: ['TGT1', 'TGT2'] as const,
    virtualServer: 'EXCHVS-DR',
  },
  /** Where Double-Take is installed on every node (installation default). */
  doubleTakeFolder: 'C:\\Program Files\\DoubleTake',
  /** The shared cluster disk holding Exchange's data on each cluster. */
  exchangeDrive: 'E',
  exchangeDataPath: 'E:\\Exchsrvr',
} as const;

export type LabClusterRole = 'source' | 'target';
export const ALL_LAB_NODES: readonly string[] = [...LAB.source.nodes, ...LAB.target.nodes];
