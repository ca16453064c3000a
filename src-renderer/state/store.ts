import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppError, ClusterSummary, Environment, StepPlan, StepSummary, StepVerification } from '../../src-main/contract';

/**
 * The renderer's one store, made of typed slices. It holds a view of what the main process owns (environment, step
 * progress, clusters) plus what the user is doing on the current page. Actions live outside the store
 * (`actions.ts`), and what a step may do next is derived by selectors (`selectors.ts`), never stored.
 */

/** Something fetched from the main process. */
export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: AppError };

/** The bridge to the main process: the preview socket can be lost (server stopped); the Electron IPC cannot. */
export interface ConnectionSlice {
  readonly connection: 'open' | 'lost';
}

export interface EnvironmentSlice {
  readonly environment: Loadable<Environment>;
}

/** Where the left navigation points. */
export type NavTarget = { readonly kind: 'step'; readonly stepId: string } | { readonly kind: 'failover' };

export interface StepsSlice {
  /** Every setup step of guide sections 3-6 with its state, as the main process reports it. */
  readonly steps: Loadable<readonly StepSummary[]>;
  readonly selected: NavTarget | undefined;
}

/** What the user types into the 4.2.1 form; validated against the contract's `createGroupFormSchema` by selectors. */
export interface GroupFormDraft {
  readonly name: string;
  readonly description: string;
}
export type GroupFormField = keyof GroupFormDraft;

export type PlanState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly plan: StepPlan }
  | { readonly status: 'error'; readonly error: AppError };

export type JobState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly jobId: string;
      /** 0..1 */
      readonly value: number;
      readonly title: string;
      readonly description?: string;
      readonly cancelRequested: boolean;
    }
  | { readonly status: 'cancelled'; readonly message: string }
  | { readonly status: 'failed'; readonly error: AppError };

/** The step on screen: its saved state, the form, the plan shown, the running job and the last verification. */
export interface CurrentStep {
  readonly stepId: string;
  /** `step.get`: the summary and the input saved when the step was last applied. */
  readonly detail: Loadable<{ readonly summary: StepSummary; readonly savedInput: boolean }>;
  /** Present for steps with a form (4.2.1). */
  readonly draft: GroupFormDraft | undefined;
  /** Fields the user has left: their errors show; all show after a Preview attempt. */
  readonly touched: Readonly<Record<GroupFormField, boolean>>;
  readonly submitted: boolean;
  readonly plan: PlanState;
  readonly job: JobState;
  readonly verification: Loadable<StepVerification> | undefined;
}

export interface CurrentStepSlice {
  readonly current: CurrentStep | undefined;
}

export interface LabSlice {
  readonly lab: {
    readonly clusters: Loadable<readonly ClusterSummary[]> | undefined;
    /** The lab.power request in flight, if any. */
    readonly power: { readonly target: string; readonly on: boolean } | undefined;
    readonly powerError: AppError | undefined;
  };
}

export type WizardState = ConnectionSlice & EnvironmentSlice & StepsSlice & CurrentStepSlice & LabSlice;
export type WizardStore = StoreApi<WizardState>;

const connectionSlice = (): ConnectionSlice => ({ connection: 'open' });
const environmentSlice = (): EnvironmentSlice => ({ environment: { status: 'loading' } });
const stepsSlice = (): StepsSlice => ({ steps: { status: 'loading' }, selected: undefined });
const currentStepSlice = (): CurrentStepSlice => ({ current: undefined });
const labSlice = (): LabSlice => ({ lab: { clusters: undefined, power: undefined, powerError: undefined } });

/** The state before anything has been fetched. */
export const initialWizardState = (): WizardState => ({
  ...connectionSlice(),
  ...environmentSlice(),
  ...stepsSlice(),
  ...currentStepSlice(),
  ...labSlice(),
});

/** A fresh store (one per window; one per test). */
export const createWizardStore = (): WizardStore => createStore<WizardState>()(() => initialWizardState());

/** The empty form of 4.2.1. */
export const emptyGroupForm = (): GroupFormDraft => ({ name: '', description: '' });

/** The steps that have a form in this version. */
export const stepHasForm = (stepId: string): boolean => stepId === '4.2.1';

/** A fresh page for a step, before `step.get` answers. */
export const newCurrentStep = (stepId: string): CurrentStep => ({
  stepId,
  detail: { status: 'loading' },
  draft: stepHasForm(stepId) ? emptyGroupForm() : undefined,
  touched: { name: false, description: false },
  submitted: false,
  plan: { status: 'idle' },
  job: { status: 'idle' },
  verification: undefined,
});
