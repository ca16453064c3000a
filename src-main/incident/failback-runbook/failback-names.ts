/**
 * The names a failback works with, from the pair document: the ORIGINAL source and target (the utility's -s and -t
 * keep naming them on failback, as the application note's ExchFailover syntax notes say), the reverse Source
 * Connection (in the target's Exchange group, named as the source's), and the address it mirrors back to.
 */
import type { PairDocument } from '../../pair/pair-document-schema';

export interface FailbackNames {
  readonly sourceCluster: string;
  readonly targetCluster: string;
  readonly sourceGroup: string;
  readonly targetGroup: string;
  /** The original source's Exchange virtual server (exchfailover -s). */
  readonly sourceServer: string;
  /** The original target's Exchange virtual server (exchfailover -t). */
  readonly targetServer: string;
  /** The Double-Take Source Connection resource: the source's name, made in the target's group. */
  readonly resource: string;
  /** The replication set (exact, case-sensitive). */
  readonly replicationSet: string;
  /** Where the reverse connection mirrors to (`incident.failbackAddress`); undefined while the document has none. */
  readonly failbackAddress: string | undefined;
}

export function failbackNames(pair: PairDocument): FailbackNames {
  return {
    sourceCluster: pair.source.cluster.name,
    targetCluster: pair.target.cluster.name,
    sourceGroup: pair.source.group.name,
    targetGroup: pair.target.group.name,
    sourceServer: pair.source.networkName.name,
    targetServer: pair.target.networkName.name,
    resource: pair.source.sourceConnection.resourceName,
    replicationSet: pair.replicationSet.name,
    failbackAddress: pair.incident.failbackAddress,
  };
}

/** What to do when `incident.failbackAddress` is missing: the field to fill and what goes in it. */
export const MISSING_FAILBACK_ADDRESS =
  'The pair document has no failback address: fill incident.failbackAddress with an IPv4 address on the source cluster ' +
  'that is online while the source Exchange group stays offline (the source cluster\'s own IP address, or a node\'s), ' +
  'the address the target\'s reverse Source Connection mirrors to.';

/**
 * The pair document as the setup's 4.4/4.5 planners would see it if the target were the source: the target's
 * cluster, group, disks and nodes in the `source` side, with the Source Connection keeping its resource name and
 * pointing at the failback address. Used only to plan the reverse replication set and Source Connection.
 */
export function reversedPair(pair: PairDocument, failbackAddress: string): PairDocument {
  const { replicationIpAddress: _replication, ...targetSide } = pair.target;
  return {
    ...pair,
    source: {
      ...targetSide,
      sourceConnection: { resourceName: pair.source.sourceConnection.resourceName, targetAddress: failbackAddress },
    },
  };
}
