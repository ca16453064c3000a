import { LAB, type LabClusterRole } from '../topology';
import { MscsCluster } from './mscs-cluster';

/**
 * The lab's two clusters as a fresh install leaves them: every node up, and the "Cluster Group" that cluster setup
 * creates (cluster IP address, cluster name, quorum disk) online on the first node. The Exchange group is left
 * for the setup steps to create. [assumed] addresses: source 10.0.0.0/24, target 10.1.0.0/24, network "Public".
 */
export function createLabCluster(role: LabClusterRole): MscsCluster {
  const side = role === 'source' ? LAB.source : LAB.target;
  const cluster = MscsCluster.create(side.cluster, side.nodes);
  const subnet = role === 'source' ? '10.0.0' : '10.1.0';
  cluster.createGroup('Cluster Group');
  cluster.setGroupDescription('Cluster Group', 'Cluster core resources');
  cluster.createResource('Cluster IP Address', 'Cluster Group', 'IP Address');
  cluster.setPrivateProperties('Cluster IP Address', {
    Address: `${subnet}.10`,
    SubnetMask: '255.255.255.0',
    Network: 'Public',
  });
  cluster.createResource('Cluster Name', 'Cluster Group', 'Network Name');
  cluster.setPrivateProperties('Cluster Name', { Name: side.cluster });
  cluster.addDependency('Cluster Name', 'Cluster IP Address');
  cluster.createResource('Disk Q:', 'Cluster Group', 'Physical Disk');
  cluster.setPrivateProperties('Disk Q:', { Signature: role === 'source' ? 0x5a17c0de : 0x7a12c0de, Drive: 'Q:' });
  cluster.onlineGroup('Cluster Group');
  return cluster;
}

/** Both lab clusters, keyed by cluster name (SRCCLUS, TGTCLUS). */
export function createLabClusters(): Map<string, MscsCluster> {
  const source = createLabCluster('source');
  const target = createLabCluster('target');
  return new Map([
    [source.name, source],
    [target.name, target],
  ]);
}
