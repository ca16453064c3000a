import { z } from 'zod';

/** The guide's sections 3-6 as the wizard lists them; `id` is the guide's section number. */
export const stepIdSchema = z.string().regex(/^\d+(\.\d+)*$/, 'a guide section number such as 4.2.1');

/**
 * Where a step stands. `planned`: its plan was shown; `applied`: its changes ran but verification has not passed
 * yet; `verified`: verification passed; `failed`: the last apply or verification failed; `done-by-hand`: the
 * administrator did it outside the program and said so with a note (verification still checks it);
 * `needs-recheck`: it was applied, verified or done by hand against another pair document than the one open now
 * (another file, or the same file changed since), so what it checked may not be what this document asks: plan and
 * verify it again. It is never stored: opening that document again brings the step's own state back.
 */
export const stepStateSchema = z.enum(['not-started', 'planned', 'applied', 'verified', 'failed', 'done-by-hand', 'needs-recheck']);
export type StepState = z.infer<typeof stepStateSchema>;

/** `manual`: the program cannot do it (backups); the administrator confirms it with a note. */
export const stepKindSchema = z.enum(['automated', 'manual']);
export type StepKind = z.infer<typeof stepKindSchema>;

export const stepSummarySchema = z.object({
  id: stepIdSchema,
  title: z.string(),
  section: z.string(),
  cluster: z.enum(['source', 'target', 'both', 'none']),
  kind: stepKindSchema,
  state: stepStateSchema,
  /** When the state last changed (ISO 8601). */
  at: z.string().optional(),
  /** The administrator's note for a step done by hand or confirmed. */
  note: z.string().optional(),
  /** Steps that must be verified (or done by hand) before this one is applied. */
  requires: z.array(stepIdSchema),
  /**
   * True when the step was last verified (or applied) against an earlier version of the pair document: what it
   * checked may no longer be what the document asks for, so it should be planned and verified again. The state is
   * then `needs-recheck`, and `recheckOf` says what it was under that other document.
   */
  stale: z.boolean().optional(),
  /** For a step that `needs-recheck`: the state it reached under the other pair document. */
  recheckOf: z.enum(['applied', 'verified', 'done-by-hand']).optional(),
});
export type StepSummary = z.infer<typeof stepSummarySchema>;

/** Which tool a planned change goes through, so the wizard can label it and the log can group it. */
export const actionToolSchema = z.enum(['cluster', 'dtcl', 'file', 'directory', 'record']);
export type ActionTool = z.infer<typeof actionToolSchema>;

/**
 * Whether an action of this tool changes something outside the program — a cluster, Double-Take on a node, a node's
 * file or the directory — rather than only the program's own record. On a real pair such changes are applied only
 * once the administrator has confirmed them.
 */
export const changesOutsideProgram = (tool: ActionTool): boolean => tool !== 'record';

/** One change the step will make, shown before it is applied. */
export const plannedActionSchema = z.object({
  tool: actionToolSchema,
  /** The cluster or node the change is made on (or the directory server). */
  target: z.string(),
  /**
   * The exact command line(s) an administrator could type for the same change (cluster.exe, a DTCL script with
   * the password masked, a file edit shown as before/after lines). Several lines are separated by "\n".
   */
  command: z.string(),
  description: z.string(),
  /** False when the world is already in the wanted state: the action is shown but will not run. */
  needed: z.boolean(),
});
export type PlannedAction = z.infer<typeof plannedActionSchema>;

/** A SHA-256 digest in hexadecimal. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest (64 hexadecimal digits)');

export const stepPlanSchema = z.object({
  stepId: stepIdSchema,
  actions: z.array(plannedActionSchema),
  /** Things the administrator should know before applying (differences found, odd settings left alone). */
  warnings: z.array(z.string()),
  /** What the step found in the world that is not a change (e.g. the recorded Exchange configuration). */
  findings: z.array(z.string()),
  /** The digest of the pair document the plan was made from. */
  pairDigest: sha256HexSchema,
  /**
   * The plan's digest: SHA-256 of its canonical view (the step, every action's tool, target, command and whether it
   * is needed, the warnings, the pair document's digest; src-main/setup/plan-digest.ts). Apply carries the digest of
   * the plan the administrator saw and runs only a plan with that digest.
   */
  digest: sha256HexSchema,
});
export type StepPlan = z.infer<typeof stepPlanSchema>;

/**
 * How the plan made at apply differs from the plan the administrator saw (whose digest Apply carried). Actions are
 * the same when their tool, target and command are; nothing of the step ran.
 */
export const planChangesSchema = z.object({
  /** False when the program no longer knows the plan with that digest: only the new plan can be shown. */
  known: z.boolean(),
  /** The pair document changed since the plan seen was made. */
  pairChanged: z.boolean(),
  added: z.array(plannedActionSchema),
  removed: z.array(plannedActionSchema),
  /** Actions of both plans whose `needed` changed, as they are now. */
  neededChanged: z.array(plannedActionSchema),
  warningsAdded: z.array(z.string()),
  warningsRemoved: z.array(z.string()),
  /** The same actions and warnings in another order. */
  reordered: z.boolean(),
});
export type PlanChanges = z.infer<typeof planChangesSchema>;

export const verifyCheckSchema = z.object({ what: z.string(), ok: z.boolean(), detail: z.string().optional() });
export type VerifyCheck = z.infer<typeof verifyCheckSchema>;
export const stepVerificationSchema = z.object({
  stepId: stepIdSchema,
  ok: z.boolean(),
  checks: z.array(verifyCheckSchema),
  at: z.string(),
});
export type StepVerification = z.infer<typeof stepVerificationSchema>;

/**
 * What Apply did: `applied` (the plan seen ran, only its needed actions, then the step was verified; the
 * verification may still fail), or `plan-changed` (the world or the pair document changed since the plan was seen:
 * nothing ran, and here is the new plan with what changed, to be read and applied again).
 */
export const stepApplyOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applied'), verification: stepVerificationSchema }),
  z.object({ kind: z.literal('plan-changed'), plan: stepPlanSchema, changes: planChangesSchema }),
]);
export type StepApplyOutcome = z.infer<typeof stepApplyOutcomeSchema>;

/**
 * The part of an automated step that only the administrator can do (step 6: the Failover Control Center monitor on
 * each target node) and their confirmation of it, if any. Confirming it is not marking the step done by hand: the
 * step keeps its state, and its verification fails until the part is confirmed for what the pair document asks now.
 */
export const stepHandworkSchema = z.object({
  what: z.string(),
  confirmation: z.object({ note: z.string(), at: z.string() }).optional(),
});
export type StepHandwork = z.infer<typeof stepHandworkSchema>;

/** What the wizard shows of one step: where it stands and what was last planned and checked. */
export const stepDetailSchema = z.object({
  summary: stepSummarySchema,
  plan: stepPlanSchema.optional(),
  verification: stepVerificationSchema.optional(),
  handwork: stepHandworkSchema.optional(),
});
export type StepDetail = z.infer<typeof stepDetailSchema>;

/** The note of a step done by hand or confirmed: what was done, by whom, where the evidence is. */
export const stepNoteSchema = z
  .string()
  .trim()
  .min(3, 'Write a note of at least 3 characters: what was done and where the evidence is.')
  .max(2000, 'A note can be at most 2000 characters.');
