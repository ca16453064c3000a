import { askOperator, RunbookCancelled } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { failbackNames } from './failback-names';
import { MIRROR_RECORD } from './mirror';

/**
 * Guide 8 step 6 (first half): once the mirror is complete, the operator schedules the downtime. The step asks;
 * an answer with a time makes it wait until then (world time, cancellable) and ask again at that time; an
 * acceptance goes on; a refusal ends the run as cancelled.
 */

export const DOWNTIME_RECORD = 'downtime';
/** How often a scheduled wait says how long is left. */
const COUNTDOWN_STEP_MS = 60_000;

function question(context: RunbookContext): string {
  const names = failbackNames(context.pair);
  return (
    `The mirror to the source is complete. Users of ${names.targetServer} lose access while the target's Exchange resources go offline, ` +
    `the queue drains and ${names.sourceServer} comes back. Start the downtime now, or choose a time.`
  );
}

/** Waits until `at` in world time, saying how long is left; a cancel ends the run. */
async function waitUntilTime(context: RunbookContext, at: Date): Promise<void> {
  for (;;) {
    const left = at.getTime() - context.world.now().getTime();
    if (left <= 0) return;
    const minutes = Math.ceil(left / 60_000);
    context.progress({ what: 'Scheduled downtime', text: `Downtime at ${at.toISOString()}, in ${minutes} min`, secondsLeft: Math.ceil(left / 1000) });
    try {
      await context.world.sleep(Math.min(left, COUNTDOWN_STEP_MS), context.signal);
    } catch {
      throw new RunbookCancelled(`Cancelled while waiting for the downtime scheduled at ${at.toISOString()}.`);
    }
  }
}

export const downtimeStep: RunbookStep = {
  id: 'downtime',
  title: 'Schedule the downtime',
  guide: '8 step 6',

  async plan(context) {
    const recorded = context.recorded(DOWNTIME_RECORD);
    const mirrored = context.recorded(MIRROR_RECORD);
    return {
      actions: [
        {
          tool: 'operator',
          target: 'operator',
          command: `Ask: ${question(context)}`,
          description: recorded === undefined ? 'Ask the operator for the downtime; wait until the time chosen and ask again' : `Downtime accepted by ${String(recorded['by'])} at ${String(recorded['at'])}`,
          needed: recorded === undefined,
          async run(run) {
            for (;;) {
              const answer = await askOperator(run, { kind: 'downtime', text: question(run) });
              if (answer.kind === 'accepted') {
                const at = run.world.now().toISOString();
                await run.record(DOWNTIME_RECORD, { by: answer.by, at, ...(answer.note === undefined ? {} : { note: answer.note }) });
                await run.timeline({ kind: 'note', text: `Downtime started by ${answer.by}${answer.note === undefined ? '' : ` (${answer.note})`}.` });
                return;
              }
              const when = new Date(answer.at);
              if (Number.isNaN(when.getTime())) throw new Error(`The downtime time "${answer.at}" given by ${answer.by} is not a date and time (ISO 8601 expected).`);
              run.log('info', `Downtime scheduled by ${answer.by} at ${when.toISOString()}; waiting.`);
              await run.timeline({ kind: 'note', text: `Downtime scheduled by ${answer.by} at ${when.toISOString()}.` });
              await waitUntilTime(run, when);
            }
          },
        },
      ],
      warnings: [],
      findings: mirrored === undefined ? [] : [`The mirror completed at ${String(mirrored['completedAt'])}.`],
    };
  },

  async verify(context) {
    const recorded = context.recorded(DOWNTIME_RECORD);
    return [
      {
        what: 'The operator accepted the downtime',
        ok: recorded !== undefined,
        detail: recorded === undefined ? 'Not accepted yet.' : `Accepted by ${String(recorded['by'])} at ${String(recorded['at'])}.`,
      },
    ];
  },
};
