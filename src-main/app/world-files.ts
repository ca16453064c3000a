import { join } from 'node:path';

/**
 * Where a world keeps what the program writes about it — the setup's progress and journal, and the journals of the
 * failovers run from the program — in one place for every host (the desktop program, the preview, `exchange-ha`):
 * a lab in its folder (shared by the program and the command line), a real pair beside its pair document.
 */
export interface WorldFiles {
  /** Where each step stands (setup/progress-store.ts). */
  readonly progress: string;
  /** Every change the setup made, one JSON line each (setup/setup-journal.ts). */
  readonly journal: string;
  /** The folder of the failover runs' write-ahead journals. */
  readonly failoverJournals: string;
  /** The folder of the incidents: the monitor's prompt, each incident's runs, states and timeline. */
  readonly incidents: string;
}

export const LAB_PROGRESS_FILE = 'progress.json';
export const LAB_JOURNAL_FILE = 'journal.jsonl';
export const LAB_FAILOVER_JOURNALS = 'journals';
export const LAB_INCIDENTS = 'incidents';

/** A lab's files, in its folder. */
export function labWorldFiles(labFolder: string): WorldFiles {
  return {
    progress: join(labFolder, LAB_PROGRESS_FILE),
    journal: join(labFolder, LAB_JOURNAL_FILE),
    failoverJournals: join(labFolder, LAB_FAILOVER_JOURNALS),
    incidents: join(labFolder, LAB_INCIDENTS),
  };
}

/**
 * A real pair's files, beside its pair document: `pair.json.progress.json`, `pair.json.journal.jsonl`,
 * `pair.json.journals/`, `pair.json.incidents/`.
 */
export function realWorldFiles(pairFile: string): WorldFiles {
  return {
    progress: `${pairFile}.progress.json`,
    journal: `${pairFile}.journal.jsonl`,
    failoverJournals: `${pairFile}.journals`,
    incidents: `${pairFile}.incidents`,
  };
}
