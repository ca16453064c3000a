/**
 * The events of an incident's timeline, one JSON line each in `timeline.jsonl`: what the monitor saw, what the
 * operator answered, each runbook step's start and end, and the measures the recovery time and point are computed
 * from (timeline-measures.ts). Written by the monitor and the runbook runner; read by the panel and the exports.
 */
import { z } from 'zod';

export const timelineEventSchema = z.discriminatedUnion('kind', [
  /** The first probe of a run of misses (Time to Fail starts counting down). */
  z.strictObject({ kind: z.literal('first-missed-reply'), at: z.string(), address: z.string(), detail: z.string() }),
  /** Time to Fail reached zero and the second path agreed. */
  z.strictObject({ kind: z.literal('time-to-fail-reached'), at: z.string(), detail: z.string() }),
  /** The manual intervention prompt was shown (the window, a notification, the banner, the command line). */
  z.strictObject({ kind: z.literal('prompt-shown'), at: z.string(), where: z.string() }),
  /** The operator accepted (or declined) the intervention: who, and after how long the prompt waited. */
  z.strictObject({ kind: z.literal('intervention'), at: z.string(), accepted: z.boolean(), by: z.string(), waitedMs: z.number().int().nonnegative(), note: z.string().optional() }),
  /** Double-Take's queue when the source was lost, and when it was last empty (the recovery point). */
  z.strictObject({
    kind: z.literal('replication-at-loss'),
    at: z.string(),
    queuedBytes: z.number().int().nonnegative(),
    lastEmptyAt: z.string().optional(),
    detail: z.string(),
  }),
  z.strictObject({ kind: z.literal('run-start'), at: z.string(), runbook: z.enum(['failover', 'failback']), dryRun: z.boolean(), by: z.string(), host: z.string() }),
  z.strictObject({ kind: z.literal('step-start'), at: z.string(), step: z.string(), title: z.string() }),
  z.strictObject({
    kind: z.literal('step-end'),
    at: z.string(),
    step: z.string(),
    result: z.enum(['done', 'skipped', 'failed', 'cancelled', 'planned']),
    detail: z.string().optional(),
    /** Time spent waiting for a person inside the step (ms). */
    waitedForOperatorMs: z.number().int().nonnegative().optional(),
  }),
  /** Every mailbox can be opened again (on the target after a failover, on the source after a failback). */
  z.strictObject({ kind: z.literal('mailboxes-reachable'), at: z.string(), server: z.string(), count: z.number().int().nonnegative() }),
  z.strictObject({
    kind: z.literal('run-end'),
    at: z.string(),
    runbook: z.enum(['failover', 'failback']),
    outcome: z.enum(['succeeded', 'succeeded-with-warnings', 'failed', 'cancelled']),
    failedStep: z.string().optional(),
    errors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  }),
  /** A free note (a refusal explained, a step skipped as already done, the flapping the monitor counted). */
  z.strictObject({ kind: z.literal('note'), at: z.string(), text: z.string() }),
]);

export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** An event as a writer gives it: the `at` may be left to the store (the clock's now). */
export type TimelineEventInput = TimelineEvent extends infer E ? (E extends { at: string } ? Omit<E, 'at'> & { at?: string } : never) : never;
