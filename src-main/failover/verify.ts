/**
 * Verification after the changes: reads the directory again and checks that the run did what it planned.
 *  - Mailboxes per store on both servers (one paged search counting users by homeMDB, streamed, nothing held);
 *    no mailbox is left on a store of the server being left; every mailbox on a partner store names the arriving
 *    server's MTA and legacyExchangeDN (this is "every planned mailbox change is present" without holding the plan).
 *  - Every planned change of the small phases is in place (each entry read again).
 */
import { readCurrent } from './apply-change-set';
import { changeIsDone } from './change-set';
import { isTransient } from './directory-session';
import type { VerificationCheck } from './engine-api';
import { type MailboxCount, MailboxCounter } from './mailbox-counter';
import { PAGE_SIZE } from './mailbox-phase';
import type { PhasePlan } from './phase-plan';
import { MAILBOX_ATTRIBUTES } from './plan-mailboxes';
import type { Roles } from './roles';
import type { RunContext } from './run-context';
import type { Topology } from './topology';

/** Feeds every mailbox on the counted stores to `counter` (restarting the count after a lost connection). */
export async function countMailboxes(context: RunContext, topology: Topology, counter: MailboxCounter): Promise<void> {
  const filter = counter.filter();
  if (filter === undefined) return;
  for (;;) {
    counter.reset();
    const generation = context.session.generation;
    try {
      for (const domain of topology.domainContexts) {
        for await (const entry of context.session.search(domain, { scope: 'sub', filter, attributes: MAILBOX_ATTRIBUTES, pageSize: PAGE_SIZE })) counter.observe(entry);
      }
      return;
    } catch (error) {
      if (!isTransient(error)) throw error;
      await context.session.recover(generation, error);
    }
  }
}

async function checkSmallPhase(context: RunContext, plan: PhasePlan): Promise<VerificationCheck> {
  const missing: string[] = [];
  for (const set of plan.sets) {
    const found = await readCurrent(context.session, set);
    for (const change of set.changes) if (!changeIsDone(change, found)) missing.push(`${set.dn} ${change.attribute}`);
  }
  return {
    what: `every planned ${plan.phase} change is in place (${plan.sets.length} entr${plan.sets.length === 1 ? 'y' : 'ies'})`,
    ok: missing.length === 0,
    ...(missing.length === 0 ? {} : { detail: `not as planned: ${missing.join('; ')}` }),
  };
}

/** Counts mailboxes on both servers and checks the run's result. */
export async function verify(
  context: RunContext,
  topology: Topology,
  roles: Roles,
  plans: readonly PhasePlan[],
  options: { readonly mailboxes: boolean },
): Promise<{ checks: VerificationCheck[]; counts: MailboxCount[] }> {
  const counter = new MailboxCounter(topology, roles);
  await countMailboxes(context, topology, counter);
  const checks: VerificationCheck[] = [];
  if (options.mailboxes) {
    const left = counter.stores.filter(({ store, server }) => server.key === roles.leaving.key && counter.countOf(store) > 0);
    checks.push({
      what: `no mailbox left on ${roles.leaving.name}'s stores`,
      ok: left.length === 0,
      ...(left.length === 0 ? {} : { detail: left.map(({ store }) => `"${store.group}, ${store.name}": ${counter.countOf(store)}`).join('; ') }),
    });
    checks.push({
      what: `every mailbox on ${roles.arriving.name}'s partner stores names ${roles.arriving.name}'s MTA and server`,
      ok: counter.misdirected === 0,
      ...(counter.misdirected === 0 ? {} : { detail: `${counter.misdirected} mailbox(es) still name another server in homeMTA or msExchHomeServerName` }),
    });
  }
  for (const plan of plans) if (plan.sets.length > 0) checks.push(await checkSmallPhase(context, plan));
  return { checks, counts: counter.counts() };
}
