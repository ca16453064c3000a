import { readCluster } from '../../setup/steps/doubletake/node-reads';
import { engineAction, engineChecks, engineRecord, exchfailoverCommandLine } from '../runbook/runbook-engine';
import type { RunbookStep } from '../runbook/runbook-step';
import { changesLeft, failbackRequest, nothingLeftCheck, type FailbackEngineDeps } from './engine-action';
import { findResource, messageOf, prerequisites } from './failback-actions';
import { failbackNames } from './failback-names';
import { queueNotEmptyRefusal, readQueue } from './queue-drained';
import { describeConnection } from './reverse-connection';

/**
 * Guide 8 step 9b and 9d: `exchfailover -setup -failback` (only the overwrite-on-restore flag on the source's
 * stores, before its group comes online) and, once the source's stores are mounted, `exchfailover -failback`
 * (mailboxes, public folders, RUS, SPNs, routing master back to the source). Both with the ORIGINAL source and
 * target names (-s EXCHVS -t EXCHVS-DR), the pair document's -r rules, -norus and -nospn; journalled.
 */

export const EXCHFAILOVER_SETUP_FAILBACK = 'exchfailover-setup-failback';
export const EXCHFAILOVER_FAILBACK = 'exchfailover-failback';

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
      const need = prerequisites(context);
      const queue = await readQueue(world, pair);
      if (queue.notEmpty !== undefined) need.missing(queueNotEmptyRefusal(queue.notEmpty));
      else if (queue.found !== undefined) need.missing(`${describeConnection(queue.found)} is still connected: take "${names.resource}" offline first (the previous step).`);
      const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
      const attendant = read.ok ? findResource(read.value, pair.target.systemAttendant.resourceName) : undefined;
      if (attendant !== undefined && attendant.state !== 'Offline') {
        need.missing(`"${attendant.name}" is ${attendant.state} on ${names.targetCluster}: the target's Exchange must be offline before the source takes its databases back (step 6).`);
      }
      const left = await changesLeft(context, request, deps.runFailover);
      if ('problem' in left) need.missing(`${exchfailoverCommandLine({ ...request, test: true })} cannot plan: ${left.problem}.`);
      const toSet = 'left' in left ? left.left : undefined;
      return {
        actions: [
          engineAction({
            stepId: EXCHFAILOVER_SETUP_FAILBACK,
            request,
            description:
              toSet === 0
                ? `msExchPatchMDB is TRUE on every paired store of ${names.sourceServer}`
                : `Set msExchPatchMDB TRUE on ${toSet === undefined ? 'the' : toSet} store${toSet === 1 ? '' : 's'} of ${names.sourceServer}, so they mount with the data mirrored back`,
            needed: toSet !== 0,
            incident: deps.incident,
            runFailover: deps.runFailover,
          }),
        ],
        warnings: need.warnings,
        findings: [`Run with System permission, as on the source node that will own "${names.sourceGroup}" (guide 8 step 9a).`],
        ...(need.refusal === undefined ? {} : { refusal: need.refusal }),
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
        findings: record === undefined ? [] : [`An earlier attempt ended ${record.status} (journal ${record.journalFile ?? 'none'}); the engine carries on from what is in place.`],
      };
    },

    async verify(context) {
      const request = failbackRequest(context.pair, false);
      return [...engineChecks(engineRecord(context, EXCHFAILOVER_FAILBACK), exchfailoverCommandLine(request)), await nothingLeftCheck(context, request, deps.runFailover)];
    },
  };
}
