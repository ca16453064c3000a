/**
 * The manual intervention prompt, kept on disk (`prompt.json` in the incidents folder) from the moment the monitor
 * raises it until someone answers it, so that whoever opens the program — or runs `exchange-ha incident status` —
 * later sees it first, with when it was raised and how long it has waited. Written atomically.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../shared/write-file-atomic';

export const PROMPT_FILE = 'prompt.json';

export const interventionPromptSchema = z.strictObject({
  /** The incident the prompt opened (its folder holds the timeline). */
  incident: z.string(),
  /** The monitored address and name. */
  address: z.string(),
  name: z.string(),
  /** ISO 8601: the first missed reply, and when Time to Fail reached zero (the prompt was raised). */
  firstMissedAt: z.string(),
  raisedAt: z.string(),
  /** What the probe and the second path found. */
  probeDetail: z.string(),
  secondPathDetail: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  answeredBy: z.string().optional(),
  answeredAt: z.string().optional(),
  note: z.string().optional(),
});
export type InterventionPrompt = z.infer<typeof interventionPromptSchema>;

export class PromptFileError extends Error {
  override readonly name = 'PromptFileError';
}

export function promptFile(incidentsRoot: string): string {
  return join(incidentsRoot, PROMPT_FILE);
}

/** The prompt on disk, or undefined when there is none. A damaged file is refused, naming it. */
export async function readPrompt(incidentsRoot: string): Promise<InterventionPrompt | undefined> {
  const file = promptFile(incidentsRoot);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PromptFileError(`${file} is not JSON; move it away to clear the prompt.`);
  }
  const parsed = interventionPromptSchema.safeParse(value);
  if (!parsed.success) throw new PromptFileError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export async function writePrompt(incidentsRoot: string, prompt: InterventionPrompt): Promise<void> {
  await writeFileAtomic(promptFile(incidentsRoot), [`${JSON.stringify(interventionPromptSchema.parse(prompt), null, 2)}\n`]);
}

/** Removes the prompt once its incident has been dealt with (the failover that answered it has ended). */
export async function clearPrompt(incidentsRoot: string): Promise<void> {
  await rm(promptFile(incidentsRoot), { force: true });
}
