import { z } from 'zod';

/** A name as ExchFailover takes it: a virtual server, storage group or store (no control characters). */
const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(256, 'A name can be at most 256 characters.')
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'A name cannot contain control characters.');

/** One `-r` rule, structured (the command line parses the seed's text form into the same shape). */
export const pairingRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('one-to-one') }).strict(),
  z.object({ kind: z.literal('group'), sourceGroup: nameSchema, targetGroup: nameSchema }).strict(),
  z
    .object({
      kind: z.literal('store'),
      sourceGroup: nameSchema,
      sourceStore: nameSchema,
      targetGroup: nameSchema,
      targetStore: nameSchema,
    })
    .strict(),
]);

/** The same request the `exchfailover` command line builds: the GUI calls the same engine. */
export const failoverRequestSchema = z
  .object({
    direction: z.enum(['failover', 'failback']),
    source: nameSchema,
    target: nameSchema,
    rules: z.array(pairingRuleSchema).max(200),
    setupOnly: z.boolean(),
    test: z.boolean(),
    noRus: z.boolean(),
    noSpn: z.boolean(),
  })
  .strict();
export type FailoverRequestInput = z.infer<typeof failoverRequestSchema>;

const phaseNameSchema = z.enum(['patch-flag', 'mailboxes', 'public-folders', 'rus', 'spn', 'routing-master']);

export const failoverOutcomeSchema = z.object({
  status: z.enum(['planned', 'done', 'stopped', 'verify-failed']),
  pairs: z.array(
    z.object({
      sourceGroup: z.string(),
      sourceStore: z.string(),
      targetGroup: z.string(),
      targetStore: z.string(),
      kind: z.enum(['mailbox', 'public']),
      databaseFile: z.string(),
    }),
  ),
  unpaired: z.array(z.string()),
  phases: z.array(
    z.object({
      phase: phaseNameSchema,
      planned: z.number().int().nonnegative(),
      applied: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      conflicts: z.number().int().nonnegative(),
      errors: z.number().int().nonnegative(),
    }),
  ),
  conflicts: z.array(
    z.object({ dn: z.string(), attribute: z.string(), expected: z.array(z.string()), found: z.array(z.string()) }),
  ),
  errors: z.array(z.string()),
  mailboxCounts: z.array(z.object({ store: z.string(), server: z.string(), count: z.number().int().nonnegative() })),
  verification: z.array(z.object({ what: z.string(), ok: z.boolean(), detail: z.string().optional() })),
  journalFile: z.string().optional(),
});
export type FailoverOutcomeView = z.infer<typeof failoverOutcomeSchema>;
