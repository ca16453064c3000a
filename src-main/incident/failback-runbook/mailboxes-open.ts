import type { MailboxCheck } from '../incident-world';
import type { RunbookStep } from '../runbook/runbook-step';
import { failbackNames } from './failback-names';

/**
 * Guide 8 step 9 (the end: "clients can connect"): every mailbox opened on the source as a client would (homeMDB →
 * store → server → the node that runs it); the timeline gets `mailboxes-reachable`, which ends the failback's
 * recovery time.
 */

export const MAILBOXES_TIMEOUT_MS = 10 * 60_000;

function describeCheck(check: MailboxCheck): string {
  const how = check.method === 'opened' ? 'opened' : 'resolved to a mounted store on a running node';
  const failures = check.failures.slice(0, 5).map((f) => `${f.mailbox}: ${f.reason}`);
  return `${check.opened} of ${check.total} mailboxes ${how}${failures.length > 0 ? `; ${failures.join('; ')}` : ''}`;
}

export const mailboxesOpenStep: RunbookStep = {
  id: 'mailboxes-open',
  title: 'Every mailbox opens on the source',
  guide: '8 step 9',

  async plan({ pair }) {
    const names = failbackNames(pair);
    return {
      actions: [
        {
          tool: 'directory',
          target: names.sourceServer,
          command: `Open every mailbox whose homeMDB is a store of ${names.sourceServer}`,
          description: `Check that every mailbox can be opened on ${names.sourceServer}`,
          needed: true,
          timeoutMs: MAILBOXES_TIMEOUT_MS,
          async run(run) {
            const check = await run.world.exchange.openMailboxes(names.sourceServer, run.signal);
            if (check.total === 0 || check.opened < check.total) {
              throw new Error(`Not every mailbox can be opened on ${names.sourceServer}: ${check.total === 0 ? 'no mailbox is homed on its stores' : describeCheck(check)}.`);
            }
            await run.record('mailboxes-open', { total: check.total, method: check.method, at: run.world.now().toISOString() });
            await run.timeline({ kind: 'mailboxes-reachable', server: names.sourceServer, count: check.total });
            run.log('info', `${describeCheck(check)}.`);
          },
        },
      ],
      warnings: [],
      findings: [],
    };
  },

  async verify({ pair, world, signal }) {
    const names = failbackNames(pair);
    const check = await world.exchange.openMailboxes(names.sourceServer, signal);
    return [{ what: `Every mailbox opens on ${names.sourceServer}`, ok: check.total > 0 && check.opened === check.total, detail: `${describeCheck(check)}.` }];
  },
};
