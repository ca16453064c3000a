import { z } from 'zod';

/**
 * The pair document on the wire. Its content is checked by the main process with the pair document's own schema
 * (src-main/pair), which answers with problems naming each field; across the boundary it travels as JSON data.
 */

/** One problem with the document: the field's path (`source.ipAddress.address`) and what to do about it. */
export const pairProblemSchema = z.object({ path: z.string(), message: z.string() });
export type PairProblemView = z.infer<typeof pairProblemSchema>;

/** JSON data: what a parsed JSON file can hold. */
export const jsonValueSchema: z.ZodType<unknown> = z.unknown().refine((v) => {
  try {
    return JSON.stringify(v) !== undefined;
  } catch {
    return false;
  }
}, 'JSON data');

/**
 * A pair document's path as typed in the wizard. Only bounded here; the main process checks it in full
 * (src-main/pair/pair-file-path) and answers with a message the wizard shows under the field.
 */
export const pairFilePathSchema = z.string().max(1024);

export const pairStatusSchema = z.object({
  /** Where the document lives (the user chose it; the lab keeps it in the lab folder). */
  path: z.string(),
  /** The document as read (may be invalid: then `problems` says why), or undefined when the file does not exist. */
  document: jsonValueSchema.optional(),
  problems: z.array(pairProblemSchema),
  /** False when the save was refused for problems (nothing was written). */
  saved: z.boolean(),
});
export type PairStatus = z.infer<typeof pairStatusSchema>;
