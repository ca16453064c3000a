/**
 * What one run (or undo) carries from phase to phase: the session, the journal, the operator's events, the counts
 * per phase, the conflicts and errors so far, and whether the run must stop. Every change set's result goes through
 * `record`, so counting, logging and the decision to stop are in one place.
 */
import type { ApplyResult } from './apply-change-set';
import { Slots } from './bounded-pipeline';
import { assertNever } from '../shared/assert-never';
import type { ChangeSet } from './change-set';
import type { DirectorySession } from './directory-session';
import type { Conflict, EngineEvents, PhaseName, PhaseSummary } from './engine-api';
import type { JournalWriter } from './journal';

/** Conflicts kept in the outcome; all are logged and counted. */
export const MAX_REPORTED_CONFLICTS = 1000;
/** Errors kept in the outcome (the first ones); all are counted. */
export const MAX_REPORTED_ERRORS = 100;

interface Counts {
  planned: number;
  applied: number;
  skipped: number;
  conflicts: number;
  errors: number;
}

export class RunContext {
  readonly session: DirectorySession;
  readonly journal: JournalWriter | undefined;
  readonly events: EngineEvents;
  readonly test: boolean;
  readonly signal: AbortSignal | undefined;
  readonly concurrency: number;
  /** The modifies in flight: at most `concurrency` (more change sets may be under way, waiting for their intent). */
  readonly slots: Slots;
  readonly conflicts: Conflict[] = [];
  readonly errors: string[] = [];
  readonly #counts = new Map<PhaseName, Counts>();
  #conflictCount = 0;
  #errorCount = 0;
  #stopReason: string | undefined;

  constructor(options: {
    session: DirectorySession;
    journal: JournalWriter | undefined;
    events: EngineEvents | undefined;
    test: boolean;
    signal: AbortSignal | undefined;
    concurrency: number;
  }) {
    this.session = options.session;
    this.journal = options.journal;
    this.events = options.events ?? {};
    this.test = options.test;
    this.signal = options.signal;
    this.concurrency = options.concurrency;
    this.slots = new Slots(options.concurrency);
  }

  log(level: 'info' | 'warn' | 'error', line: string): void {
    this.events.onLog?.(level, line);
  }

  #phase(phase: PhaseName): Counts {
    let counts = this.#counts.get(phase);
    if (counts === undefined) {
      counts = { planned: 0, applied: 0, skipped: 0, conflicts: 0, errors: 0 };
      this.#counts.set(phase, counts);
    }
    return counts;
  }

  /** Opens a phase's counts (so a phase with nothing to do still shows). */
  startPhase(phase: PhaseName): void {
    this.#phase(phase);
    this.events.onPhase?.(phase, 'start');
  }

  endPhase(phase: PhaseName): void {
    const c = this.#phase(phase);
    this.log('info', `${phase}: planned ${c.planned}, applied ${c.applied}, skipped ${c.skipped} (already done), conflicts ${c.conflicts}, errors ${c.errors}`);
    this.events.onPhase?.(phase, 'end');
  }

  /** A change set was planned: streamed to the operator and counted. */
  planned(set: ChangeSet): void {
    this.#phase(set.phase).planned += 1;
    const handler = this.events.onPlannedChange;
    if (handler !== undefined) for (const change of set.changes) handler(change);
  }

  /** Entries found already in the wanted state while planning. */
  alreadyDone(phase: PhaseName, count = 1): void {
    this.#phase(phase).skipped += count;
  }

  /** Counts and logs the result of applying one set; a failure stops the run. */
  record(set: ChangeSet, result: ApplyResult): void {
    const counts = this.#phase(set.phase);
    switch (result.kind) {
      case 'applied':
        counts.applied += 1;
        break;
      case 'skipped':
        counts.skipped += 1;
        break;
      case 'conflict':
        counts.conflicts += 1;
        for (const conflict of result.conflicts) {
          this.#conflictCount += 1;
          if (this.conflicts.length < MAX_REPORTED_CONFLICTS) this.conflicts.push(conflict);
          this.log(
            'warn',
            `conflict, not overwritten: ${conflict.dn} ${conflict.attribute}: expected ${JSON.stringify(conflict.expected)}, found ${JSON.stringify(conflict.found)}`,
          );
        }
        break;
      case 'failed':
        counts.errors += 1;
        this.error(`${set.phase}: ${set.dn}: ${result.message}`);
        this.stop(`a directory error in phase ${set.phase}`);
        break;
      default:
        assertNever(result, 'apply result');
    }
  }

  /** Records an error (logged; the first ones kept for the outcome). */
  error(message: string): void {
    this.#errorCount += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(message);
    this.log('error', message);
  }

  /** Asks the run to stop after the operations in flight. */
  stop(reason: string): void {
    this.#stopReason ??= reason;
  }

  /** Why the run stopped, if it did. */
  get stopReason(): string | undefined {
    return this.#stopReason;
  }

  /** Whether the run must stop now (an error, a journal that cannot be written, or the operator's signal). */
  mustStop(): boolean {
    if (this.#stopReason === undefined && this.journal?.failure !== undefined) {
      this.error(`cannot write the journal ${this.journal.path}: ${this.journal.failure.message}`);
      this.stop('the journal cannot be written');
    }
    if (this.#stopReason === undefined && this.signal?.aborted === true) {
      this.error('cancelled by the operator');
      this.stop('cancelled');
    }
    return this.#stopReason !== undefined;
  }

  get conflictCount(): number {
    return this.#conflictCount;
  }

  get errorCount(): number {
    return this.#errorCount;
  }

  summaries(): PhaseSummary[] {
    return Array.from(this.#counts, ([phase, c]) => ({ phase, ...c }));
  }
}
