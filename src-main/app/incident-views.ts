/**
 * The failover panel's views (contract/incident.ts) made from the incident services' own values: the monitor's
 * snapshot, a run's state file, the timeline and its measures. Pure.
 */
import type { MeasuresView, MonitorView, PromptView, RunView } from '../contract/incident';
import type { MonitorSnapshot } from '../incident/monitor/monitor-snapshot';
import type { RunbookState } from '../incident/runbook/runbook-state';
import type { TimelineEvent } from '../incident/runbook/timeline-event';
import type { InterventionPrompt } from '../incident/store/prompt-file';
import { formatMs, incidentMeasures } from '../incident/timeline/timeline-measures';
import type { PairDocument } from '../pair/pair-document-schema';

export function monitorView(snapshot: MonitorSnapshot | undefined, pair: PairDocument | undefined, now: Date): MonitorView {
  const intervalSeconds = snapshot !== undefined && snapshot.intervalSeconds > 0 ? snapshot.intervalSeconds : (pair?.monitor.intervalSeconds ?? 5);
  const missedReplies = snapshot !== undefined && snapshot.missedReplies > 0 ? snapshot.missedReplies : (pair?.monitor.missedReplies ?? 5);
  const veto = snapshot?.veto ?? (snapshot?.status === 'stopped' ? (snapshot.error ?? undefined) : undefined);
  return {
    status: snapshot?.status ?? 'stopped',
    address: snapshot?.address || pair?.monitor.monitoredAddress || '',
    name: snapshot?.name || pair?.monitor.monitoredName || '',
    probe: snapshot?.probe || 'not started',
    intervalSeconds,
    missedReplies,
    ttfSeconds: snapshot?.ttfSeconds ?? intervalSeconds * missedReplies,
    secondsLeft: snapshot?.secondsLeft ?? intervalSeconds * missedReplies,
    ...(snapshot?.lastReply === undefined ? {} : { lastReply: { at: snapshot.lastReply.at, ok: snapshot.lastReply.ok, detail: snapshot.lastReply.detail } }),
    ...(veto === undefined ? {} : { veto }),
    ...(snapshot?.flapping === undefined ? {} : { flapping: { count: snapshot.flapping.count, suggestion: snapshot.flapping.suggestion } }),
    at: snapshot?.at ?? now.toISOString(),
  };
}

export function promptView(prompt: InterventionPrompt, now: Date): PromptView {
  return {
    incident: prompt.incident,
    address: prompt.address,
    name: prompt.name,
    firstMissedAt: prompt.firstMissedAt,
    raisedAt: prompt.raisedAt,
    waitedSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(prompt.raisedAt)) / 1000)),
    probeDetail: prompt.probeDetail,
    secondPathDetail: prompt.secondPathDetail,
  };
}

/** A run as its state file holds it (a run of this program or another one, finished or not). */
export function runViewOfState(state: RunbookState, running: boolean, extra: Pick<RunView, 'series'> & Partial<Pick<RunView, 'progress' | 'question'>>): RunView {
  return {
    incident: state.incident,
    runbook: state.runbook,
    dryRun: state.dryRun,
    running,
    by: state.by,
    host: state.host,
    startedAt: state.startedAt,
    ...(state.endedAt === undefined ? {} : { endedAt: state.endedAt }),
    ...(state.outcome === undefined ? {} : { outcome: state.outcome }),
    ...(state.failedStep === undefined ? {} : { failedStep: state.failedStep }),
    steps: state.steps.map((step) => ({
      id: step.id,
      title: step.title,
      guide: step.guide,
      status: step.skippedAsDone === true ? 'skipped' : step.status,
      ...(step.startedAt === undefined ? {} : { startedAt: step.startedAt }),
      ...(step.endedAt === undefined ? {} : { endedAt: step.endedAt }),
      ...(step.result === undefined ? {} : { detail: step.result }),
      ...(step.checks === undefined ? {} : { checks: step.checks.map((c) => ({ ...c })) }),
    })),
    ...extra,
  };
}

/** One timeline event in words. */
export function timelineText(event: TimelineEvent): string {
  switch (event.kind) {
    case 'first-missed-reply':
      return `First missed reply from ${event.address}: ${event.detail}`;
    case 'time-to-fail-reached':
      return `Time to Fail reached zero: ${event.detail}`;
    case 'prompt-shown':
      return `Manual intervention prompt shown (${event.where})`;
    case 'intervention':
      return `Intervention ${event.accepted ? 'accepted' : 'declined'} by ${event.by} after ${formatMs(event.waitedMs)}${event.note === undefined ? '' : `: ${event.note}`}`;
    case 'replication-at-loss':
      return `Double-Take queue at the loss: ${event.queuedBytes} bytes${event.lastEmptyAt === undefined ? '' : `, last empty ${event.lastEmptyAt}`} (${event.detail})`;
    case 'run-start':
      return `${event.dryRun ? 'Rehearsal (dry run) of the' : 'Guided'} ${event.runbook} started by ${event.by} on ${event.host}`;
    case 'step-start':
      return `Step ${event.step} started: ${event.title}`;
    case 'step-end':
      return `Step ${event.step} ${event.result}${event.detail === undefined ? '' : `: ${event.detail}`}${event.waitedForOperatorMs ? ` (waited ${formatMs(event.waitedForOperatorMs)} for a person)` : ''}`;
    case 'mailboxes-reachable':
      return `All ${event.count} mailboxes reachable on ${event.server}`;
    case 'run-end':
      return `The ${event.runbook} ${event.outcome}${event.failedStep === undefined ? '' : ` at step ${event.failedStep}`} (${event.errors} errors, ${event.warnings} warnings)`;
    case 'note':
      return event.text;
  }
}

export function measuresView(events: readonly TimelineEvent[], actionsMs: Readonly<Record<string, number>>): MeasuresView {
  const { recoveryTime, recoveryPoint } = incidentMeasures(events, { actionsMs });
  return {
    ...(recoveryTime.status === 'measured'
      ? { recoveryTimeSeconds: recoveryTime.totalMs / 1000, programSeconds: recoveryTime.programShareMs / 1000 }
      : {}),
    recoveryPoint:
      recoveryPoint.status === 'recorded'
        ? {
            known: true,
            queuedBytes: recoveryPoint.queuedBytes,
            ...(recoveryPoint.lastEmptyAt === undefined ? {} : { lastEmptyAt: recoveryPoint.lastEmptyAt }),
            detail: recoveryPoint.detail,
          }
        : { known: false, detail: recoveryPoint.reason },
  };
}
