/**
 * What a run did, in words: the short summary printed at the end of a run, and the lines the log file records
 * (pairs, counts per phase, conflicts, errors, verification, result). Both read the engine's FailoverOutcome.
 */
import type { Conflict, FailoverOutcome, PhaseSummary, StorePairSummary } from '../failover/engine-api';
import type { LogLevel } from './failover-log';
import { formatValues } from './plan-lines';

/** At most this many conflicts and errors are listed on the terminal; the log file lists them all. */
export const TERMINAL_LIST_LIMIT = 20;

/** The outcome's status as a phrase. */
export function describeStatus(status: FailoverOutcome['status']): string {
  switch (status) {
    case 'planned':
      return 'planned (test mode: nothing was changed)';
    case 'done':
      return 'done and verified';
    case 'stopped':
      return 'stopped (a directory error or a conflict; what was done is journalled)';
    case 'verify-failed':
      return 'done, but verification failed';
  }
}

/** `First Storage Group, Mailbox Store (EXCHVS) -> First Storage Group, Mailbox Store (EXCHVS-DR) [mailbox, priv1.edb]`. */
export function formatPair(pair: StorePairSummary): string {
  return `${pair.sourceGroup}, ${pair.sourceStore} -> ${pair.targetGroup}, ${pair.targetStore} [${pair.kind}, ${pair.databaseFile}]`;
}

/** `patch-flag: planned 4, applied 4, skipped 0, conflicts 0, errors 0`. */
export function formatPhase(phase: PhaseSummary): string {
  return `${phase.phase}: planned ${phase.planned}, applied ${phase.applied}, skipped ${phase.skipped}, conflicts ${phase.conflicts}, errors ${phase.errors}`;
}

/** `CN=...  homeMDB: expected X, found Y`. */
export function formatConflict(conflict: Conflict): string {
  return `${conflict.dn}  ${conflict.attribute}: expected ${formatValues(conflict.expected)}, found ${formatValues(conflict.found)}`;
}

function phaseTable(phases: readonly PhaseSummary[]): string[] {
  const header = ['phase', 'planned', 'applied', 'skipped', 'conflicts', 'errors'];
  const rows = phases.map((p) => [p.phase, p.planned, p.applied, p.skipped, p.conflicts, p.errors].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`;
  return [line(header), ...rows.map(line)];
}

function limited(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, TERMINAL_LIST_LIMIT).map((item) => `  ${item}`);
  const rest = items.length - shown.length;
  return [`${title} (${items.length}):`, ...shown, ...(rest > 0 ? [`  ... and ${rest} more (see the log file)`] : [])];
}

/** What the terminal shows after a run. */
export interface SummaryContext {
  /** `-FAILOVER EXCHVS -> EXCHVS-DR` or `--undo <journal>`. */
  readonly title: string;
  readonly exitCode: number;
  readonly logFile: string;
  /** Number of changes printed in test mode. */
  readonly plannedChanges?: number;
}

/** The short human summary printed at the end of a run, line by line (each is escaped when written). */
export function summaryLines(outcome: FailoverOutcome, context: SummaryContext): string[] {
  const failedChecks = outcome.verification.filter((check) => !check.ok);
  const lines = [
    `ExchFailover ${context.title}: ${describeStatus(outcome.status)}.`,
    ...(context.plannedChanges === undefined ? [] : [`Planned changes: ${context.plannedChanges}.`]),
    ...limited('Store pairs', outcome.pairs.map(formatPair)),
    ...limited('Stores without a partner (reported, not moved)', outcome.unpaired),
    ...(outcome.phases.length === 0 ? [] : ['Phases:', ...phaseTable(outcome.phases)]),
    ...limited('Conflicts (changed by someone else; not overwritten)', outcome.conflicts.map(formatConflict)),
    ...limited('Errors', outcome.errors),
    ...(outcome.verification.length === 0
      ? []
      : [
          `Verification: ${outcome.verification.length - failedChecks.length} of ${outcome.verification.length} checks held.`,
          ...failedChecks.map((check) => `  FAILED: ${check.what}${check.detail === undefined ? '' : ` (${check.detail})`}`),
        ]),
    ...(outcome.journalFile === undefined ? [] : [`Journal: ${outcome.journalFile}`]),
    `Log: ${context.logFile}`,
    `Exit code: ${context.exitCode}`,
  ];
  return lines;
}

/** The lines the log file records about an outcome, with their levels (one log line each, escaped when written). */
export function outcomeLogLines(outcome: FailoverOutcome, exitCode: number): { level: LogLevel; text: string }[] {
  return [
    { level: 'info', text: `Summary: ${outcome.pairs.length} store pair(s), ${outcome.conflicts.length} conflict(s), ${outcome.errors.length} error(s)` },
    ...outcome.pairs.map((pair) => ({ level: 'info' as const, text: `Pair: ${formatPair(pair)}` })),
    ...outcome.unpaired.map((store) => ({ level: 'warn' as const, text: `No partner (not moved): ${store}` })),
    ...outcome.phases.map((phase) => ({ level: 'info' as const, text: `Phase ${formatPhase(phase)}` })),
    ...outcome.conflicts.map((conflict) => ({ level: 'warn' as const, text: `Conflict: ${formatConflict(conflict)}` })),
    ...outcome.errors.map((error) => ({ level: 'error' as const, text: `Error: ${error}` })),
    ...outcome.mailboxCounts.map((count) => ({ level: 'info' as const, text: `Mailboxes: ${count.count} on ${count.store} (${count.server})` })),
    ...outcome.verification.map((check) => ({
      level: check.ok ? ('info' as const) : ('error' as const),
      text: `Verification ${check.ok ? 'held' : 'FAILED'}: ${check.what}${check.detail === undefined ? '' : ` (${check.detail})`}`,
    })),
    ...(outcome.journalFile === undefined ? [] : [{ level: 'info' as const, text: `Journal: ${outcome.journalFile}` }]),
    { level: exitCode === 0 ? 'info' : 'error', text: `Result: ${describeStatus(outcome.status)} (exit code ${exitCode})` },
  ];
}
