import { isDirectoryError } from '../directory/port';
import { DirectorySession } from './directory-session';
import { DEFAULT_RETRY_FOR_MS } from './engine-defaults';
import type { EngineDeps, FailoverOutcome } from './engine-api';

/** The outcome of a run that stopped before it could do anything useful (nothing planned, nothing applied). */
export function stoppedOutcome(message: string, journalFile: string | undefined): FailoverOutcome {
  return {
    status: 'stopped',
    pairs: [],
    unpaired: [],
    phases: [],
    conflicts: [],
    errors: [message],
    mailboxCounts: [],
    verification: [],
    ...(journalFile === undefined ? {} : { journalFile }),
  };
}

/**
 * Opens the directory session a failover or an undo runs on (with the engine's retry policy), or says why it
 * could not: the first connection failing stops the run at once, logged and reported the same way for both.
 */
export async function openRunSession(
  deps: EngineDeps,
  log: (level: 'info' | 'warn' | 'error', line: string) => void,
): Promise<{ session: DirectorySession } | { stopped: FailoverOutcome }> {
  try {
    const session = await DirectorySession.open({
      connect: deps.connect,
      retryForMs: deps.retryForMs ?? DEFAULT_RETRY_FOR_MS,
      onLog: log,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    });
    return { session };
  } catch (error) {
    if (!isDirectoryError(error)) throw error;
    log('error', `cannot open the directory: ${error.message}`);
    return { stopped: stoppedOutcome(`cannot open the directory: ${error.message}`, undefined) };
  }
}
