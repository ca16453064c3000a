/**
 * The failover panel's side of the contract (guide sections 6-8): what the monitor shows, the manual intervention
 * prompt kept on disk, the guided failover and failback runs, and the last incident's timeline with its measured
 * recovery time and point. The renderer reads `incident.state` about once a second (the monitor runs in the main
 * process whether the panel is open or not); runs are jobs with progress and log lines.
 */
import { z } from 'zod';
import { verifyCheckSchema } from './steps';

/**
 * green: replies arrive; yellow: a quarter of Time to Fail is used without a reply; red: Time to Fail reached zero
 * and the second path is being asked; vetoed: zero reached but the second path found the source up (nothing raised);
 * raised: the manual intervention prompt is up; stopped: the monitor is not running.
 */
export const monitorStatusSchema = z.enum(['stopped', 'green', 'yellow', 'red', 'vetoed', 'raised']);
export type MonitorStatus = z.infer<typeof monitorStatusSchema>;

export const monitorViewSchema = z.object({
  status: monitorStatusSchema,
  /** The monitored address and name (the pair document's monitor). */
  address: z.string(),
  name: z.string(),
  /** How it probes ("ICMP echo to 10.0.0.20", "the lab's answer for 10.0.0.20"). */
  probe: z.string(),
  intervalSeconds: z.number().positive(),
  missedReplies: z.number().int().positive(),
  /** Time to Fail when full (interval × missed) and left now, in seconds. */
  ttfSeconds: z.number().nonnegative(),
  secondsLeft: z.number().nonnegative(),
  lastReply: z.object({ at: z.string(), ok: z.boolean(), detail: z.string() }).optional(),
  /** Why the second path vetoed the failure (status vetoed). */
  veto: z.string().optional(),
  /** A source failing and recovering repeatedly: how often, and the interval × missed suggested instead. */
  flapping: z.object({ count: z.number().int().nonnegative(), suggestion: z.string() }).optional(),
  /** When this view was taken (ISO 8601). */
  at: z.string(),
});
export type MonitorView = z.infer<typeof monitorViewSchema>;

/** The manual intervention prompt, pending until answered (kept on disk). */
export const promptViewSchema = z.object({
  incident: z.string(),
  address: z.string(),
  name: z.string(),
  firstMissedAt: z.string(),
  raisedAt: z.string(),
  /** How long it has waited for an answer, in seconds. */
  waitedSeconds: z.number().nonnegative(),
  probeDetail: z.string(),
  secondPathDetail: z.string(),
});
export type PromptView = z.infer<typeof promptViewSchema>;

export const runbookKindSchema = z.enum(['failover', 'failback']);
export type RunbookKind = z.infer<typeof runbookKindSchema>;

export const runStepStatusSchema = z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'cancelled', 'planned']);

/** One action of a step's plan, as shown before anything runs. */
export const runActionViewSchema = z.object({
  tool: z.enum(['cluster', 'dtcl', 'exchfailover', 'directory', 'probe', 'wait', 'operator']),
  target: z.string(),
  command: z.string(),
  description: z.string(),
  needed: z.boolean(),
});

export const runStepPlanViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  guide: z.string(),
  actions: z.array(runActionViewSchema),
  warnings: z.array(z.string()),
  findings: z.array(z.string()),
  refusal: z.string().optional(),
});
export type RunStepPlanView = z.infer<typeof runStepPlanViewSchema>;

/** The whole plan of a runbook, shown before anything changes. */
export const runPlanViewSchema = z.object({
  runbook: runbookKindSchema,
  steps: z.array(runStepPlanViewSchema),
  /** True when a step refuses: the run would stop there (split brain, queue not empty, ...). */
  refused: z.boolean(),
  /** The equivalent script (the failover's postover.bat), when there is one. */
  script: z.string().optional(),
});
export type RunPlanView = z.infer<typeof runPlanViewSchema>;

export const runOutcomeSchema = z.enum(['succeeded', 'succeeded-with-warnings', 'failed', 'cancelled']);
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

/** A question the running runbook waits on (the intervention, the scheduled downtime, the guard period's reason). */
export const runQuestionSchema = z.object({ kind: z.enum(['intervention', 'downtime', 'guard']), text: z.string() });

export const runViewSchema = z.object({
  incident: z.string(),
  runbook: runbookKindSchema,
  dryRun: z.boolean(),
  /** True while it runs in this program. */
  running: z.boolean(),
  by: z.string(),
  host: z.string(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  outcome: runOutcomeSchema.optional(),
  failedStep: z.string().optional(),
  steps: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      guide: z.string(),
      status: runStepStatusSchema,
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
      detail: z.string().optional(),
      checks: z.array(verifyCheckSchema).optional(),
    }),
  ),
  /** The long action now (the mirror, the queue draining, the stores mounting). */
  progress: z.object({ what: z.string(), text: z.string(), fraction: z.number().min(0).max(1).optional() }).optional(),
  /** Bytes over time for the chart (the mirror's bytes left, the queue draining): at most the last 600 samples. */
  series: z.array(z.object({ at: z.string(), bytes: z.number().int().nonnegative(), what: z.string() })).max(600),
  question: runQuestionSchema.optional(),
});
export type RunView = z.infer<typeof runViewSchema>;

/** The measured recovery time and point (from the timeline). */
export const measuresViewSchema = z.object({
  /** First missed reply (or the run's start) to every mailbox reachable, in seconds; absent until reachable. */
  recoveryTimeSeconds: z.number().nonnegative().optional(),
  /** Of it, the time the program's own work took (not waiting for people, the engine or the clusters). */
  programSeconds: z.number().nonnegative().optional(),
  recoveryPoint: z.object({
    known: z.boolean(),
    queuedBytes: z.number().int().nonnegative().optional(),
    lastEmptyAt: z.string().optional(),
    detail: z.string(),
  }),
});
export type MeasuresView = z.infer<typeof measuresViewSchema>;

export const timelineEntryViewSchema = z.object({ at: z.string(), kind: z.string(), text: z.string() });

export const incidentViewSchema = z.object({
  id: z.string(),
  timeline: z.array(timelineEntryViewSchema),
  measures: measuresViewSchema,
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

export const incidentStateSchema = z.object({
  monitor: monitorViewSchema,
  prompt: promptViewSchema.optional(),
  /** The run going on now, or the last incident's last run. */
  run: runViewSchema.optional(),
  lastIncident: incidentViewSchema.optional(),
  /** The lab's failures pulled now ("source (since …)", "node SRC1 (since …)"); absent on a real pair. */
  labFailures: z.array(z.string()).optional(),
});
export type IncidentState = z.infer<typeof incidentStateSchema>;

/** Starts a guided run. `reason`: what a failover within the guard period after a failback needs. */
export const incidentRunRequestSchema = z
  .object({
    runbook: runbookKindSchema,
    dryRun: z.boolean(),
    /** Resume the last incident's unfinished run of this kind instead of starting one. */
    resume: z.boolean().optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/** The answer to the run's question (or to the monitor's prompt). */
export const incidentAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), note: z.string().max(2000).optional() }).strict(),
  z.object({ kind: z.literal('declined'), note: z.string().max(2000).optional() }).strict(),
  /** The downtime chosen, as local time of day HH:MM (today, or tomorrow when already past). */
  z.object({ kind: z.literal('scheduled'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM') }).strict(),
]);
export type IncidentAnswer = z.infer<typeof incidentAnswerSchema>;

/** The lab's failures the lab panel pulls and restores. */
export const labFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['source', 'target', 'link', 'split']) }).strict(),
  z.object({ kind: z.literal('node'), node: z.string().regex(/^[A-Za-z0-9-]{1,15}$/, 'a node name') }).strict(),
]);
export type LabFailureInput = z.infer<typeof labFailureSchema>;
