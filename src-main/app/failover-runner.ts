import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailoverOutcomeView, FailoverRequestInput } from '../contract/failover';
import { err, ok, type Result } from '../contract/result';
import { directoryFailure } from '../directory/directory-error';
import { isDirectoryError, type DirectoryPort } from '../directory/port';
import { FailoverInputError, type RunFailover } from '../failover/engine-api';

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
}): FailoverRunner {
  let running = false;
  return {
    async run(request, { signal, onLog }) {
      if (running) return err('failover/busy', 'A failover or failback is already running; wait for it to finish.');
      running = true;
      try {
        const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
        const journalFile = request.test ? undefined : join(deps.journalFolder, `failover-${stamp}.jsonl`);
        if (journalFile !== undefined) await mkdir(deps.journalFolder, { recursive: true });
        const outcome = await deps.runFailover(
          request,
          { connect: deps.connect, signal, now: deps.now, ...(journalFile !== undefined ? { journalFile } : {}) },
          { onLog },
        );
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
