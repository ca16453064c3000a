/**
 * What an incident's timeline measures (pure): the recovery time and the recovery point of its failover.
 *
 * Recovery time: from the first missed reply (the monitor's `first-missed-reply`; when the monitor saw nothing —
 * a failover started by hand — the failover run's first `run-start`) to the first `mailboxes-reachable` after that
 * run started. Its parts:
 * - detection: first missed reply → Time to Fail reached (the monitor's interval × missed, by design);
 * - operator: the time people took — from Time to Fail reached (or the prompt shown) to the run's start, plus, inside
 *   the steps, every `waitedForOperatorMs` (the intervention, a scheduled downtime);
 * - the program's share: each run's planning (its `run-start` to its first step event: the whole plan made before
 *   anything changes) plus Σ over the run's steps (every attempt: each `step-start` paired with the next `step-end`
 *   of the same step) of the step's duration, minus the operator's waits inside them. It holds the program's own
 *   work and the tools it drives (the engine, cluster.exe, Exchange mounting its stores). A step started by a run
 *   that was killed has no end: it is counted in `unmatchedStarts`, not in the share (its length is unknown).
 * - overhead: the program's share minus the time its actions took (each step's `actionsMs` in the run's state
 *   file, when given): what the runbook itself added beyond the engine, the cluster commands and the waits.
 *
 * Recovery point: the `replication-at-loss` event (Double-Take's queued bytes when the source was lost, and when the
 * queue was last empty). When none was recorded, the recovery point is unknown — and is said to be so, never 0.
 */
import type { TimelineEvent } from '../runbook/timeline-event';

export interface RecoveryTimeStart {
  readonly at: string;
  readonly basis: 'first-missed-reply' | 'run-start';
}

export type RecoveryTime =
  | {
      readonly status: 'measured';
      readonly from: RecoveryTimeStart;
      readonly to: { readonly at: string; readonly server: string; readonly count: number };
      readonly totalMs: number;
      /** First missed reply → Time to Fail reached; undefined when either was not recorded. */
      readonly detectionMs?: number;
      readonly operatorMs: number;
      readonly programShareMs: number;
      /** The program's share minus its actions' time, when the actions' time is known. */
      readonly overheadMs?: number;
      readonly unmatchedStarts: number;
    }
  | { readonly status: 'not-reached'; readonly from?: RecoveryTimeStart; readonly reason: string };

export type RecoveryPoint =
  | { readonly status: 'recorded'; readonly at: string; readonly queuedBytes: number; readonly lastEmptyAt?: string; readonly detail: string }
  | { readonly status: 'unknown'; readonly reason: string };

export interface IncidentMeasures {
  readonly recoveryTime: RecoveryTime;
  readonly recoveryPoint: RecoveryPoint;
}

const ms = (iso: string): number => Date.parse(iso);

export interface MeasureOptions {
  /** Time in each step's actions, by step id (the run's state file `actionsMs`), for the overhead. */
  readonly actionsMs?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

function totalActions(actions: MeasureOptions['actionsMs']): number | undefined {
  if (actions === undefined) return undefined;
  const values = actions instanceof Map ? [...actions.values()] : Object.values(actions as Record<string, number>);
  return values.reduce((n, v) => n + v, 0);
}

export function recoveryPoint(events: readonly TimelineEvent[]): RecoveryPoint {
  const loss = events.find((e): e is Extract<TimelineEvent, { kind: 'replication-at-loss' }> => e.kind === 'replication-at-loss');
  if (loss === undefined) {
    return {
      status: 'unknown',
      reason: "No replication-at-loss was recorded: Double-Take's queue was not sampled before the source was lost (the monitor was not running, or no source node answered), so the data lost cannot be told.",
    };
  }
  return { status: 'recorded', at: loss.at, queuedBytes: loss.queuedBytes, ...(loss.lastEmptyAt === undefined ? {} : { lastEmptyAt: loss.lastEmptyAt }), detail: loss.detail };
}

export function recoveryTime(events: readonly TimelineEvent[], options: MeasureOptions = {}): RecoveryTime {
  const runIndex = events.findIndex((e) => e.kind === 'run-start' && e.runbook === 'failover' && !e.dryRun);
  const missed = events.find((e) => e.kind === 'first-missed-reply');
  const run = runIndex === -1 ? undefined : events[runIndex];
  const from: RecoveryTimeStart | undefined = missed !== undefined ? { at: missed.at, basis: 'first-missed-reply' } : run !== undefined ? { at: run.at, basis: 'run-start' } : undefined;
  if (run === undefined) return { status: 'not-reached', ...(from === undefined ? {} : { from }), reason: 'No failover was run (a dry run does not count).' };
  const reachedIndex = events.findIndex((e, i) => i > runIndex && e.kind === 'mailboxes-reachable');
  const reached = events[reachedIndex];
  if (reached === undefined || reached.kind !== 'mailboxes-reachable' || from === undefined) {
    return { status: 'not-reached', ...(from === undefined ? {} : { from }), reason: 'The mailboxes were not reachable again yet (no mailboxes-reachable after the failover started).' };
  }
  // The steps of the failover runs up to the mailboxes reachable again (every attempt; dry runs excluded).
  let inRun = false;
  const open = new Map<string, number>();
  let stepsMs = 0;
  let waitedMs = 0;
  let unmatched = 0;
  let planningFrom: number | undefined;
  for (const event of events.slice(runIndex, reachedIndex + 1)) {
    if (inRun && planningFrom !== undefined && (event.kind === 'step-start' || event.kind === 'step-end')) {
      stepsMs += Math.max(0, ms(event.at) - planningFrom);
      planningFrom = undefined;
    }
    if (event.kind === 'run-start') {
      unmatched += open.size;
      open.clear();
      inRun = event.runbook === 'failover' && !event.dryRun;
      planningFrom = inRun ? ms(event.at) : undefined;
    } else if (event.kind === 'run-end') {
      unmatched += open.size;
      open.clear();
      inRun = false;
      planningFrom = undefined;
    } else if (inRun && event.kind === 'step-start') {
      if (open.has(event.step)) unmatched += 1;
      open.set(event.step, ms(event.at));
    } else if (inRun && event.kind === 'step-end') {
      const start = open.get(event.step);
      if (start === undefined) continue; // a step skipped as done by a resumed run: no time of its own
      open.delete(event.step);
      stepsMs += Math.max(0, ms(event.at) - start);
      waitedMs += event.waitedForOperatorMs ?? 0;
    }
  }
  // The step that reached the mailboxes may still be open (its step-end comes after mailboxes-reachable): up to then.
  for (const start of open.values()) stepsMs += Math.max(0, ms(reached.at) - start);
  const fail = events.find((e) => e.kind === 'time-to-fail-reached');
  const prompt = events.find((e) => e.kind === 'prompt-shown');
  const operatorFrom = fail?.at ?? prompt?.at;
  const beforeRun = operatorFrom === undefined ? 0 : Math.max(0, ms(run.at) - ms(operatorFrom));
  const programShareMs = Math.max(0, stepsMs - waitedMs);
  const actions = totalActions(options.actionsMs);
  return {
    status: 'measured',
    from,
    to: { at: reached.at, server: reached.server, count: reached.count },
    totalMs: Math.max(0, ms(reached.at) - ms(from.at)),
    ...(missed !== undefined && fail !== undefined ? { detectionMs: Math.max(0, ms(fail.at) - ms(missed.at)) } : {}),
    operatorMs: beforeRun + waitedMs,
    programShareMs,
    ...(actions === undefined ? {} : { overheadMs: Math.max(0, programShareMs - actions) }),
    unmatchedStarts: unmatched,
  };
}

export function incidentMeasures(events: readonly TimelineEvent[], options: MeasureOptions = {}): IncidentMeasures {
  return { recoveryTime: recoveryTime(events, options), recoveryPoint: recoveryPoint(events) };
}

/** "1 h 2 min 5 s", "12.3 s", "850 ms". */
export function formatMs(value: number): string {
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const s = Math.round(value / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h} h ` : ''}${m} min ${s % 60} s`;
}

/** Lines for a report: the recovery time with its parts, and the recovery point (or why it is unknown). */
export function measureLines(measures: IncidentMeasures): string[] {
  const lines: string[] = [];
  const rt = measures.recoveryTime;
  if (rt.status === 'measured') {
    lines.push(
      `Recovery time: ${formatMs(rt.totalMs)} (${rt.from.basis === 'first-missed-reply' ? 'first missed reply' : 'failover started; the monitor saw no missed reply'} ${rt.from.at} → ${rt.to.count} mailboxes reachable on ${rt.to.server} ${rt.to.at})`,
      `  ${rt.detectionMs === undefined ? '' : `detection ${formatMs(rt.detectionMs)}, `}people ${formatMs(rt.operatorMs)}, the program and its tools ${formatMs(rt.programShareMs)}${rt.overheadMs === undefined ? '' : ` (of which the runbook itself ${formatMs(rt.overheadMs)})`}${rt.unmatchedStarts > 0 ? `; ${rt.unmatchedStarts} step attempt(s) killed, their time unknown` : ''}`,
    );
  } else {
    lines.push(`Recovery time: not measured: ${rt.reason}`);
  }
  const rp = measures.recoveryPoint;
  lines.push(
    rp.status === 'recorded'
      ? `Recovery point: ${rp.queuedBytes} bytes queued when the source was lost (${rp.at}); queue last empty ${rp.lastEmptyAt ?? 'not seen while sampled'}. ${rp.detail}`
      : `Recovery point: unknown. ${rp.reason}`,
  );
  return lines;
}
