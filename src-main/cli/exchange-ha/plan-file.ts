/**
 * The plan file of `exchange-ha setup plan --out FILE`, applied exactly by `setup apply --plan FILE`: JSON, versioned,
 * holding the plan of each step that can be applied now (every step it needs verified or done by hand), in the
 * guide's order, each with its digest, and the steps that wait for others (named, not planned: a plan made before
 * the steps it builds on are applied would change once they are). Plans hold no password (DTCL LOGIN lines are
 * masked when planned), and the text written passes through the command's secret mask too.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { sha256HexSchema, stepIdSchema, stepPlanSchema, type StepPlan } from '../../contract/steps';
import { digestHolds } from '../../setup/plan-digest';
import { STEP_CATALOGUE, findCatalogueEntry } from '../../setup/step-catalogue';
import { writeFileAtomic } from '../../shared/write-file-atomic';
import { fileErrorReason } from '../cli-files';
import { UsageError } from '../usage-error';

export const PLAN_FILE_FORMAT = 'exchange-ha setup plan';
export const PLAN_FILE_VERSION = 1;

/** A plan file is small (a dozen steps); anything larger is not one. */
const MAX_PLAN_FILE_BYTES = 8 * 1024 * 1024;

export const planFileSchema = z.strictObject({
  format: z.literal(PLAN_FILE_FORMAT),
  version: z.literal(PLAN_FILE_VERSION),
  /** When the plans were made (ISO 8601). */
  madeAt: z.string(),
  /** The pair document the plans were made from, and its digest. */
  pair: z.strictObject({ file: z.string(), digest: sha256HexSchema }),
  /** Where they were made (`the lab in /tmp/lab1`, `the real tools (...)`). */
  where: z.string(),
  /** The steps that can be applied now, in the guide's order, each with its plan. */
  steps: z.array(z.strictObject({ id: stepIdSchema, title: z.string(), plan: stepPlanSchema })),
  /** The steps that wait for others: plan again once those are applied. */
  waiting: z.array(z.strictObject({ id: stepIdSchema, title: z.string(), waitsFor: z.array(stepIdSchema) })),
});
export type PlanFile = z.infer<typeof planFileSchema>;

const GUIDE_ORDER = new Map(STEP_CATALOGUE.map((entry, index) => [entry.id, index]));

/** What is wrong with a plan file beyond its shape, or undefined: the steps, their order and every digest. */
export function planFileProblem(file: PlanFile): string | undefined {
  let last = -1;
  for (const { id, plan } of file.steps) {
    const order = GUIDE_ORDER.get(id);
    if (order === undefined) return `the guide has no step ${id}`;
    if (order <= last) return `step ${id} is out of the guide's order or given twice`;
    last = order;
    if (plan.stepId !== id) return `the plan under step ${id} is the plan of step ${plan.stepId}`;
    if (plan.pairDigest !== file.pair.digest) return `the plan of step ${id} was made from another pair document than the file says`;
    if (!digestHolds(plan)) return `the plan of step ${id} is not the plan its digest names (the file was edited after it was made)`;
  }
  for (const { id } of file.waiting) if (findCatalogueEntry(id) === undefined) return `the guide has no step ${id}`;
  return undefined;
}

/** Reads and checks a plan file; an unreadable, malformed or edited one is refused (UsageError) naming why. */
export async function readPlanFile(path: string): Promise<PlanFile> {
  let text: string;
  try {
    const found = await stat(path);
    if (!found.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (found.size > MAX_PLAN_FILE_BYTES) throw new UsageError(`the plan file ${path} (--plan) is larger than a plan file can be; make a new one with setup plan --out`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read the plan file ${path} (--plan): ${fileErrorReason(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(`the plan file ${path} (--plan) is not JSON: ${(e as Error).message}`);
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.') || '(top)'}: ${issue.message}`;
    throw new UsageError(`${path} (--plan) is not a plan file of this program (${PLAN_FILE_FORMAT}, version ${PLAN_FILE_VERSION}): ${where}`);
  }
  const problem = planFileProblem(parsed.data);
  if (problem !== undefined) throw new UsageError(`the plan file ${path} (--plan) cannot be applied: ${problem}; make a new one with setup plan --out`);
  return parsed.data;
}

/** One step as planned for the file: its plan, or the steps it waits for. */
export type PlannedStep = { readonly id: string; readonly title: string } & ({ readonly plan: StepPlan } | { readonly waitsFor: readonly string[] });

/** The file's content for steps planned from one pair document (all plans must carry the same pair digest). */
export function planFileOf(steps: readonly PlannedStep[], meta: { readonly madeAt: string; readonly pairFile: string; readonly where: string }): PlanFile | string {
  const ready = steps.flatMap((step) => ('plan' in step ? [{ id: step.id, title: step.title, plan: step.plan }] : []));
  const waiting = steps.flatMap((step) => ('waitsFor' in step ? [{ id: step.id, title: step.title, waitsFor: [...step.waitsFor] }] : []));
  const digests = new Set(ready.map((step) => step.plan.pairDigest));
  const [digest] = digests;
  if (digests.size > 1) return 'the pair document changed while the steps were planned';
  if (digest === undefined) return 'no step can be applied now';
  return { format: PLAN_FILE_FORMAT, version: PLAN_FILE_VERSION, madeAt: meta.madeAt, pair: { file: meta.pairFile, digest }, where: meta.where, steps: ready, waiting };
}

/** Writes the file atomically (a reader sees the old file or the new one), through the secret mask. */
export async function writePlanFile(path: string, file: PlanFile, mask: (text: string) => string): Promise<void> {
  try {
    await writeFileAtomic(path, Buffer.from(mask(`${JSON.stringify(file, null, 2)}\n`), 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot write the plan file ${path} (--out): ${fileErrorReason(e)}`);
  }
}
