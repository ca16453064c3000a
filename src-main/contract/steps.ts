import { z } from 'zod';

/** The guide's sections 3-6 as the wizard lists them; `id` is the guide's section number. */
export const stepIdSchema = z.string().regex(/^\d+(\.\d+)*$/, 'a guide section number such as 4.2.1');

export const stepStateSchema = z.enum(['not-started', 'done', 'needs-attention']);
export type StepState = z.infer<typeof stepStateSchema>;

export const stepSummarySchema = z.object({
  id: stepIdSchema,
  title: z.string(),
  section: z.string(),
  cluster: z.enum(['source', 'target', 'both', 'none']),
  /** Whether the program can plan/apply/verify this step yet, or the user works through the guide by hand. */
  automated: z.boolean(),
  state: stepStateSchema,
  doneAt: z.string().optional(),
  note: z.string().optional(),
});
export type StepSummary = z.infer<typeof stepSummarySchema>;

/** One change the step will make, shown before it is applied. */
export const plannedActionSchema = z.object({
  /** The exact command line an administrator could type for the same change (cluster.exe, dtcl, ...). */
  command: z.string(),
  description: z.string(),
  /** False when the world is already in the wanted state: the action is shown but will not run. */
  needed: z.boolean(),
});
export type PlannedAction = z.infer<typeof plannedActionSchema>;

export const stepPlanSchema = z.object({
  stepId: stepIdSchema,
  actions: z.array(plannedActionSchema),
  warnings: z.array(z.string()),
});
export type StepPlan = z.infer<typeof stepPlanSchema>;

export const verifyCheckSchema = z.object({ what: z.string(), ok: z.boolean(), detail: z.string().optional() });
export const stepVerificationSchema = z.object({
  stepId: stepIdSchema,
  ok: z.boolean(),
  checks: z.array(verifyCheckSchema),
});
export type StepVerification = z.infer<typeof stepVerificationSchema>;

/** Form for 4.2.1 Create the Exchange group (Cluster Administrator: New, Group). */
export const createGroupFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a group name.')
    .max(64, 'A group name can be at most 64 characters.')
    .refine((s) => !/["\r\n\t]/.test(s), 'A group name cannot contain quotes, tabs or line breaks.'),
  description: z
    .string()
    .max(256, 'A description can be at most 256 characters.')
    .refine((s) => !/["\r\n]/.test(s), 'A description cannot contain quotes or line breaks.')
    .default(''),
});
export type CreateGroupForm = z.infer<typeof createGroupFormSchema>;

/** The input of each automated step, keyed by step id. */
export const stepInputSchema = z.discriminatedUnion('stepId', [
  z.object({ stepId: z.literal('4.2.1'), form: createGroupFormSchema }),
]);
export type StepInput = z.infer<typeof stepInputSchema>;
