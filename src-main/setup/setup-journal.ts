import { appendFile, mkdir } from 'node:fs/promises';
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
   * `nothing-to-do`: an apply found the world already right and changed nothing; `marked-done`: the administrator
   * said the step was done by hand; `confirmed`: they confirmed the part of the step only they can do (step 6).
   */
  readonly outcome: 'applied' | 'refused' | 'nothing-to-do' | 'marked-done' | 'confirmed' | 'cancelled';
  readonly detail?: string;
}

export interface SetupJournal {
  append(entry: JournalEntry): Promise<void>;
}

/** A journal in a JSON-lines file: append-only, one line per change, so a reader can replay what happened. */
export function openSetupJournal(file: string): SetupJournal {
  let ready: Promise<void> | undefined;
  let chain: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      ready ??= mkdir(dirname(file), { recursive: true }).then(() => undefined);
      chain = chain.then(() => ready).then(() => appendFile(file, JSON.stringify(entry) + '\n', 'utf8'));
      return chain;
    },
  };
}
