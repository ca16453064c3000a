import { z } from 'zod';

/**
 * The preflight ("Check connections") as the renderer receives it: each check of an outside system with the exact
 * command that shows the same thing and its result. It mirrors src-main/preflight/preflight-check.ts; the handler
 * passes that report through this schema, so the two cannot drift apart unnoticed.
 */
export const preflightSystemSchema = z.enum(['directory', 'cluster', 'doubletake', 'node-files']);
export type PreflightSystem = z.infer<typeof preflightSystemSchema>;

const checkBase = {
  /** Stable id, e.g. `directory.bind`, `cluster.nodes.SRCCLUS`, `doubletake.login.SRC1`. */
  id: z.string().min(1).max(200),
  system: preflightSystemSchema,
  title: z.string(),
  where: z.string(),
  /** The exact command (passwords as `********`); may span lines. */
  command: z.string(),
};

export const preflightCheckSchema = z.discriminatedUnion('result', [
  z.object({ ...checkBase, result: z.literal('ok'), detail: z.string() }),
  z.object({
    ...checkBase,
    result: z.literal('failed'),
    failure: z.object({ what: z.string(), where: z.string(), next: z.string() }),
  }),
  z.object({ ...checkBase, result: z.literal('skipped'), skippedBecause: z.string() }),
]);
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const preflightReportSchema = z.object({
  /** True only when every check passed. */
  passed: z.boolean(),
  cancelled: z.boolean(),
  checks: z.array(preflightCheckSchema),
});
export type PreflightReport = z.infer<typeof preflightReportSchema>;
