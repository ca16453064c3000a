import type { SetupStep } from '../setup-step';
import { combinePlans } from './doubletake/node-reads';
import { planOnlineDtclActions, verifyOnlineDtclActions } from './doubletake/online-dtcl-actions';
import { planSourceConnectionResource, verifySourceConnectionResource } from './doubletake/source-connection-resource';

/**
 * Guide 4.5: the Double-Take Source Connection cluster resource in the Exchange group (created offline; step 6
 * brings the group online), then step 9 — online.dtcl's MIRROR START line gains ORPHANS on every source node,
 * each in the Double-Take folder the pair document records for it.
 */
export const sourceConnection: SetupStep = {
  id: '4.5',

  async plan({ pair, world }) {
    return combinePlans(await planSourceConnectionResource(pair, world.source), await planOnlineDtclActions(world, pair.source.cluster.nodes));
  },

  async verify({ pair, world }) {
    return [...(await verifySourceConnectionResource(pair, world.source)), ...(await verifyOnlineDtclActions(world, pair.source.cluster.nodes))];
  },
};
