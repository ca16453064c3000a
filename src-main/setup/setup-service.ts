import { ClusterError } from '../cluster/port';
import { err, ok, type Result } from '../contract/result';
import type { StepInput, StepPlan, StepSummary, StepVerification } from '../contract/steps';
import { previewPlan, type AutomatedStep, type SetupWorld, type StepProgress } from './automated-step';
import type { ProgressStore } from './progress-store';
import type { SetupJournal } from './setup-journal';
import { STEP_CATALOGUE, findCatalogueEntry } from './step-catalogue';
import { createExchangeGroup } from './steps/create-exchange-group';

/** The automated steps by id; steps of the catalogue not here are worked through the guide by hand for now. */
const AUTOMATED: { readonly [K in StepInput['stepId']]: AutomatedStep<Extract<StepInput, { stepId: K }>> } = {
  '4.2.1': createExchangeGroup,
};

const automatedStep = (input: StepInput): AutomatedStep<StepInput> =>
  AUTOMATED[input.stepId] as AutomatedStep<StepInput>;

export interface SetupServiceDeps {
  readonly world: SetupWorld;
  readonly progress: ProgressStore;
  readonly journal: SetupJournal;
  readonly now: () => Date;
}

export const SetupErrorCode = {
  UnknownStep: 'setup/unknown-step',
  NotAutomated: 'setup/not-automated',
  NothingApplied: 'setup/nothing-applied',
  ClusterRefused: 'setup/cluster-refused',
  Busy: 'setup/busy',
} as const;

/** Guide sections 3-6 as a service: list, plan, apply (only what is needed), verify, with progress kept on disk. */
export function createSetupService({ world, progress, journal, now }: SetupServiceDeps) {
  let applying: string | undefined;

  function summary(id: string): StepSummary | undefined {
    const entry = findCatalogueEntry(id);
    if (!entry) return undefined;
    const record = progress.get(id);
    return {
      id: entry.id,
      title: entry.title,
      section: entry.section,
      cluster: entry.cluster,
      automated: Object.prototype.hasOwnProperty.call(AUTOMATED, id),
      state: record?.state ?? 'not-started',
      ...(record ? { doneAt: record.at } : {}),
      ...(record?.note !== undefined ? { note: record.note } : {}),
    };
  }

  async function verifyAndRecord(input: StepInput): Promise<StepVerification> {
    const verification = await automatedStep(input).verify(input, world);
    await progress.record(input.stepId, {
      state: verification.ok ? 'done' : 'needs-attention',
      at: now().toISOString(),
      input,
    });
    return verification;
  }

  return {
    list(): StepSummary[] {
      return STEP_CATALOGUE.map((entry) => summary(entry.id)).filter((s): s is StepSummary => s !== undefined);
    },

    get(stepId: string): Result<{ summary: StepSummary; input?: StepInput }> {
      const s = summary(stepId);
      if (!s) return err(SetupErrorCode.UnknownStep, `The guide has no step ${stepId}.`);
      const input = progress.inputOf(stepId);
      return ok(input ? { summary: s, input } : { summary: s });
    },

    async plan(input: StepInput): Promise<Result<StepPlan>> {
      try {
        return ok(previewPlan(input.stepId, await automatedStep(input).plan(input, world)));
      } catch (e) {
        return clusterFailure(e);
      }
    },

    /** Applies what the plan still needs, action by action, journalling each; then verifies and records. */
    async apply(
      input: StepInput,
      { signal, onProgress }: { signal: AbortSignal; onProgress: StepProgress },
    ): Promise<Result<StepVerification>> {
      if (applying !== undefined) {
        return err(SetupErrorCode.Busy, `Step ${applying} is being applied; wait for it to finish.`);
      }
      applying = input.stepId;
      try {
        const step = automatedStep(input);
        onProgress(0, 'Reading the cluster');
        const plan = await step.plan(input, world);
        const todo = plan.actions.filter((a) => a.needed);
        for (const [index, action] of todo.entries()) {
          if (signal.aborted) {
            return err('job/cancelled', `Cancelled before "${action.commandLine}"; ${index} of ${todo.length} changes were applied.`);
          }
          onProgress(index / (todo.length + 1), action.description, action.commandLine);
          try {
            await action.port.run(action.command, signal);
          } catch (e) {
            await journal.append({
              at: now().toISOString(),
              stepId: input.stepId,
              command: action.commandLine,
              outcome: 'refused',
              detail: e instanceof Error ? e.message : String(e),
            });
            return clusterFailure(e);
          }
          await journal.append({ at: now().toISOString(), stepId: input.stepId, command: action.commandLine, outcome: 'applied' });
        }
        onProgress(todo.length / (todo.length + 1), 'Verifying');
        const verification = await verifyAndRecord(input);
        onProgress(1, verification.ok ? 'Done' : 'Verification found a difference');
        return ok(verification);
      } catch (e) {
        return clusterFailure(e);
      } finally {
        applying = undefined;
      }
    },

    async verify(stepId: string): Promise<Result<StepVerification>> {
      if (!findCatalogueEntry(stepId)) return err(SetupErrorCode.UnknownStep, `The guide has no step ${stepId}.`);
      const input = progress.inputOf(stepId);
      if (!input) return err(SetupErrorCode.NothingApplied, `Step ${stepId} has not been applied yet, so there is nothing to verify.`);
      try {
        return ok(await verifyAndRecord(input));
      } catch (e) {
        return clusterFailure(e);
      }
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;

function clusterFailure(e: unknown): Result<never> {
  if (e instanceof ClusterError) {
    return err(SetupErrorCode.ClusterRefused, `The cluster refused: ${e.message}`, `System error ${e.code}`);
  }
  throw e;
}
