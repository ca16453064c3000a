import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { RunbookStep } from '../runbook/runbook-step';
import { clusterRunbookAction, findResource, guarded, sentence } from './failback-actions';
import { failbackNames } from './failback-names';
import { QUEUE_RECORD, queueNotEmptyRefusal, readQueue } from './queue-drained';
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
    if (!read.ok) return { actions: [], warnings: [], findings: [], refusal: `${sentence(read.problem)} The target cluster must answer.` };
    const resource = findResource(read.value, names.resource);
    const queue = await readQueue(world, pair);
    const drained = context.recorded(QUEUE_RECORD) !== undefined;
    const findings: string[] = [];
    if (queue.found !== undefined) findings.push(queue.notEmpty === undefined ? `${describeConnection(queue.found)}: the queue is empty.` : `${queue.notEmpty}; step 7 waits for it to drain.`);
    const offline = resource === undefined || resource.state === 'Offline';
    const action = guarded(
      clusterRunbookAction(
        port,
        { kind: 'resource-offline', resource: names.resource },
        offline ? `"${names.resource}" is ${resource === undefined ? 'not there' : 'offline'}` : `Take "${names.resource}" offline: its offline.dtcl disconnects ${queue.found === undefined ? 'the reverse connection' : describeConnection(queue.found)}`,
        !offline,
      ),
      async (run) => {
        const now = await readQueue(run.world, run.pair);
        return now.notEmpty === undefined ? undefined : queueNotEmptyRefusal(now.notEmpty);
      },
    );
    return {
      actions: [action],
      warnings: [],
      findings,
      // Once step 7 found the queue empty, bytes queued again (Exchange back online on the target?) stop the failback here.
      ...(drained && queue.notEmpty !== undefined ? { refusal: queueNotEmptyRefusal(queue.notEmpty) } : {}),
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
