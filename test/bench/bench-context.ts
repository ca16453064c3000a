/** What every measurement needs: where the repository and the scratch folder are, and how to run the command. */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExchfailoverCommand } from './exchfailover-command';

/** Shared settings of one benchmark run. */
export interface BenchContext {
  /** The repository root: the command's working folder. */
  readonly repoRoot: string;
  /** The run's scratch folder (LDIFs, logs, journals), removed at the end. */
  readonly workDir: string;
  /** Undefined when the command line does not exist yet (only the peers are measured). */
  readonly command: ExchfailoverCommand | undefined;
  /** Why the command is not run, when it is not. */
  readonly commandMissing: string | undefined;
  /** Runs per time measurement (the median is reported). */
  readonly runs: number;
  /** Parallel ldapmodify clients of the floor row under each failover measurement; undefined: no floor (`--no-floor`). */
  readonly floorClients: number | undefined;
  /** Progress lines go here (standard error), so the table on standard output stays clean. */
  readonly progress: (line: string) => void;
}

/** A fresh folder inside the scratch folder for one run of the command (log, journal, memory reports). */
export function runFolder(context: BenchContext, label: string): Promise<string> {
  return mkdtemp(join(context.workDir, `${label}-`));
}
