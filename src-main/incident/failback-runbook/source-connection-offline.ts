import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { RunbookStep } from '../runbook/runbook-step';
import { clusterRunbookAction, findResource, prerequisites } from './failback-actions';
import { failbackNames } from './failback-names';
import { queueNotEmptyRefusal, readQueue } from './queue-drained';
import { describeConnection } from './reverse-connection';

/**
 * Guide 8 step 8: once every byte reached the source, the reverse Source Connection resource goes offline (its
 * offline.dtcl disconnects the connection). Refused while the queue is not empty.
 */
export const sourceConnectionOfflineStep: RunbookStep = {
  id: 'source-connection-offline',
  title: 'The Source Connection on the target offline',
  guide: '8 step 8',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    const port = world.setup.target;
    const read = await readCluster(port.cluster, () => port.resources());
    if (!read.ok) return { actions: [], warnings: [], findings: [], refusal: `${read.problem}. The target cluster must answer.` };
    const resource = findResource(read.value, names.resource);
    const need = prerequisites(context);
    const queue = await readQueue(world, pair);
    if (queue.notEmpty !== undefined) need.missing(queueNotEmptyRefusal(queue.notEmpty));
    const offline = resource === undefined || resource.state === 'Offline';
    return {
      actions: [
        clusterRunbookAction(
          port,
          { kind: 'resource-offline', resource: names.resource },
          offline ? `"${names.resource}" is ${resource === undefined ? 'not there' : 'offline'}` : `Take "${names.resource}" offline: its offline.dtcl disconnects ${queue.found === undefined ? 'the reverse connection' : describeConnection(queue.found)}`,
          !offline,
        ),
      ],
      warnings: need.warnings,
      findings: queue.found !== undefined && queue.notEmpty === undefined ? [`${describeConnection(queue.found)}: the queue is empty.`] : [],
      ...(need.refusal === undefined ? {} : { refusal: need.refusal }),
    };
  },

  async verify({ pair, world }) {
    const names = failbackNames(pair);
    const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
    const resource = read.ok ? findResource(read.value, names.resource) : undefined;
    const queue = await readQueue(world, pair);
    return [
      {
        what: `${names.targetCluster}: "${names.resource}" is offline`,
        ok: read.ok && (resource === undefined || resource.state === 'Offline'),
        detail: !read.ok ? read.problem : resource === undefined ? 'There is no such resource.' : `"${resource.name}" is ${resource.state}.`,
      },
      {
        what: `No target node replicates "${names.replicationSet}" to ${names.failbackAddress ?? '(no failback address)'} any more`,
        ok: queue.found === undefined,
        detail: queue.found === undefined ? 'No such connection.' : `${describeConnection(queue.found)} is still there.`,
      },
    ];
  },
};
