import { readCluster } from '../../setup/steps/doubletake/node-reads';
import { engineAction, engineChecks, engineRecord, exchfailoverCommandLine } from '../runbook/runbook-engine';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { changesLeft, failbackRequest, nothingLeftCheck, type FailbackEngineDeps } from './engine-action';
import { findResource, guarded, messageOf } from './failback-actions';
import { failbackNames } from './failback-names';
import { QUEUE_RECORD, queueNotEmptyRefusal, readQueue } from './queue-drained';
import { describeConnection } from './reverse-connection';

/**
 * Guide 8 step 9b and 9d: `exchfailover -setup -failback` (only the overwrite-on-restore flag on the source's
 * stores, before its group comes online) and, once the source's stores are mounted, `exchfailover -failback`
 * (mailboxes, public folders, RUS, SPNs, routing master back to the source). Both with the ORIGINAL source and
 * target names (-s EXCHVS -t EXCHVS-DR), the pair document's -r rules, -norus and -nospn; journalled.
 */

export const EXCHFAILOVER_SETUP_FAILBACK = 'exchfailover-setup-failback';
export const EXCHFAILOVER_FAILBACK = 'exchfailover-failback';

/**
 * What stops the source from taking its databases back now, or undefined: data still on its way (bytes queued, the
 * reverse connection still there) or the target's Exchange still running.
 */
async function notReadyForFailback({ pair, world }: RunbookContext): Promise<string | undefined> {
  const names = failbackNames(pair);
  const queue = await readQueue(world, pair);
  if (queue.notEmpty !== undefined) return queueNotEmptyRefusal(queue.notEmpty);
  if (queue.found !== undefined) return `${describeConnection(queue.found)} is still connected: take "${names.resource}" offline first (step 8)`;
  const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
  const attendant = read.ok ? findResource(read.value, pair.target.systemAttendant.resourceName) : undefined;
  if (attendant !== undefined && attendant.state !== 'Offline') {
    return `"${attendant.name}" is ${attendant.state} on ${names.targetCluster}: the target's Exchange must be offline before the source takes its databases back (step 6)`;
  }
  return undefined;
}

export function exchfailoverSetupFailbackStep(deps: FailbackEngineDeps): RunbookStep {
  return {
    id: EXCHFAILOVER_SETUP_FAILBACK,
    title: 'exchfailover -setup -failback',
    guide: '8 step 9b',

    async plan(context) {
      const { pair, world } = context;
      const names = failbackNames(pair);
      let request;
      try {
        request = failbackRequest(pair, true);
      } catch (error) {
        return { actions: [], warnings: [], findings: [], refusal: messageOf(error) };
      }
      const findings: string[] = [];
      const inTheWay = await notReadyForFailback(context);
      if (inTheWay !== undefined) findings.push(`Not yet: ${inTheWay} (steps 6 to 8 see to it before this step runs).`);
      const queue = await readQueue(world, pair);
      const drained = context.recorded(QUEUE_RECORD) !== undefined;
      const left = await changesLeft(context, request, deps.runFailover);
      const toSet = 'left' in left ? left.left : undefined;
      const refusal =
        'problem' in left
          ? `${exchfailoverCommandLine({ ...request, test: true })} cannot plan: ${left.problem}.`
          : drained && queue.notEmpty !== undefined
            ? queueNotEmptyRefusal(queue.notEmpty)
            : undefined;
      return {
        actions: [
          guarded(engineAction({
            stepId: EXCHFAILOVER_SETUP_FAILBACK,
            request,
            description:
              toSet === 0
                ? `msExchPatchMDB is TRUE on every paired store of ${names.sourceServer}`
                : `Set msExchPatchMDB TRUE on ${toSet === undefined ? 'the' : toSet} store${toSet === 1 ? '' : 's'} of ${names.sourceServer}, so they mount with the data mirrored back`,
            needed: toSet !== 0,
            incident: deps.incident,
            runFailover: deps.runFailover,
          }), notReadyForFailback),
        ],
        warnings: [],
        findings: [...findings, `Run with System permission, as on the source node that will own "${names.sourceGroup}" (guide 8 step 9a).`],
        ...(refusal === undefined ? {} : { refusal }),
      };
    },

    async verify(context) {
      const request = failbackRequest(context.pair, true);
      const record = engineRecord(context, EXCHFAILOVER_SETUP_FAILBACK);
      const done = record === undefined ? [] : engineChecks(record, exchfailoverCommandLine(request));
      return [...done, await nothingLeftCheck(context, request, deps.runFailover)];
    },
  };
}

export function exchfailoverFailbackStep(deps: FailbackEngineDeps): RunbookStep {
  return {
    id: EXCHFAILOVER_FAILBACK,
    title: 'exchfailover -failback',
    guide: '8 step 9d',

    async plan(context) {
      const names = failbackNames(context.pair);
      let request;
      try {
        request = failbackRequest(context.pair, false);
      } catch (error) {
        return { actions: [], warnings: [], findings: [], refusal: messageOf(error) };
      }
      const record = engineRecord(context, EXCHFAILOVER_FAILBACK);
      return {
        actions: [
          engineAction({
            stepId: EXCHFAILOVER_FAILBACK,
            request,
            description: `Move every mailbox, the public folders, the RUS, the SPNs and the routing master from ${names.targetServer} back to ${names.sourceServer}`,
            needed: record?.status !== 'done',
            incident: deps.incident,
            runFailover: deps.runFailover,
          }),
        ],
        warnings: [],
        findings: [
          ...(record === undefined ? [] : [`An earlier attempt ended ${record.status} (journal ${record.journalFile ?? 'none'}); the engine carries on from what is in place.`]),
          `The overwrite-on-restore flags (msExchPatchMDB) stay set on the stores of ${names.sourceServer} and ${names.targetServer}: the utility sets them and never clears them.`,
        ],
      };
    },

    async verify(context) {
      const request = failbackRequest(context.pair, false);
      return [...engineChecks(engineRecord(context, EXCHFAILOVER_FAILBACK), exchfailoverCommandLine(request)), await nothingLeftCheck(context, request, deps.runFailover)];
    },
  };
}
