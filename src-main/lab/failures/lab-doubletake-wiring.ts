import { existsSync } from 'node:fs';
import { sameName } from '../../cluster/object-names';
import type { DoubleTakeLabOptions } from '../doubletake/doubletake-lab';
import type { ClusterData } from '../mscs/cluster-data';
import { readClusterStore } from '../mscs/cluster-store-file';
import { createLabClusters } from '../mscs/lab-clusters';
import type { LabFailure } from './lab-failure';
import { readLabFailures } from './lab-failures-file';
import { doubleTakeReach, systemAttendantOnline } from './lab-reach';
import { LAB } from '../topology';

/**
 * How the lab's Double-Take sees the rest of the lab, the same for the program, the dtcl.exe and cluster.exe
 * emulators and `exchange-ha lab fail|restore`: lab power, the targets it reaches (the link and a split cut the
 * clusters apart), the nodes where Exchange writes, and the wall clock lab time follows.
 */
export function labDoubleTakeWiring(
  clusters: () => readonly ClusterData[],
  failures: () => readonly LabFailure[],
  now: () => number = Date.now,
  isWriting?: (node: string) => boolean,
): Required<DoubleTakeLabOptions> {
  return {
    isNodeUp: (node) => clusters().some((c) => c.nodes.some((n) => sameName(n.name, node) && n.state !== 'Down')),
    isTargetReachable: (target, from) => doubleTakeReach(clusters(), failures())(target, from),
    isWriting: isWriting ?? ((node) => systemAttendantOnline(clusters())(node)),
    // [assumed] the target cluster's disks hold the copy Double-Take made of the source's data: Exchange writing
    // there after a failover, with nothing replicating them, is what a failback's difference mirror sends. The
    // source's own writes before its first mirror are not counted (the lab's setup mirror has nothing to send).
    holdsCopy: (node) => LAB.target.nodes.some((n) => sameName(n, node)),
    now,
  };
}

/**
 * The same, read from a lab folder's files as they are now: the clusters file (the lab's fresh clusters when there
 * is none) and `<lab>/failures.json`. For the emulators, which run once per call.
 */
export function labDoubleTakeWiringFromFiles(labFolder: string, clustersFile: string, now: () => number = Date.now): Required<DoubleTakeLabOptions> {
  const clusters = [...(existsSync(clustersFile) ? readClusterStore(clustersFile) : createLabClusters()).values()].map((m) => m.toJSON());
  const failures = readLabFailures(labFolder);
  return labDoubleTakeWiring(() => clusters, () => failures, now);
}
