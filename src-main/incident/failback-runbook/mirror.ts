import type { VerifyCheck } from '../../contract/steps';
import { readCluster } from '../../setup/steps/doubletake/node-reads';
import { waitUntil } from '../runbook/runbook-helpers';
import type { RunbookAction, RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { clusterRunbookAction, findResource, formatBytes, providedBy, sentence } from './failback-actions';
import { failbackNames, MISSING_FAILBACK_ADDRESS } from './failback-names';
import { connectionListLines, describeConnection, mirrorProgress, RateMeter, readReverseConnections, type ReverseConnection } from './reverse-connection';

/**
 * Guide 8 steps 4 and 5: the reverse Source Connection resource online (its online.dtcl connects the replication
 * set to the failback address and starts the mirror), then the mirror followed to completion from the target
 * nodes' Double-Take connections: bytes, percent, rate, time left. Users keep working on the target meanwhile.
 */

/** How often the connection is read while the mirror runs. */
export const MIRROR_POLL_MS = 2_000;
/** A mirror of a whole Exchange volume over a WAN may take long. */
export const MIRROR_TIMEOUT_MS = 24 * 60 * 60_000;

/** The step's data for later steps and the report. */
export const MIRROR_RECORD = 'mirror';

function mirrorWait(context: RunbookContext, needed: boolean): RunbookAction {
  const { pair, world } = context;
  const names = failbackNames(pair);
  const nodes = pair.target.cluster.nodes.map((n) => n.name);
  return {
    tool: 'wait',
    target: names.targetCluster,
    command: nodes.map((node) => connectionListLines(world, node)).join('\n'),
    description: `Wait for the mirror of "${names.replicationSet}" to ${names.failbackAddress ?? '(no failback address)'} to complete (read every ${MIRROR_POLL_MS / 1000} s on ${nodes.join(', ')}); users may keep working on ${names.targetServer}`,
    needed,
    timeoutMs: MIRROR_TIMEOUT_MS,
    async run(run) {
      const meter = new RateMeter(run.world.now);
      const startedAt = run.world.now().toISOString();
      const done = await waitUntil<ReverseConnection | undefined>(run, {
        what: `the mirror to ${names.failbackAddress ?? ''} to complete`,
        timeoutMs: MIRROR_TIMEOUT_MS,
        intervalMs: MIRROR_POLL_MS,
        async poll() {
          const resources = await run.world.setup.target.resources();
          const resource = findResource(resources, names.resource);
          if (resource?.state === 'Failed') {
            throw new Error(`${names.targetCluster}: "${names.resource}" failed to come online (its online.dtcl could not connect or start the mirror); read Double-Take's log on its owner ${resource.owner ?? ''}.`);
          }
          const [found] = (await readReverseConnections(run.world, run.pair)).found;
          if (found === undefined) {
            return { done: false, value: undefined, progress: { what: `Mirror to ${names.failbackAddress ?? ''}`, text: 'waiting for the connection to be made' } };
          }
          const progress = mirrorProgress(found, meter.read(found.connection.mirroredBytes, 'rising'));
          return { done: found.connection.mirrorState === 'complete', value: found, progress };
        },
        describe: (last) => (last === undefined ? 'no connection was made' : `${describeConnection(last)}: mirror ${last.connection.mirrorState}, ${formatBytes(last.connection.mirroredBytes)} of ${formatBytes(last.connection.bytesToMirror)}`),
      });
      if (done !== undefined) {
        await run.record(MIRROR_RECORD, { node: done.node, connection: done.connection.id, bytes: done.connection.bytesToMirror, startedAt, completedAt: run.world.now().toISOString() });
        run.log('info', `Mirror complete: ${describeConnection(done)}, ${formatBytes(done.connection.bytesToMirror)}.`);
      }
    },
  };
}

export const mirrorStep: RunbookStep = {
  id: 'mirror',
  title: 'Mirror the target back to the source',
  guide: '8 steps 4-5',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    if (names.failbackAddress === undefined) return { actions: [], warnings: [], findings: [], refusal: MISSING_FAILBACK_ADDRESS };
    const port = world.setup.target;
    const findings: string[] = [];
    const read = await readCluster(port.cluster, () => port.resources());
    if (!read.ok) return { actions: [], warnings: [], findings, refusal: `${sentence(read.problem)} The target cluster must answer to mirror back.` };
    const resource = findResource(read.value, names.resource);
    if (resource === undefined) findings.push(providedBy(`${names.targetCluster} has no resource "${names.resource}" yet`, '3'));
    const online = resource?.state === 'Online';
    const connections = await readReverseConnections(world, pair);
    const [found] = connections.found;
    if (found !== undefined) findings.push(`${describeConnection(found)}: mirror ${found.connection.mirrorState}, ${mirrorProgress(found, undefined).text}.`);
    findings.push(...connections.unread);
    const complete = online && found?.connection.mirrorState === 'complete';
    return {
      actions: [
        clusterRunbookAction(
          port,
          { kind: 'resource-online', resource: names.resource },
          online ? `"${names.resource}" is online` : `Bring "${names.resource}" online on ${names.targetCluster}: its online.dtcl connects "${names.replicationSet}" to ${names.failbackAddress} and starts the mirror`,
          !online,
        ),
        mirrorWait(context, !complete),
      ],
      warnings: [],
      findings,
    };
  },

  async verify({ pair, world }) {
    const names = failbackNames(pair);
    const checks: VerifyCheck[] = [];
    const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
    const resource = read.ok ? findResource(read.value, names.resource) : undefined;
    checks.push({
      what: `${names.targetCluster}: "${names.resource}" is online`,
      ok: resource?.state === 'Online',
      detail: !read.ok ? read.problem : resource === undefined ? `${names.targetCluster} has no resource "${names.resource}".` : `"${resource.name}" is ${resource.state}.`,
    });
    const [found] = (await readReverseConnections(world, pair)).found;
    checks.push({
      what: `A target node's connection of "${names.replicationSet}" to ${names.failbackAddress ?? '(no failback address)'} has completed its mirror`,
      ok: found?.connection.mirrorState === 'complete',
      detail: found === undefined ? 'No such connection on any target node.' : `${describeConnection(found)}: mirror ${found.connection.mirrorState}, ${mirrorProgress(found, undefined).text}.`,
    });
    return checks;
  },
};
