import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { stepPlanSchema, stepStateSchema, stepVerificationSchema } from '../contract/steps';
import { writeFileAtomic } from '../shared/write-file-atomic';

/**
 * Where each step stands, kept on disk so that a crash or restart of the program loses nothing: the state, the
 * administrator's note, the last plan shown, the last verification, data a step records (the Exchange
 * configuration of 4.1, the monitor settings of 6) and the confirmation of a step's handwork. Written atomically
 * after every change.
 */
const stepRecordSchema = z.strictObject({
  state: stepStateSchema,
  at: z.string(),
  note: z.string().optional(),
  plan: stepPlanSchema.optional(),
  verification: stepVerificationSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** The digest of the pair document the step was last applied or verified against (see pair-store.ts). */
  pairDigest: z.string().optional(),
  /**
   * The administrator's confirmation of the part of the step only they can do (step 6: the monitor entered on each
   * target node): the note, when, and what it covered. It is not the step's state: see step-catalogue.ts.
   */
  handwork: z.strictObject({ note: z.string(), at: z.string(), subject: z.string() }).optional(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

const progressFileSchema = z.strictObject({
  version: z.literal(3),
  steps: z.record(z.string(), stepRecordSchema),
});
type ProgressFile = z.infer<typeof progressFileSchema>;

/**
 * Version 2: the same, but the plans kept had no digest, so Apply could not name the plan that was seen. Such a plan
 * is dropped on reading (the step keeps its state; the wizard asks for a plan before Apply).
 */
const progressFileV2Schema = z.strictObject({
  version: z.literal(2),
  steps: z.record(z.string(), stepRecordSchema.extend({ plan: z.unknown().optional() })),
});

/** Version 1 (issue 2): only 4.2.1 was automated, with `done`/`needs-attention`. */
const progressFileV1Schema = z.object({
  version: z.literal(1),
  steps: z.record(z.string(), z.object({ state: z.enum(['done', 'needs-attention']), at: z.string(), note: z.string().optional() })),
});

export class ProgressFileError extends Error {
  override readonly name = 'ProgressFileError';
}

export interface ProgressStore {
  /** Where the progress is kept. */
  readonly file: string;
  get(stepId: string): StepRecord | undefined;
  /** Replaces what is known of a step (fields not given are kept); resolves once it is on disk. */
  update(stepId: string, change: Partial<StepRecord> & Pick<StepRecord, 'at'>): Promise<StepRecord>;
}

function fromV1(data: z.infer<typeof progressFileV1Schema>): ProgressFile {
  const steps: Record<string, StepRecord> = {};
  for (const [id, record] of Object.entries(data.steps)) {
    steps[id] = { state: record.state === 'done' ? 'verified' : 'failed', at: record.at, ...(record.note !== undefined ? { note: record.note } : {}) };
  }
  return { version: 3, steps };
}

function fromV2(data: z.infer<typeof progressFileV2Schema>): ProgressFile {
  const steps: Record<string, StepRecord> = {};
  for (const [id, record] of Object.entries(data.steps)) {
    const { plan: _undigested, ...kept } = record;
    steps[id] = kept;
  }
  return { version: 3, steps };
}

/** Opens (or starts) the progress file; a damaged file is refused with a message naming the file and the field. */
export async function openProgressStore(file: string): Promise<ProgressStore> {
  let data: ProgressFile = { version: 3, steps: {} };
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
    const v1 = progressFileV1Schema.safeParse(json);
    const v2 = progressFileV2Schema.safeParse(json);
    if (v1.success) {
      data = fromV1(v1.data);
    } else if (v2.success) {
      data = fromV2(v2.data);
    } else {
      const parsed = progressFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ProgressFileError(`${file}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}`);
      }
      data = parsed.data;
    }
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
    file,
    get: (stepId) => data.steps[stepId],
    async update(stepId, change) {
      const before = data.steps[stepId];
      const next: StepRecord = { state: 'not-started', ...before, ...change };
      data = { ...data, steps: { ...data.steps, [stepId]: next } };
      await save();
      return next;
    },
  };
}
