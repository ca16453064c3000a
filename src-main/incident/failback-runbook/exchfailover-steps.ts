import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { RunbookStep } from '../runbook/runbook-step';
import { engineAction, failbackRequest, verifyEngine } from './engine-action';
import { findResource, prerequisites } from './failback-actions';
import { failbackNames } from './failback-names';
import { queueNotEmptyRefusal, readQueue } from './queue-drained';
import { describeConnection } from './reverse-connection';

/**
 * Guide 8 step 9b and 9d: `exchfailover -setup -failback` (only the overwrite-on-restore flag on the source's
 * stores, before its group comes online) and, once the source's stores are mounted, `exchfailover -failback`
 * (mailboxes, public folders, RUS, SPNs, routing master back to the source). Both with the ORIGINAL source and
 * target names (-s EXCHVS -t EXCHVS-DR), the pair document's -r rules, -norus and -nospn; journalled.
 */

export const exchfailoverSetupFailbackStep: RunbookStep = {
  id: 'exchfailover-setup-failback',
  title: 'exchfailover -setup -failback',
  guide: '8 step 9b',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    const need = prerequisites(context);
    const queue = await readQueue(world, pair);
    if (queue.notEmpty !== undefined) need.missing(queueNotEmptyRefusal(queue.notEmpty));
    else if (queue.found !== undefined) need.missing(`${describeConnection(queue.found)} is still connected: take "${names.resource}" offline first (the previous step).`);
    const read = await readCluster(world.setup.target.cluster, () => world.setup.target.resources());
    const attendant = read.ok ? findResource(read.value, pair.target.systemAttendant.resourceName) : undefined;
    if (attendant !== undefined && attendant.state !== 'Offline') {
      need.missing(`"${attendant.name}" is ${attendant.state} on ${names.targetCluster}: the target's Exchange must be offline before the source takes its databases back (step 6).`);
    }
    return {
      actions: [engineAction(context, 'exchfailover-setup-failback', failbackRequest(pair, true), `Mark the stores of ${names.sourceServer} to be overwritten by a restore, so they mount with the data mirrored back`)],
      warnings: need.warnings,
      findings: [`Run with System permission on the source node that will own "${names.sourceGroup}" (guide 8 step 9a); the journal goes to the run's journal folder.`],
      ...(need.refusal === undefined ? {} : { refusal: need.refusal }),
    };
  },

  verify: (context) => verifyEngine(context, 'exchfailover-setup-failback', failbackRequest(context.pair, true)),
};

export const exchfailoverFailbackStep: RunbookStep = {
  id: 'exchfailover-failback',
  title: 'exchfailover -failback',
  guide: '8 step 9d',

  async plan(context) {
    const names = failbackNames(context.pair);
    return {
      actions: [
        engineAction(
          context,
          'exchfailover-failback',
          failbackRequest(context.pair, false),
          `Move every mailbox, the public folders, the RUS, the SPNs and the routing master from ${names.targetServer} back to ${names.sourceServer}`,
        ),
      ],
      warnings: [],
      findings: [],
    };
  },

  verify: (context) => verifyEngine(context, 'exchfailover-failback', failbackRequest(context.pair, false)),
};
