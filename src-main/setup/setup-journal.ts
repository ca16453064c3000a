import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ActionTool } from '../contract/steps';

/** One change the program made (or tried to make) to the outside world, appended as a JSON line. */
export interface JournalEntry {
  readonly at: string;
  readonly stepId: string;
  readonly tool: ActionTool | 'none';
  /** The cluster, node or directory the change was made on. */
  readonly target: string;
  /** The exact command line(s) the change stands for (passwords masked). */
  readonly command: string;
  /**
   * `sending`: the change is about to be made (written and synced before it is sent, so a crash or a kill while it
   * runs still leaves a trace of it; the entry after it says how it ended, and none means it may or may not have
   * happened); `nothing-to-do`: an apply found the world already right and changed nothing; `marked-done`: the administrator
   * said the step was done by hand; `confirmed`: they confirmed the part of the step only they can do (step 6).
   */
  readonly outcome: 'sending' | 'applied' | 'refused' | 'nothing-to-do' | 'marked-done' | 'confirmed' | 'cancelled';
  readonly detail?: string;
}

export interface SetupJournal {
  append(entry: JournalEntry): Promise<void>;
}

/** Appends one line and syncs it to disk: a setup makes a few dozen changes, each worth a sync. */
async function appendSynced(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(line, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * A journal in a JSON-lines file: append-only, one line per change, each synced before `append` resolves, so a
 * reader can replay what happened and a change is on record before it is sent.
 */
export function openSetupJournal(file: string): SetupJournal {
  let ready: Promise<void> | undefined;
  let chain: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      ready ??= mkdir(dirname(file), { recursive: true }).then(() => undefined);
      chain = chain.then(() => ready).then(() => appendSynced(file, JSON.stringify(entry) + '\n'));
      return chain;
    },
  };
}
