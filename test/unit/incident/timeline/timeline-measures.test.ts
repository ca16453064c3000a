import { describe, expect, it } from 'vitest';
import { incidentMeasures, measureLines, recoveryPoint, recoveryTime } from '../../../../src-main/incident/timeline/timeline-measures';
import type { TimelineEvent } from '../../../../src-main/incident/runbook/timeline-event';

const t = (s: number): string => new Date(Date.UTC(2026, 11, 8, 3, 0, 0) + s * 1000).toISOString();

const monitored: TimelineEvent[] = [
  { kind: 'first-missed-reply', at: t(0), address: '10.0.0.20', detail: 'timed out' },
  { kind: 'replication-at-loss', at: t(0), queuedBytes: 4096, lastEmptyAt: t(-30), detail: 'SRC1: 4096 bytes queued' },
  { kind: 'time-to-fail-reached', at: t(6), detail: 'both paths agree' },
  { kind: 'prompt-shown', at: t(6), where: 'window' },
];

function run(start: number, steps: [string, number, number, number?][], reachedAt?: number): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'run-start', at: t(start), runbook: 'failover', dryRun: false, by: 'a', host: 'h' }];
  for (const [step, from, to, waited] of steps) {
    events.push({ kind: 'step-start', at: t(from), step, title: step });
    if (step === 'mailboxes-open' && reachedAt !== undefined) events.push({ kind: 'mailboxes-reachable', at: t(reachedAt), server: 'EXCHVS-DR', count: 12 });
    events.push({ kind: 'step-end', at: t(to), step, result: 'done', ...(waited === undefined ? {} : { waitedForOperatorMs: waited * 1000 }) });
  }
  return events;
}

describe('recoveryTime', () => {
  it('measures first missed reply → mailboxes reachable, with detection, people and the program share', () => {
    // The run starts at 15 s and plans for 1 s before its first step.
    const events = [...monitored, ...run(15, [['confirm-source-down', 16, 17], ['intervention', 17, 47, 30], ['exchfailover', 47, 60], ['mailboxes-open', 60, 62]], 61)];
    const rt = recoveryTime(events, { actionsMs: { exchfailover: 12_000, 'mailboxes-open': 1_000 } });
    expect(rt).toEqual({
      status: 'measured',
      from: { at: t(0), basis: 'first-missed-reply' },
      to: { at: t(61), server: 'EXCHVS-DR', count: 12 },
      totalMs: 61_000,
      detectionMs: 6_000,
      // 9 s from Time to Fail to the run's start, 30 s inside the intervention step.
      operatorMs: 39_000,
      // Planning 1 s + steps 1 + 30 + 13 + (60→61, up to reachable) = 46 s, minus 30 s of waiting.
      programShareMs: 16_000,
      overheadMs: 3_000,
      unmatchedStarts: 0,
    });
  });

  it('starts at the run when the monitor saw nothing, counts the steps of every attempt, and a killed attempt as unmatched', () => {
    const first = run(0, [['confirm-source-down', 0, 1], ['exchfailover', 1, 1]]).slice(0, -1); // killed inside exchfailover
    const second: TimelineEvent[] = [
      { kind: 'run-start', at: t(100), runbook: 'failover', dryRun: false, by: 'a', host: 'h' },
      { kind: 'step-end', at: t(100), step: 'confirm-source-down', result: 'skipped' },
      ...run(100, [['exchfailover', 100, 110], ['mailboxes-open', 110, 111]], 111).slice(1),
    ];
    const rt = recoveryTime([...first, ...second]);
    expect(rt).toMatchObject({ status: 'measured', from: { basis: 'run-start', at: t(0) }, totalMs: 111_000, programShareMs: 12_000, unmatchedStarts: 1 });
    expect(rt).not.toHaveProperty('overheadMs');
  });

  it('is not measured before the mailboxes are reachable, nor from a dry run', () => {
    expect(recoveryTime(monitored)).toMatchObject({ status: 'not-reached', from: { basis: 'first-missed-reply' }, reason: expect.stringContaining('No failover was run') });
    const dry: TimelineEvent[] = [{ kind: 'run-start', at: t(1), runbook: 'failover', dryRun: true, by: 'a', host: 'h' }, { kind: 'mailboxes-reachable', at: t(2), server: 'X', count: 1 }];
    expect(recoveryTime(dry).status).toBe('not-reached');
    expect(recoveryTime([...monitored, ...run(10, [['exchfailover', 10, 20]])])).toMatchObject({ status: 'not-reached', reason: expect.stringContaining('not reachable again') });
  });
});

describe('recoveryPoint', () => {
  it('is the queue at the loss, or unknown (never 0) when nothing was recorded', () => {
    expect(recoveryPoint(monitored)).toEqual({ status: 'recorded', at: t(0), queuedBytes: 4096, lastEmptyAt: t(-30), detail: 'SRC1: 4096 bytes queued' });
    const unknown = recoveryPoint([]);
    expect(unknown.status).toBe('unknown');
    expect(measureLines(incidentMeasures([])).join('\n')).toContain('Recovery point: unknown.');
    expect(measureLines(incidentMeasures([])).join('\n')).not.toMatch(/\b0 bytes/);
  });
});
