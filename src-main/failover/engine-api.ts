/**
 * The failover engine's public surface: what the `exchfailover` command line and the GUI call. The command line
 * and the engine are written against these types; `engine.ts` implements them. Nothing here holds a password.
 */
import type { DirectoryPort } from '../directory/port';
import type { OpenJournalFile } from './journal';

/** One `-r` option as written (Appendix I); `undefined` parts mean "same as the source" / "every". */
export type PairingRule =
  /** `-r` alone: one-to-one by storage group and store name. */
  | { readonly kind: 'one-to-one' }
  /** `-r SrcGroup:TgtGroup`. */
  | { readonly kind: 'group'; readonly sourceGroup: string; readonly targetGroup: string }
  /** `-r "SrcGroup, SrcStore:TgtGroup, TgtStore"`. */
  | {
      readonly kind: 'store';
      readonly sourceGroup: string;
      readonly sourceStore: string;
      readonly targetGroup: string;
      readonly targetStore: string;
    };

export type Direction = 'failover' | 'failback';

export interface FailoverRequest {
  readonly direction: Direction;
  /** The ORIGINAL source virtual server (also on failback, as the seed's notes say). */
  readonly source: string;
  /** The original target virtual server. */
  readonly target: string;
  /** Empty: pair by database file name. */
  readonly rules: readonly PairingRule[];
  /** `-setup`: only the overwrite-on-restore flag on the stores that become active. */
  readonly setupOnly: boolean;
  /** `-test`: plan everything, change nothing. */
  readonly test: boolean;
  readonly noRus: boolean;
  readonly noSpn: boolean;
}

export type PhaseName = 'patch-flag' | 'mailboxes' | 'public-folders' | 'rus' | 'spn' | 'routing-master';

/** One planned change: entry, attribute, value before, value after, and why. */
export interface PlannedChange {
  readonly phase: PhaseName;
  readonly dn: string;
  readonly attribute: string;
  /** Values expected now (deleted by compare-and-set); empty when the attribute is only added to. */
  readonly before: readonly string[];
  /** Values after the change; empty when values are only removed. */
  readonly after: readonly string[];
  readonly why: string;
}

export interface StorePairSummary {
  readonly sourceGroup: string;
  readonly sourceStore: string;
  readonly targetGroup: string;
  readonly targetStore: string;
  readonly kind: 'mailbox' | 'public';
  readonly databaseFile: string;
}

export interface PhaseSummary {
  readonly phase: PhaseName;
  readonly planned: number;
  readonly applied: number;
  /** Already in the wanted state (a re-run, or done by someone else the same way). */
  readonly skipped: number;
  readonly conflicts: number;
  readonly errors: number;
}

/** A value changed by someone else between plan and apply: reported, never overwritten. */
export interface Conflict {
  readonly dn: string;
  readonly attribute: string;
  readonly expected: readonly string[];
  readonly found: readonly string[];
}

export interface VerificationCheck {
  readonly what: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface FailoverOutcome {
  /** `planned`: -test; `done`: applied and verified; `stopped`: a directory error or conflicts; `verify-failed`. */
  readonly status: 'planned' | 'done' | 'stopped' | 'verify-failed';
  readonly pairs: readonly StorePairSummary[];
  /** Stores with no partner (e.g. created while failed over): reported, not moved. */
  readonly unpaired: readonly string[];
  readonly phases: readonly PhaseSummary[];
  readonly conflicts: readonly Conflict[];
  readonly errors: readonly string[];
  /** Mailboxes per store after the run, both sides (by store DN). */
  readonly mailboxCounts: readonly { readonly store: string; readonly server: string; readonly count: number }[];
  readonly verification: readonly VerificationCheck[];
  readonly journalFile?: string;
}

/** Refusals before anything changed (unknown server, clashing file names, a rule naming a missing group...). */
export class FailoverInputError extends Error {
  override readonly name = 'FailoverInputError';
}

export interface EngineEvents {
  /** Each planned change, streamed (a 100,000-mailbox plan is never held whole). */
  onPlannedChange?(change: PlannedChange): void;
  onPhase?(phase: PhaseName, state: 'start' | 'end'): void;
  /** Human-readable progress lines for the log file and the GUI. */
  onLog?(level: 'info' | 'warn' | 'error', line: string): void;
  /**
   * Flow control of the streamed plan: a promise while the receiver of `onPlannedChange` cannot take more yet (a
   * full standard output), undefined when it can. The mailbox phase waits on it before reading on, so a slow reader
   * holds the search back instead of the plan piling up in memory.
   */
  whenReady?(): Promise<void> | undefined;
}

export interface EngineDeps {
  /** A factory, so the engine can reconnect after a lost connection (retried with backoff for a bounded time). */
  readonly connect: () => Promise<DirectoryPort>;
  /** Where applied changes are journalled (JSON lines); none for -test. */
  readonly journalFile?: string;
  readonly now?: () => Date;
  /** Bounded number of outstanding modifies (default 32). */
  readonly concurrency?: number;
  /** How long a lost directory is retried before the run stops (default 60 s). */
  readonly retryForMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Journals of earlier runs to look at before planning (the command line gives the journal folder's files): SPNs
   * that an interrupted run of the same failover removed and never added are carried into this run's plan.
   */
  readonly priorJournals?: readonly string[];
  /** Opens the journal file for appending (default: the file system; tests pass a disk that fills). */
  readonly openJournalFile?: OpenJournalFile;
}

/** Runs ExchFailover: discover → pair stores → plan → apply (compare-and-set) → verify; journalled. */
export type RunFailover = (request: FailoverRequest, deps: EngineDeps, events?: EngineEvents) => Promise<FailoverOutcome>;

export interface UndoOptions {
  /** Plan only: read every entry and say what undo would restore; change nothing (`--undo JOURNAL -test`). */
  readonly test?: boolean;
}

/**
 * Restores what the runs journalled in `journalFile` changed, with the same compare-and-set, and verifies it by
 * reading every entry again. A journal that is damaged, edited, or names anything a failover never changes is
 * refused (FailoverInputError) before anything changes.
 */
export type UndoFailover = (journalFile: string, deps: EngineDeps, events?: EngineEvents, options?: UndoOptions) => Promise<FailoverOutcome>;
