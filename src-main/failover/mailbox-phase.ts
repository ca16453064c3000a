/**
 * Runs the mailbox phase as a pipeline: a paged subtree search of each domain streams the users on the stores
 * being left (and on their partners), each user is planned as it arrives and its compare-and-set modify is sent
 * while up to `concurrency` others are in flight; the search is read no faster than modifies complete, so memory
 * stays flat for any number of mailboxes. Nothing else is sent per user.
 *
 * When the connection is lost mid-search, the modifies in flight are retried first (the session reconnects), then
 * the search starts again for the users still on the stores being left — those already moved no longer match, so
 * nothing is done twice.
 */
import { type DirectoryEntry, isDirectoryError } from '../directory/port';
import { applyChangeSet } from './apply-change-set';
import { assertNever } from '../shared/assert-never';
import { BoundedPipeline } from './bounded-pipeline';
import type { ChangeSet } from './change-set';
import { isTransient, RunStopped } from './directory-session';
import { MAILBOX_ATTRIBUTES, type MailboxPlanner } from './plan-mailboxes';
import type { RunContext } from './run-context';

/**
 * Change sets under way per modify in flight. A journal sync can take several milliseconds on a busy disk while a
 * fast directory answers a modify in a fraction of one: enough intents must be durable ahead to keep it busy.
 */
export const UNDER_WAY_PER_SLOT = 4;

/** Entries per page, as Active Directory's MaxPageSize. */
export const PAGE_SIZE = 1000;

async function applyInPipeline(context: RunContext, set: ChangeSet): Promise<void> {
  try {
    context.record(set, await applyChangeSet(set, context.session, context.journal, { slots: context.slots }));
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    context.error(error.message);
    context.stop(error.message);
  }
}

export interface MailboxPhaseOptions {
  /**
   * Read users with this (wider) filter and show each to `observe` as well: a -test run counts every mailbox of
   * both servers in its planning search. Such a search is not restarted after a lost connection (the plan would be
   * streamed twice): the run stops.
   */
  readonly observe?: { readonly filter: string; readonly entry: (entry: DirectoryEntry) => void };
}

/** Plans (streams) and, unless in test mode, applies the mailbox moves of every domain. */
export async function runMailboxPhase(context: RunContext, planner: MailboxPlanner, domains: readonly string[], options: MailboxPhaseOptions = {}): Promise<void> {
  const { observe } = options;
  if (!planner.hasMoves && observe === undefined) return;
  // More change sets under way than modifies in flight: while some are sent, the others' intents are committed to
  // the journal together (see journal.ts), so the directory does not wait for the journal's disk.
  const pipeline = new BoundedPipeline(context.concurrency * UNDER_WAY_PER_SLOT);
  try {
    for (const domain of domains) {
      let filter = observe?.filter ?? planner.filter(true);
      for (;;) {
        const generation = context.session.generation;
        try {
          const entries = context.session.search(domain, {
            scope: 'sub',
            filter,
            attributes: MAILBOX_ATTRIBUTES,
            pageSize: PAGE_SIZE,
            ...(context.signal === undefined ? {} : { signal: context.signal }),
          });
          for await (const entry of entries) {
            if (context.mustStop()) return;
            observe?.entry(entry);
            const decision = planner.plan(entry);
            switch (decision.kind) {
              case 'not-ours':
                break;
              case 'done':
                context.alreadyDone('mailboxes');
                break;
              case 'change': {
                context.planned(decision.set);
                if (!context.test) await pipeline.submit(() => applyInPipeline(context, decision.set));
                const ready = context.events.whenReady?.();
                if (ready !== undefined) await ready;
                break;
              }
              default:
                assertNever(decision, 'mailbox decision');
            }
          }
          break;
        } catch (error) {
          if (isDirectoryError(error) && error.code === 'cancelled') {
            context.mustStop();
            return;
          }
          if (!isTransient(error) || observe !== undefined) {
            context.error(`mailboxes: searching ${domain}: ${error instanceof Error ? error.message : String(error)}`);
            context.stop('a directory error while searching for mailboxes');
            return;
          }
          await pipeline.drain();
          await context.session.recover(generation, error);
          filter = planner.filter(false);
          context.log('info', `mailboxes: searching ${domain} again for the mailboxes still to move`);
        }
      }
    }
  } finally {
    await pipeline.drain();
  }
}
