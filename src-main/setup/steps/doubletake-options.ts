import type { PairDocument } from '../../pair/pair-document-schema';
import type { SetupStep } from '../setup-step';
import { combinePlans } from './doubletake/node-reads';
import { planNodeOptions, verifyNodeOptions } from './doubletake/node-options';
import { planOnlineDtclActions, verifyOnlineDtclActions } from './doubletake/online-dtcl-actions';

/**
 * Guide 4.3 and 5.3: on every node of the cluster, Double-Take's AutoReconnect = 0 and ChecksumAll = 1 (one DTCL
 * script per node, only the options that differ). 5.3 also patches online.dtcl on every target node, since the
 * target nodes run the reverse Source Connection at failback (guide 8) and need the ORPHANS mirror too.
 */

const nodeNames = (side: PairDocument['source'] | PairDocument['target']): string[] => side.cluster.nodes.map((node) => node.name);

/** 4.3: the source nodes' options. */
export const sourceDoubleTakeOptions: SetupStep = {
  id: '4.3',
  async plan({ pair, world }) {
    return await planNodeOptions(world, nodeNames(pair.source));
  },
  async verify({ pair, world }) {
    return await verifyNodeOptions(world, nodeNames(pair.source));
  },
};

/** 5.3: the target nodes' options, and online.dtcl's ORPHANS on every target node. */
export const targetDoubleTakeOptions: SetupStep = {
  id: '5.3',
  async plan({ pair, world }) {
    return combinePlans(await planNodeOptions(world, nodeNames(pair.target)), await planOnlineDtclActions(world, pair.target.cluster.nodes));
  },
  async verify({ pair, world }) {
    return [...(await verifyNodeOptions(world, nodeNames(pair.target))), ...(await verifyOnlineDtclActions(world, pair.target.cluster.nodes))];
  },
};
