/**
 * Failover step 6 (guide 7: "clients can connect through Outlook or Outlook Web Access"): every mailbox the target
 * virtual server should now serve can be opened there — in the lab the simulated client opens each; on a real pair
 * the program resolves each (homeMDB → store → server → its group online on a running node) and says that it did
 * not log on. When every one opens, the timeline gets `mailboxes-reachable`: the end of the recovery time.
 */
import type { MailboxCheck } from '../incident-world';
import type { RunbookStep } from '../runbook/runbook-step';
import type { VerifyCheck } from '../../contract/steps';

export const MAILBOXES_OPEN = 'mailboxes-open';

export function mailboxSummary(server: string, check: MailboxCheck): string {
  const how = check.method === 'opened' ? 'opened' : 'resolved to a mounted store on a running node (not logged on to)';
  const failures = check.failures.map((f) => `${f.mailbox}: ${f.reason}`);
  return `${check.opened} of ${check.total} mailbox${check.total === 1 ? '' : 'es'} of ${server} ${how}${failures.length > 0 ? `; cannot be opened: ${failures.join('; ')}${check.total - check.opened > failures.length ? '; …' : ''}` : ''}`;
}

const allOpen = (check: MailboxCheck): boolean => check.opened === check.total;

function checkOf(record: Readonly<Record<string, unknown>> | undefined): MailboxCheck | undefined {
  const value = record?.['mailboxes'];
  return typeof value === 'object' && value !== null ? (value as MailboxCheck) : undefined;
}

export const mailboxesOpen: RunbookStep = {
  id: MAILBOXES_OPEN,
  title: 'Open every mailbox on the target as a client would',
  guide: '7 (after the command completes, clients can connect)',
  async plan(context) {
    const server = context.pair.target.networkName.name;
    return {
      actions: [
        {
          tool: 'directory',
          target: server,
          command: `(for every mailbox whose homeMDB is a store of ${server}: resolve its store, server and node, and open it)`,
          description: `Try every mailbox on ${server}`,
          needed: true,
          async run(ctx) {
            const check = await ctx.world.exchange.openMailboxes(server, ctx.signal);
            await ctx.record(MAILBOXES_OPEN, { mailboxes: { ...check, failures: [...check.failures] } });
            ctx.log(allOpen(check) ? 'info' : 'warn', mailboxSummary(server, check));
            if (allOpen(check)) await ctx.timeline({ kind: 'mailboxes-reachable', server, count: check.total });
          },
        },
      ],
      warnings: [],
      findings: context.world.kind === 'real' ? ['On a real pair each mailbox is resolved, not logged on to: the program has no mailbox client.'] : [],
    };
  },
  async verify(context): Promise<VerifyCheck[]> {
    const server = context.pair.target.networkName.name;
    const check = checkOf(context.recorded(MAILBOXES_OPEN)) ?? (await context.world.exchange.openMailboxes(server, context.signal));
    return [
      { what: `Every mailbox of ${server} can be opened`, ok: allOpen(check) && check.total > 0, detail: check.total === 0 ? `No mailbox has its homeMDB on a store of ${server}.` : mailboxSummary(server, check) },
    ];
  },
};
