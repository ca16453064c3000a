import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One change the program made to the outside world, appended as a JSON line. */
export interface JournalEntry {
  readonly at: string;
  readonly stepId: string;
  /** The exact command line the change stands for. */
  readonly command: string;
  readonly outcome: 'applied' | 'refused' | 'skipped';
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
