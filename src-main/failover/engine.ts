/**
 * The failover engine (issue 3; seed sections 7, 8 and Appendix I): discover → pair stores → plan → apply with
 * compare-and-set → verify, journalled. `runFailover` and `undoFailover` implement engine-api.ts, which the
 * `exchfailover` command line and the GUI call.
 *
 * Refusals (unknown server, stores that cannot be paired, a rule naming a missing group, a missing computer
 * account...) are thrown as FailoverInputError before anything changed: everything that can refuse is planned
 * before the first write. Directory failures end the run with status `stopped` and say what was done.
 */
import { randomUUID } from 'node:crypto';
import { isDirectoryError } from '../directory/port';
import { runPlannedPhase } from './apply-phase';
import { carriedSpns } from './carried-spns';
import { isSpnPlan } from './plan-spn';
import { assertNever } from '../shared/assert-never';
import { RunStopped } from './directory-session';
import { DEFAULT_CONCURRENCY } from './engine-defaults';
import type { FailoverOutcome, FailoverRequest, RunFailover, VerificationCheck } from './engine-api';
import { JournalWriter } from './journal';
import { type MailboxCount, MailboxCounter } from './mailbox-counter';
import { runMailboxPhase } from './mailbox-phase';
import { RunContext } from './run-context';
import { openRunSession, stoppedOutcome } from './run-session';
import { checkRequest, pairSummary, phasesOf, type RunPlan, planRun } from './run-plan';
import { countMailboxes, verify } from './verify';

export { DEFAULT_CONCURRENCY, DEFAULT_RETRY_FOR_MS } from './engine-defaults';
export { phasesOf } from './run-plan';
export { undoFailover } from './undo';

/**
 * Runs the request's phases in order until one must stop the run. In test mode the mailbox phase also counts every
 * mailbox of both servers (returns whether it did, so no second search is needed).
 */
async function runPhases(context: RunContext, plan: RunPlan, request: FailoverRequest, counter: MailboxCounter): Promise<boolean> {
  let counted = false;
  for (const phase of phasesOf(request)) {
    if (context.mustStop()) break;
    context.startPhase(phase);
    try {
      const small = plan.small.get(phase);
      if (phase === 'mailboxes' && plan.mailboxes !== undefined) {
        const counting = request.test ? counter.filter() : undefined;
        await runMailboxPhase(context, plan.mailboxes, plan.topology.domainContexts, {
          ...(counting === undefined ? {} : { observe: { filter: counting, entry: (entry) => counter.observe(entry) } }),
        });
        counted = counting !== undefined;
      } else if (small !== undefined) {
        await runPlannedPhase(context, small, { stopPhaseOnFailure: phase === 'spn' });
      }
    } catch (error) {
      if (!(error instanceof RunStopped)) throw error;
      context.error(error.message);
      context.stop(error.message);
    }
    context.endPhase(phase);
  }
  return counted;
}


function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs ExchFailover: discover → pair stores → plan → apply (compare-and-set) → verify; journalled. */
export const runFailover: RunFailover = async (request, deps, events = {}) => {
  checkRequest(request);
  const log = (level: 'info' | 'warn' | 'error', line: string): void => events.onLog?.(level, line);
  const now = deps.now ?? (() => new Date());
  const opened = await openRunSession(deps, log);
  if ('stopped' in opened) return opened.stopped;
  const { session } = opened;
  let journal: JournalWriter | undefined;
  try {
    let plan: RunPlan;
    try {
      const carried = request.noSpn || request.setupOnly ? [] : await carriedSpns(deps.priorJournals ?? [], request);
      if (carried.length > 0) log('warn', `an interrupted earlier run removed ${carried.join(', ')} and never added them: this run adds them`);
      plan = await planRun(session, request, { carriedSpns: carried });
    } catch (error) {
      if (error instanceof RunStopped || isDirectoryError(error)) {
        log('error', `discovery stopped: ${error.message}`);
        return stoppedOutcome(`discovery stopped: ${error.message}`, undefined);
      }
      throw error;
    }
    const { topology, roles } = plan;
    log('info', `${request.direction}: ${roles.leaving.name} -> ${roles.arriving.name}${request.setupOnly ? ' (-setup)' : ''}${request.test ? ' (-test: nothing is changed)' : ''}`);
    for (const pair of plan.pairs) {
      const s = pairSummary(pair);
      log('info', `pair: ${s.sourceGroup}, ${s.sourceStore} (${topology.source.name}) <-> ${s.targetGroup}, ${s.targetStore} (${topology.target.name}) [${s.kind}, ${s.databaseFile}; ${pair.pairedBy}]`);
    }
    for (const text of plan.unpaired) log('warn', `no partner, not moved: ${text}`);
    const spnPlan = plan.small.get('spn');
    if (spnPlan !== undefined && isSpnPlan(spnPlan)) for (const note of spnPlan.notes) log(note.level, `spn: ${note.text}`);

    const runId = randomUUID();
    if (!request.test && deps.journalFile !== undefined) {
      journal = await JournalWriter.open(
        deps.journalFile,
        { runId, direction: request.direction, source: topology.source.name, target: topology.target.name },
        now,
        {
          ...(deps.openJournalFile === undefined ? {} : { openFile: deps.openJournalFile }),
          onDropped: (bytes) => log('warn', `${deps.journalFile}: dropped a last line cut short (${bytes} bytes) by a run that was stopped while writing it`),
        },
      );
      log('info', `journal: ${deps.journalFile} (run ${runId})`);
    }
    const context = new RunContext({
      session,
      journal,
      events,
      test: request.test,
      signal: deps.signal,
      concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
    });
    const counter = new MailboxCounter(topology, roles);
    const counted = await runPhases(context, plan, request, counter);
    await journal?.flush();
    context.mustStop();

    let verification: VerificationCheck[] = [];
    let mailboxCounts: MailboxCount[] = [];
    if (context.stopReason === undefined) {
      try {
        if (request.test) {
          if (!counted) await countMailboxes(context, topology, counter);
          mailboxCounts = counter.counts();
        } else {
          const result = await verify(context, topology, roles, Array.from(plan.small.values()), { mailboxes: !request.setupOnly });
          verification = result.checks;
          mailboxCounts = result.counts;
        }
      } catch (error) {
        if (!(error instanceof RunStopped) && !isDirectoryError(error)) throw error;
        context.error(`verification stopped: ${describeError(error)}`);
        context.stop('verification could not read the directory');
      }
    }
    for (const check of verification) log(check.ok ? 'info' : 'error', `verify: ${check.ok ? 'ok' : 'FAILED'}: ${check.what}${check.detail === undefined ? '' : ` (${check.detail})`}`);

    const status: FailoverOutcome['status'] =
      context.stopReason !== undefined || context.conflictCount > 0
        ? 'stopped'
        : request.test
          ? 'planned'
          : verification.every((check) => check.ok)
            ? 'done'
            : 'verify-failed';
    await journal?.end(status);
    log(status === 'done' || status === 'planned' ? 'info' : 'error', resultLine(status, context, journal));
    return {
      status,
      pairs: plan.pairs.map(pairSummary),
      unpaired: plan.unpaired,
      phases: context.summaries(),
      conflicts: context.conflicts,
      errors: context.errors,
      mailboxCounts,
      verification,
      ...(journal === undefined ? {} : { journalFile: journal.path }),
    };
  } finally {
    await journal?.close().catch((error: unknown) => log('error', `cannot close the journal: ${describeError(error)}`));
    await session.close();
  }
};

function resultLine(status: FailoverOutcome['status'], context: RunContext, journal: JournalWriter | undefined): string {
  const journalled = journal === undefined ? '' : `; ${journal.applied} change(s) applied, journalled in ${journal.path}`;
  switch (status) {
    case 'planned':
      return 'result: planned (test mode), nothing was changed';
    case 'done':
      return `result: done and verified${journalled}`;
    case 'verify-failed':
      return `result: done, but verification failed${journalled}`;
    case 'stopped':
      return `result: stopped (${context.stopReason ?? `${context.conflictCount} conflict(s)`})${journalled}`;
    default:
      return assertNever(status, 'status');
  }
}

