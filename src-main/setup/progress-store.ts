import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { stepInputSchema, type StepInput } from '../contract/steps';
import { writeFileAtomic } from '../shared/write-file-atomic';

/**
 * Where each step stands, kept on disk so that a crash or restart of the program loses nothing.
 * Version 1 lives beside the lab; the pair document (a later issue) will hold the same record.
 */
const stepRecordSchema = z.object({
  state: z.enum(['done', 'needs-attention']),
  at: z.string(),
  note: z.string().optional(),
  input: stepInputSchema.optional(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

const progressFileSchema = z.object({
  version: z.literal(1),
  steps: z.record(z.string(), stepRecordSchema),
});
type ProgressFile = z.infer<typeof progressFileSchema>;

export class ProgressFileError extends Error {
  override readonly name = 'ProgressFileError';
}

export interface ProgressStore {
  get(stepId: string): StepRecord | undefined;
  /** Records the step's outcome and the input it was applied with; resolves once it is on disk. */
  record(stepId: string, record: StepRecord): Promise<void>;
  inputOf(stepId: string): StepInput | undefined;
}

/** Opens (or starts) the progress file; a damaged file is refused with a message naming the file and the field. */
export async function openProgressStore(file: string): Promise<ProgressStore> {
  let data: ProgressFile = { version: 1, steps: {} };
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ProgressFileError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    const parsed = progressFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProgressFileError(`${file}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}`);
    }
    data = parsed.data;
  }

  let writing: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    const snapshot = JSON.stringify(data, null, 2) + '\n';
    writing = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, Buffer.from(snapshot, 'utf8'));
    });
    return writing;
  };

  return {
    get: (stepId) => data.steps[stepId],
    inputOf: (stepId) => data.steps[stepId]?.input,
    record(stepId, record) {
      data = { ...data, steps: { ...data.steps, [stepId]: record } };
      return save();
    },
  };
}
