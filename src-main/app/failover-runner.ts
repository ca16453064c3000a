import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailoverOutcomeView, FailoverRequestInput } from '../contract/failover';
import { err, ok, type Result } from '../contract/result';
import { directoryFailure } from '../directory/directory-error';
import { isDirectoryError, type DirectoryPort } from '../directory/port';
import { FailoverInputError, type RunFailover } from '../failover/engine-api';
import { elapsedMs, silentLogger, type Logger } from '../shared/log-port';

export interface FailoverRunContext {
  readonly signal: AbortSignal;
  readonly onLog: (level: 'info' | 'warn' | 'error', line: string) => void;
}

/** What the contract's `failover.run` channel calls: the same engine as `exchfailover`, on this environment. */
export interface FailoverRunner {
  run(request: FailoverRequestInput, context: FailoverRunContext): Promise<Result<FailoverOutcomeView>>;
}

/** Binds the engine to a directory and a journal folder; one run at a time, as a failover must be. */
export function createFailoverRunner(deps: {
  readonly runFailover: RunFailover;
  readonly connect: () => Promise<DirectoryPort>;
  readonly journalFolder: string;
  readonly now: () => Date;
  /** The diagnostic log: a `failover` line when a run starts and when it ends (what, where its journal is, how). */
  readonly logger?: Logger;
}): FailoverRunner {
  let running = false;
  const log = (deps.logger ?? silentLogger).child({ subsystem: 'failover' });
  return {
    async run(request, { signal, onLog }) {
      if (running) return err('failover/busy', 'A failover or failback is already running; wait for it to finish.');
      running = true;
      const start = performance.now();
      const what = { direction: request.direction, source: request.source, target: request.target, test: request.test, setupOnly: request.setupOnly };
      try {
        const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
        const journalFile = request.test ? undefined : join(deps.journalFolder, `failover-${stamp}.jsonl`);
        if (journalFile !== undefined) await mkdir(deps.journalFolder, { recursive: true });
        log.info(`${request.direction} ${request.source} → ${request.target} started`, { event: 'start', ...what, ...(journalFile === undefined ? {} : { journalFile }) });
        const outcome = await deps.runFailover(
          request,
          { connect: deps.connect, signal, now: deps.now, ...(journalFile !== undefined ? { journalFile } : {}) },
          { onLog },
        );
        const ended = { event: 'end', ...what, status: outcome.status, errors: outcome.errors.length, durationMs: elapsedMs(start) };
        if (outcome.status === 'done' || outcome.status === 'planned') log.info(`${request.direction} ${outcome.status}`, ended);
        else log.warn(`${request.direction} ${outcome.status}`, ended);
        return ok({
          ...outcome,
          pairs: [...outcome.pairs],
          unpaired: [...outcome.unpaired],
          phases: [...outcome.phases],
          conflicts: outcome.conflicts.map((c) => ({ ...c, expected: [...c.expected], found: [...c.found] })),
          errors: [...outcome.errors],
          mailboxCounts: [...outcome.mailboxCounts],
          verification: [...outcome.verification],
        });
      } catch (e) {
        log.warn(`${request.direction} refused or stopped`, { event: 'end', ...what, status: 'error', error: e instanceof Error ? e.message : String(e), durationMs: elapsedMs(start) });
        if (e instanceof FailoverInputError) return err('failover/input', e.message);
        // The directory not answering is not the directory refusing: each has its own code, title and next step.
        if (isDirectoryError(e)) {
          const failure = directoryFailure(e.code);
          if (failure !== undefined) return err(`directory/${failure}`, e.message);
        }
        throw e;
      } finally {
        running = false;
      }
    },
  };
}
