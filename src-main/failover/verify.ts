/**
 * Verification after the changes: reads the directory again and checks that the run did what it planned.
 *  - Mailboxes per store on both servers (one paged search counting users by homeMDB, streamed, nothing held);
 *    no mailbox is left on a store of the server being left; every mailbox on a partner store names the arriving
 *    server's MTA and legacyExchangeDN (this is "every planned mailbox change is present" without holding the plan).
 *  - Every planned change of the small phases is in place (each entry read again).
 *  - SPNs: every Exchange SPN of the source that the run moves (those found, never an invented set) is on the
 *    gaining computer account and no longer on the losing one (both accounts read again).
 */
import { textValues } from '../directory/entry-values';
import { isDirectoryError } from '../directory/port';
import { readCurrent } from './apply-change-set';
import { holdsValue } from './attribute-values';
import { changeIsDone } from './change-set';
import { isTransient } from './directory-session';
import type { VerificationCheck } from './engine-api';
import { type MailboxCount, MailboxCounter } from './mailbox-counter';
import { PAGE_SIZE } from './mailbox-phase';
import type { PhasePlan } from './phase-plan';
import { MAILBOX_ATTRIBUTES } from './plan-mailboxes';
import { isSpnPlan, type SpnPlan } from './plan-spn';
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

/**
 * The SPN check, from both accounts' servicePrincipalName as read after the run: every SPN the plan moves is on the
 * gaining account and off the losing one (compared as the directory compares SPNs, case-insensitively). It also
 * says when there was nothing to move and which exchangeAB SPNs were left, so the run's log tells.
 */
export function spnCheck(plan: SpnPlan, losingSpns: readonly string[], gainingSpns: readonly string[]): VerificationCheck {
  const attribute = 'servicePrincipalName';
  const missing = plan.moving.filter((spn) => !holdsValue(attribute, gainingSpns, spn));
  const stayed = plan.moving.filter((spn) => holdsValue(attribute, losingSpns, spn));
  const problems = [
    ...(missing.length === 0 ? [] : [`not on ${plan.gaining.name}: ${missing.join(', ')}`]),
    ...(stayed.length === 0 ? [] : [`still on ${plan.losing.name}: ${stayed.join(', ')}`]),
  ];
  const kept = plan.leftBehind.length === 0 ? [] : [`${plan.losing.name} keeps ${plan.leftBehind.join(', ')} (exchangeAB is never moved)`];
  const details = [...problems, ...kept];
  return {
    what:
      plan.moving.length === 0
        ? `no Exchange SPN of ${plan.source} was on ${plan.losing.name} or ${plan.gaining.name}: none moved, none invented`
        : `the ${plan.moving.length} Exchange SPN(s) moved are on ${plan.gaining.name} and no longer on ${plan.losing.name}`,
    ok: problems.length === 0,
    ...(details.length === 0 ? {} : { detail: details.join('; ') }),
  };
}

/** An account's SPNs as the directory holds them now (none when the account is gone). */
async function spnsOf(context: RunContext, dn: string): Promise<readonly string[]> {
  try {
    const [entry] = await context.session.collect(dn, { scope: 'base', attributes: ['servicePrincipalName'] });
    return entry === undefined ? [] : textValues(entry, 'servicePrincipalName');
  } catch (error) {
    if (isDirectoryError(error) && error.code === 'no-such-object') return [];
    throw error;
  }
}

async function checkSpns(context: RunContext, plan: SpnPlan): Promise<VerificationCheck> {
  return spnCheck(plan, await spnsOf(context, plan.losing.dn), await spnsOf(context, plan.gaining.dn));
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
  for (const plan of plans) {
    if (isSpnPlan(plan)) checks.push(await checkSpns(context, plan));
    else if (plan.sets.length > 0) checks.push(await checkSmallPhase(context, plan));
  }
  return { checks, counts: counter.counts() };
}
