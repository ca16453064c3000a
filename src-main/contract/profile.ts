import { z } from 'zod';
import { jsonValueSchema, pairProblemSchema } from './pair';

/**
 * The connection profile on the wire (the wizard's "Connection profile" form). Its content is checked by the main
 * process with the profile's own schema (src-main/profile), which answers with problems naming each field
 * (`directory.url`); across the boundary it travels as JSON data. A profile never holds a secret.
 */

/** A profile file's path or name as typed in the preview; only bounded here, the main process's chooser decides. */
export const profileFilePathSchema = z.string().max(1024);

/** The profile to start the form from. */
export const profileTemplateSchema = z.object({ profile: jsonValueSchema });

export const profileCheckRequestSchema = z.object({ profile: jsonValueSchema }).strict();
export const profileCheckReplySchema = z.object({ problems: z.array(pairProblemSchema) });

export const profileSaveAsRequestSchema = z
  .object({ path: profileFilePathSchema.optional(), profile: jsonValueSchema, replace: z.boolean() })
  .strict();

/** The commands that use a saved profile, to show with Copy: the check of the command line and the program's start. */
export const profileCommandsSchema = z.object({
  /** `exchange-ha check --pair PAIR --profile FILE` */
  check: z.string(),
  /** `npm start -- --pair PAIR --profile FILE` */
  start: z.string(),
});
export type ProfileCommands = z.infer<typeof profileCommandsSchema>;

/** A save: refused with the profile's problems (nothing written), or the file written and how to use it. */
export const profileSaveReplySchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(false), problems: z.array(pairProblemSchema) }),
  z.object({ saved: z.literal(true), path: z.string(), commands: profileCommandsSchema }),
]);
export type ProfileSaveReply = z.infer<typeof profileSaveReplySchema>;
