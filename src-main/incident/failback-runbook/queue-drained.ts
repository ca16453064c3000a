import type { VerifyCheck } from '../../contract/steps';
import { sameClusterName } from '../../setup/setup-actions';
import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { IncidentWorld } from '../incident-world';
import { waitUntil } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { formatBytes, providedBy } from './failback-actions';
import { failbackNames } from './failback-names';
import { MIRROR_RECORD } from './mirror';
import { connectionListLines, describeConnection, queueProgress, RateMeter, readReverseConnections, type ReverseConnection } from './reverse-connection';
import type { PairDocument } from '../../pair/pair-document-schema';

/**
 * Guide 8 step 7: Queued Replication Bytes of the reverse connection drained to zero (progress after every read:
 * bytes left and the rate, which the panel draws as a chart), then Double-Take's log on the active node of the
 * production cluster read for write errors. The failback does not go on while the queue is not empty.
 */

export const QUEUE_POLL_MS = 2_000;
export const QUEUE_TIMEOUT_MS = 2 * 60 * 60_000;
export const QUEUE_RECORD = 'queue-drained';

/** What is left to send: the connection, its queue and whether its mirror still runs. */
export interface QueueState {
  readonly found: ReverseConnection | undefined;
  /** Why the failback must not go on now (bytes queued, a mirror running), or undefined when drained. */
  readonly notEmpty: string | undefined;
}

export async function readQueue(world: IncidentWorld, pair: PairDocument): Promise<QueueState> {
  const [found] = (await readReverseConnections(world, pair)).found;
  if (found === undefined) return { found, notEmpty: undefined };
  const { queuedReplicationBytes, mirrorState } = found.connection;
  if (queuedReplicationBytes > 0) {
    return { found, notEmpty: `${describeConnection(found)} still has ${formatBytes(queuedReplicationBytes)} (${queuedReplicationBytes} bytes) of Queued Replication Bytes` };
  }
  if (mirrorState === 'started') return { found, notEmpty: `${describeConnection(found)} is still mirroring` };
  return { found, notEmpty: undefined };
}

/** The refusal of a failback while data is still on its way to the source. */
export function queueNotEmptyRefusal(notEmpty: string): string {
  return `Failback is refused while the queue is not empty: ${notEmpty}. Taking the Source Connection offline now would lose those changes; wait for it to drain to zero (the previous step waits for it).`;
}

/**
 * The production cluster's active node, whose Double-Take receives the reverse connection: the node owning the
 * resource that holds the failback address; without one, every source node that is up.
 */
export async function activeSourceNodes(world: IncidentWorld, pair: PairDocument): Promise<string[]> {
  const names = failbackNames(pair);
  const port = world.setup.source;
  const read = await readCluster(port.cluster, async () => ({ resources: await port.resources(), nodes: await port.nodes() }));
  if (!read.ok) return pair.source.cluster.nodes.map((n) => n.name);
  const holder = read.value.resources.find((r) => {
    const address = Object.entries(r.privateProperties).find(([key]) => sameClusterName(key, 'Address'))?.[1];
    return address === names.failbackAddress && r.state === 'Online';
  });
  if (holder?.owner !== undefined) return [holder.owner];
  return read.value.nodes.filter((n) => n.state === 'Up').map((n) => n.name);
}

async function drain(run: RunbookContext): Promise<void> {
  const names = failbackNames(run.pair);
  const meter = new RateMeter(run.world.now);
  const drained = await waitUntil<ReverseConnection | undefined>(run, {
    what: `the Queued Replication Bytes to ${names.failbackAddress ?? ''} to reach zero`,
    timeoutMs: QUEUE_TIMEOUT_MS,
    intervalMs: QUEUE_POLL_MS,
    async poll() {
      const state = await readQueue(run.world, run.pair);
      if (state.found === undefined) throw new Error(`No target node has a connection of "${names.replicationSet}" to ${names.failbackAddress ?? ''}: "${names.resource}" went offline before the queue drained.`);
      const progress = queueProgress(state.found, meter.read(state.found.connection.queuedReplicationBytes, 'falling'));
      return { done: state.notEmpty === undefined, value: state.found, progress };
    },
    describe: (last) => (last === undefined ? 'no connection' : `${formatBytes(last.connection.queuedReplicationBytes)} still queued on ${describeConnection(last)}`),
  });
  const since = String(run.recorded(MIRROR_RECORD)?.['startedAt'] ?? new Date(run.world.now().getTime() - 24 * 60 * 60_000).toISOString());
  const nodes = await activeSourceNodes(run.world, run.pair);
  const errors: string[] = [];
  const read: string[] = [];
  for (const node of nodes) {
    const report = await run.world.doubleTakeLog(node, since, run.signal);
    read.push(`${report.node} (${report.source})`);
    errors.push(...report.writeErrors.map((line) => `${report.node}: ${line}`));
  }
  if (errors.length > 0) {
    throw new Error(
      `Double-Take's log on ${nodes.join(', ')} has ${errors.length} write error${errors.length === 1 ? '' : 's'} since ${since}: ${errors.slice(0, 5).join(' | ')}${errors.length > 5 ? ' …' : ''}. ` +
        'The source may lack data the target has: find out why (disk space, permissions) and mirror again before failing back.',
    );
  }
  await run.record(QUEUE_RECORD, { drainedAt: run.world.now().toISOString(), connection: drained?.connection.id ?? 0, node: drained?.node ?? '', logsRead: read });
  run.log('info', `The queue is empty and Double-Take's log on ${read.join(', ')} has no write error.`);
}

/** The logs a drained queue's record says were read, in words. */
const logsRead = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(', ') : 'the active node');

export const queueDrainedStep: RunbookStep = {
  id: 'queue-drained',
  title: 'The queue drained to the source, no write errors',
  guide: '8 step 7',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    const state = await readQueue(world, pair);
    const findings: string[] = [];
    if (state.found === undefined) findings.push(providedBy(`No target node has a connection of "${names.replicationSet}" to ${names.failbackAddress ?? '(no failback address)'} yet`, '4'));
    else findings.push(state.notEmpty === undefined ? `${describeConnection(state.found)}: the queue is empty.` : `${state.notEmpty}.`);
    const nodes = pair.target.cluster.nodes.map((n) => n.name);
    const logNodes = await activeSourceNodes(world, pair);
    return {
      actions: [
        {
          tool: 'wait',
          target: state.found?.node ?? names.targetCluster,
          command: (state.found === undefined ? nodes : [state.found.node]).map((node) => connectionListLines(world, node)).join('\n'),
          description: `Wait until Queued Replication Bytes is 0 (read every ${QUEUE_POLL_MS / 1000} s), then read Double-Take's log on ${logNodes.join(', ')} for write errors`,
          needed: true,
          timeoutMs: QUEUE_TIMEOUT_MS,
          run: drain,
        },
      ],
      warnings: [],
      findings,
    };
  },

  async verify(context) {
    const recorded = context.recorded(QUEUE_RECORD);
    const state = await readQueue(context.world, context.pair);
    const checks: VerifyCheck[] = [
      {
        what: 'Queued Replication Bytes of the reverse connection is 0',
        ok: state.notEmpty === undefined && (state.found !== undefined || recorded !== undefined),
        detail: state.notEmpty ?? (state.found === undefined ? (recorded === undefined ? 'No reverse connection on any target node.' : `Drained at ${String(recorded['drainedAt'])}; the connection is gone.`) : `${describeConnection(state.found)}: 0 bytes queued.`),
      },
      {
        what: "Double-Take's log on the source's active node has no write error",
        ok: recorded !== undefined,
        detail: recorded === undefined ? 'Not read yet.' : `Read on ${logsRead(recorded['logsRead'])}: no write error.`,
      },
    ];
    return checks;
  },
};
